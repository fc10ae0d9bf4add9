/* SPDX-License-Identifier: BSD-2-Clause */
/* jail.conf(5) parsing and resolution (policy/jail_conf.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../policy/jail_conf.h"
#include "run_suite.h"

static struct jail_conf conf;
static char err[512];

static void parse_ok(const char *text)
{
	int rc = jail_conf_parse("t.conf", text, &conf, err, sizeof(err));
	ck_assert_msg(rc == 0, "parse failed: %s", err);
}

/* "name=value name2 ..." of jail `name`, in resolution order. */
static const char *settings(const char *name)
{
	static char out[2048];
	struct conf_setting *s;
	int n = jail_conf_resolve(&conf, name, &s, err, sizeof(err));
	ck_assert_msg(n >= 0, "resolve failed: %s", err);
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		size_t len = strlen(out);
		snprintf(out + len, sizeof(out) - len, "%s%s%s%s", i ? " " : "", s[i].name, s[i].value ? "=" : "",
			 s[i].value ? s[i].value : "");
	}
	jail_conf_settings_free(s, n);
	return out;
}

START_TEST(man_page_example)
{
	parse_ok("# Typical static defaults:\n"
		 "exec.start = \"/bin/sh /etc/rc\";\n"
		 "exec.stop = \"/bin/sh /etc/rc.shutdown jail\";\n"
		 "exec.clean;\n"
		 "mount.devfs;\n"
		 "path = \"/var/jail/$name\";\n"
		 "foo {\n"
		 "\thost.hostname = \"foo.com\";\n"
		 "\tip4.addr = 10.1.1.1, 10.1.1.2, 10.1.1.3;\n"
		 "}\n"
		 "bar {\n"
		 "\texec.start = '';\n"
		 "\texec.stop = '';\n"
		 "\tpath = /;\n"
		 "\tmount.nodevfs;\n"
		 "\tpersist;\n"
		 "}\n");
	ck_assert_str_eq(settings("foo"), "exec.start=/bin/sh /etc/rc exec.stop=/bin/sh /etc/rc.shutdown jail "
					  "exec.clean mount.devfs path=/var/jail/foo host.hostname=foo.com "
					  "ip4.addr=10.1.1.1,10.1.1.2,10.1.1.3");
	ck_assert_str_eq(settings("bar"),
			 "exec.start= exec.stop= exec.clean mount.devfs path=/ mount.nodevfs persist");
	const char *names[4];
	ck_assert_uint_eq(jail_conf_names(&conf, names, 4), 2);
	ck_assert_str_eq(names[0], "foo");
	ck_assert_str_eq(names[1], "bar");
	ck_assert(jail_conf_has(&conf, "bar"));
	ck_assert(!jail_conf_has(&conf, "baz"));
	jail_conf_free(&conf);
}
END_TEST

START_TEST(variables_append_wildcards_quotes)
{
	parse_ok("$base = /srv/jails; /* a comment */\n"
		 "* { host.hostname = \"$name.example\"; }   // all\n"
		 "web {\n"
		 "  path = \"${base}/web\";\n"
		 "  ip4.addr = 127.0.0.2;\n"
		 "  ip4.addr += 127.0.0.3;\n"
		 "  exec.start = 'echo $HOME'\" and \\\"$name\\\"\\tx\";\n"
		 "  persist = false; # trailing\n"
		 "  allow.raw_sockets;\n"
		 "  exec.stop = \"a \\\n"
		 "b\";\n"
		 "}\n");
	ck_assert_str_eq(settings("web"), "host.hostname=web.example path=/srv/jails/web ip4.addr=127.0.0.2,127.0.0.3 "
					  "exec.start=echo $HOME and \"web\"\tx persist=false allow.raw_sockets "
					  "exec.stop=a b");
	/* a jail the file does not name still gets the global and * statements */
	ck_assert_str_eq(settings("other"), "host.hostname=other.example");
	jail_conf_free(&conf);
}
END_TEST

START_TEST(later_assignment_replaces)
{
	parse_ok("path = /a; web { path = /b; } web { path += /c; }");
	ck_assert_str_eq(settings("web"), "path=/b,/c");
	jail_conf_free(&conf);
}
END_TEST

static void parse_fails(const char *text, const char *want)
{
	int rc = jail_conf_parse("t.conf", text, &conf, err, sizeof(err));
	ck_assert_msg(rc == -1, "parsed: %s", text);
	ck_assert_str_eq(err, want);
}

START_TEST(errors_say_file_and_line)
{
	parse_fails("web {\n  path = /x\n}\n", "t.conf:3: syntax error near \"}\"");
	parse_fails("web { path = /x;\n", "t.conf:1: web: missing \"}\"");
	parse_fails("a = \"open\n", "t.conf:2: unterminated string");
	parse_fails("/* never closed", "t.conf:1: unterminated comment");
	parse_fails("a { b { c; } }", "t.conf:1: b: nested jails are not supported");
	parse_fails("= x;", "t.conf:1: syntax error near \"=\"");
	parse_fails("a = ;", "t.conf:1: syntax error near \";\"");
	parse_ok("web { path = \"$nosuch/x\"; }");
	struct conf_setting *s;
	ck_assert_int_eq(jail_conf_resolve(&conf, "web", &s, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "web: unknown variable \"nosuch\"");
	jail_conf_free(&conf);
	parse_ok("web { a = $b; b = $a; }");
	ck_assert_int_eq(jail_conf_resolve(&conf, "web", &s, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "substitution loop") != NULL, "%s", err);
	jail_conf_free(&conf);
}
END_TEST

START_TEST(include_files)
{
	char dir[] = "/tmp/jail-conf-test.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[256], text[512];
	snprintf(path, sizeof(path), "%s/a.conf", dir);
	FILE *f = fopen(path, "w");
	fputs("inc { persist; }\n", f);
	fclose(f);
	snprintf(text, sizeof(text), "top { persist; }\n.include \"%s/*.conf\";\n.include \"%s/none-*.conf\";\n",
		 dir, dir);
	parse_ok(text);
	ck_assert(jail_conf_has(&conf, "inc"));
	ck_assert(jail_conf_has(&conf, "top"));
	jail_conf_free(&conf);
	f = fopen(path, "w");
	fputs("bad {\n", f);
	fclose(f);
	ck_assert_int_eq(jail_conf_parse("t.conf", text, &conf, err, sizeof(err)), -1);
	char want[300];
	snprintf(want, sizeof(want), "%s:1: bad: missing \"}\"", path);
	ck_assert_str_eq(err, want);
	unlink(path);
	rmdir(dir);
	ck_assert_int_eq(jail_conf_load("/nonexistent/jail.conf", &conf, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "/nonexistent/jail.conf: No such file or directory");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("jail_conf");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, man_page_example);
	tcase_add_test(tc, variables_append_wildcards_quotes);
	tcase_add_test(tc, later_assignment_replaces);
	tcase_add_test(tc, errors_say_file_and_line);
	tcase_add_test(tc, include_files);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
