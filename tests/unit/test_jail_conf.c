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
	ck_assert_str_eq(settings("foo"), "name=foo exec.start=/bin/sh /etc/rc exec.stop=/bin/sh /etc/rc.shutdown jail "
					  "exec.clean mount.devfs path=/var/jail/foo host.hostname=foo.com "
					  "ip4.addr=10.1.1.1,10.1.1.2,10.1.1.3");
	/* mount.nodevfs supersedes mount.devfs: one parameter */
	ck_assert_str_eq(settings("bar"), "name=bar exec.start= exec.stop= exec.clean mount.nodevfs path=/ persist");
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
	ck_assert_str_eq(settings("web"), "name=web host.hostname=web.example path=/srv/jails/web ip4.addr=127.0.0.2,127.0.0.3 "
					  "exec.start=echo $HOME and \"web\"\tx persist=false allow.raw_sockets "
					  "exec.stop=a b");
	/* a jail the file does not name still gets the global and * statements */
	ck_assert_str_eq(settings("other"), "name=other host.hostname=other.example");
	jail_conf_free(&conf);
}
END_TEST

START_TEST(later_assignment_replaces)
{
	parse_ok("path = /a; web { path = /b; } web { path += /c; }");
	ck_assert_str_eq(settings("web"), "name=web path=/b,/c");
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
	parse_fails("web {\n  path = /x\n}\n", "t.conf line 3: }: syntax error");
	parse_fails("web { path = /x;\n", "t.conf: unexpected EOF");
	parse_fails("a = \"open\n", "t.conf line 1: unterminated string");
	parse_fails("/* never closed", "t.conf line 1: unterminated comment");
	parse_fails("a { b { c; } }", "t.conf line 1: {: syntax error");
	parse_fails("= x;", "t.conf line 1: =: syntax error");
	parse_fails("a = ;", "t.conf line 1: ;: syntax error");
	parse_fails("a = ${x.y;", "t.conf line 1: unterminated variable");
	parse_ok("web { path = \"$nosuch/x\"; }");
	struct conf_setting *s;
	ck_assert_int_eq(jail_conf_resolve(&conf, "web", &s, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "web: path: variable \"nosuch\" not found");
	jail_conf_free(&conf);
	parse_ok("web { a = $b; b = $a; }");
	ck_assert_int_eq(jail_conf_resolve(&conf, "web", &s, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "variable loop") != NULL, "%s", err);
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
	snprintf(want, sizeof(want), "%s: unexpected EOF", path);
	ck_assert_str_eq(err, want);
	unlink(path);
	rmdir(dir);
	ck_assert_int_eq(jail_conf_load("/nonexistent/jail.conf", &conf, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "/nonexistent/jail.conf: No such file or directory");
}
END_TEST

/* The statements of FreeBSD's own test file (usr.sbin/jail/tests/
 * commands.jail.conf): globals, then an empty block; the path line the
 * test appends after the block still applies. */
START_TEST(empty_block_is_a_jail)
{
	parse_ok("exec.prestop = \"echo STOP\";\nexec.prestart = \"echo START\";\npersist;\n\n"
		 "basejail {}\npath = \"/tmp\";\n");
	const char *names[4];
	ck_assert_uint_eq(jail_conf_names(&conf, names, 4), 1);
	ck_assert_str_eq(names[0], "basejail");
	ck_assert_str_eq(settings("basejail"),
			 "name=basejail exec.prestop=echo STOP exec.prestart=echo START persist path=/tmp");
	jail_conf_free(&conf);
}
END_TEST

START_TEST(value_without_equals)
{
	parse_ok("web { host.hostname web.example; ip4.addr 127.0.0.2, 127.0.0.3; persist; }");
	ck_assert_str_eq(settings("web"), "name=web host.hostname=web.example ip4.addr=127.0.0.2,127.0.0.3 persist");
	jail_conf_free(&conf);
}
END_TEST

START_TEST(numeric_block_is_the_jid)
{
	parse_ok("5309 { name = basejail; persist; }\n6000 { host.hostname = \"${name}\"; }");
	ck_assert_str_eq(settings("5309"), "jid=5309 name=basejail persist");
	ck_assert_str_eq(settings("6000"), "jid=6000 host.hostname=6000");
	jail_conf_free(&conf);
	parse_ok("web { name = other; }");
	struct conf_setting *s;
	ck_assert_int_eq(jail_conf_resolve(&conf, "web", &s, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "web: cannot redefine parameter \"name\".");
	jail_conf_free(&conf);
}
END_TEST

/* Later definitions supersede earlier ones, wherever they are (jail.conf(5),
 * "Wildcards"): a "*" block or a global line before the jail is a default
 * the jail overrides, one after it overrides the jail. */
START_TEST(position_decides)
{
	parse_ok("host.hostname = early;\n* { exec.start = early; }\n"
		 "web { host.hostname = own; exec.start = own; path = own; }\n"
		 "path = late;\n* { exec.start = late; }\n");
	ck_assert_str_eq(settings("web"), "name=web host.hostname=own exec.start=late path=late");
	jail_conf_free(&conf);
	parse_ok("foo.* { persist; }\nfoo.bar { path = /; }\nfoobar { path = /; }");
	ck_assert_str_eq(settings("foo.bar"), "name=foo.bar persist path=/");
	ck_assert_str_eq(settings("foobar"), "name=foobar path=/");
	jail_conf_free(&conf);
}
END_TEST

/* += on an exec.* hook: separate commands, in order. */
START_TEST(append_keeps_a_list)
{
	parse_ok("exec.prestart = \"echo a\";\nweb { exec.prestart += \"echo b\"; exec.prestart += 'echo c,d'; }");
	struct conf_setting *s;
	int n = jail_conf_resolve(&conf, "web", &s, err, sizeof(err));
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(s[1].name, "exec.prestart");
	ck_assert_uint_eq(s[1].nvalues, 3);
	ck_assert_str_eq(s[1].values[0], "echo a");
	ck_assert_str_eq(s[1].values[1], "echo b");
	ck_assert_str_eq(s[1].values[2], "echo c,d");
	jail_conf_settings_free(s, n);
	jail_conf_free(&conf);
}
END_TEST

START_TEST(variables_and_parameters_are_distinct)
{
	parse_ok("$dir = /srv; $ips = 127.0.0.2, 127.0.0.3;\n"
		 "web { path = \"$dir/web\"; ip4.addr = $ips; host.hostname = ${path}.x; }");
	/* a variable is not a parameter; a list variable alone expands to the list */
	ck_assert_str_eq(settings("web"), "name=web path=/srv/web ip4.addr=127.0.0.2,127.0.0.3 host.hostname=/srv/web.x");
	jail_conf_free(&conf);
	struct conf_setting *s;
	parse_ok("$path = /x; web { path = /y; }");
	ck_assert_int_eq(jail_conf_resolve(&conf, "web", &s, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "web: variable \"$path\" cannot have the same name as a parameter.");
	jail_conf_free(&conf);
	parse_ok("$ips = a, b; web { host.hostname = \"x$ips\"; }");
	ck_assert_int_eq(jail_conf_resolve(&conf, "web", &s, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "web: host.hostname: array cannot be substituted inline");
	jail_conf_free(&conf);
}
END_TEST

/* Quotes and escapes as FreeBSD's lexer: escapes work in both kinds of
 * quotes and unquoted; $ is substituted unquoted and in "..." only. */
START_TEST(quotes_and_escapes)
{
	parse_ok("$v = V; web { a = 'x\\ty$v'; b = \"x\\ty$v\"; c = x\\ty$v; d = \\$v\"\\$v\"; "
		 "e = ${v}1; f = '\\'q'; g = \"\\101\\x42\"; }");
	ck_assert_str_eq(settings("web"), "name=web a=x\ty$v b=x\tyV c=x\tyV d=$v$v e=V1 f='q g=AB");
	jail_conf_free(&conf);
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
	tcase_add_test(tc, empty_block_is_a_jail);
	tcase_add_test(tc, value_without_equals);
	tcase_add_test(tc, numeric_block_is_the_jid);
	tcase_add_test(tc, position_decides);
	tcase_add_test(tc, append_keeps_a_list);
	tcase_add_test(tc, variables_and_parameters_are_distinct);
	tcase_add_test(tc, quotes_and_escapes);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
