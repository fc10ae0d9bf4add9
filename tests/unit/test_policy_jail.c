/* SPDX-License-Identifier: BSD-2-Clause */
/* policy/jail.c and policy/cmdline_old.c: the jail model and jail(8)'s old
 * command line, without tracing anything. */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../../policy/cmdline.h"
#include "../../policy/jail.h"
#include "../../policy/jail_modify.h"
#include "run_suite.h"

START_TEST(defaults_are_freebsds)
{
	struct jail j;
	jail_init(&j);
	ck_assert_str_eq(j.path, "/");
	ck_assert_int_eq(j.ip4_count, 0);
	ck_assert_int_eq(j.ip6_count, 0);
	ck_assert(j.allow[JAIL_ALLOW_set_hostname]);
	ck_assert(j.allow[JAIL_ALLOW_reserved_ports]);
	ck_assert(j.allow[JAIL_ALLOW_suser]);
	ck_assert(!j.allow[JAIL_ALLOW_sysvipc]);
	ck_assert(!j.allow[JAIL_ALLOW_raw_sockets]);
	ck_assert(!j.allow[JAIL_ALLOW_mount]);
	ck_assert_int_eq(jail_allow_lookup("raw_sockets"), JAIL_ALLOW_raw_sockets);
	ck_assert_int_eq(jail_allow_lookup("nonsense"), -1);
	ck_assert_str_eq(jail_allow_name(JAIL_ALLOW_mlock), "mlock");
	ck_assert(!jail_has_root(&j));
}
END_TEST

static const struct {
	const char *list;
	int ok, n4, n6;
	const char *err;
} addr_cases[] = {
	{"", 1, 0, 0, NULL},
	{"127.0.0.2", 1, 1, 0, NULL},
	{"127.0.0.2,::1", 1, 1, 1, NULL},
	{"::1,127.0.0.2,127.0.0.3", 1, 2, 1, NULL},
	{"fe80::1", 1, 0, 1, NULL},
	{"::ffff:127.0.0.2", 1, 0, 1, NULL},
	{"myhost", 0, 0, 0, "ip4.addr: not an IPv4 address: myhost"},
	{"127.0.0.256", 0, 0, 0, "ip4.addr: not an IPv4 address: 127.0.0.256"},
	{"127.0.0.2,,::1", 0, 0, 0, NULL},
	{"0.0.0.0", 0, 0, 0, "ip4.addr: invalid address 0.0.0.0"},
	{"::", 0, 0, 0, "ip6.addr: invalid address ::"},
	{"127.0.0.2,127.0.0.2", 0, 0, 0, "ip4.addr: duplicate address 127.0.0.2"},
};

START_TEST(address_lists)
{
	struct jail j;
	char err[256];
	jail_init(&j);
	err[0] = '\0';
	int rc = jail_parse_addrs(&j, addr_cases[_i].list, err, sizeof(err));
	ck_assert_msg((rc == 0) == addr_cases[_i].ok, "\"%s\": rc %d (%s)", addr_cases[_i].list, rc, err);
	if (addr_cases[_i].ok) {
		ck_assert_int_eq(j.ip4_count, addr_cases[_i].n4);
		ck_assert_int_eq(j.ip6_count, addr_cases[_i].n6);
	} else if (addr_cases[_i].err) {
		ck_assert_str_eq(err, addr_cases[_i].err);
	}
}
END_TEST

START_TEST(primary_address_is_first)
{
	struct jail j;
	char err[256];
	jail_init(&j);
	ck_assert_int_eq(jail_parse_addrs(&j, "::1,127.0.0.3,127.0.0.2", err, sizeof(err)), 0);
	ck_assert_uint_eq(j.ip4[0].s_addr, inet_addr("127.0.0.3"));
	ck_assert_uint_eq(j.ip4[1].s_addr, inet_addr("127.0.0.2"));
}
END_TEST

START_TEST(hostname_rules)
{
	struct jail j;
	jail_init(&j);
	ck_assert_int_eq(jail_set_hostname(&j, "myhost", 6), 0);
	ck_assert_str_eq(j.hostname, "myhost");
	char long_name[80];
	memset(long_name, 'x', sizeof(long_name));
	ck_assert_int_eq(jail_set_hostname(&j, long_name, 65), -EINVAL);
	ck_assert_int_eq(jail_set_hostname(&j, long_name, 64), 0);
	ck_assert_int_eq(strlen(j.hostname), 64);
	ck_assert_int_eq(jail_priv_set_hostname(&j, 0), 0);
	ck_assert_int_eq(jail_priv_set_hostname(&j, 1000), -EPERM);
	j.allow[JAIL_ALLOW_set_hostname] = false;
	ck_assert_int_eq(jail_priv_set_hostname(&j, 0), -EPERM);
}
END_TEST

static int parse(char *const *argv, struct jail_cmdline *cl, char *err, size_t errlen)
{
	int argc = 0;
	while (argv[argc])
		argc++;
	return jail_parse_old_syntax(argc, (char **)argv, cl, err, errlen);
}

START_TEST(old_syntax)
{
	struct jail_cmdline cl;
	char err[512];
	char *const ok[] = {"jail", "-q", "/", "myhost", "127.0.0.2,::1", "make", "install", NULL};
	ck_assert_int_eq(parse(ok, &cl, err, sizeof(err)), 0);
	ck_assert(cl.quiet);
	ck_assert_str_eq(cl.jail.path, "/");
	ck_assert_str_eq(cl.jail.hostname, "myhost");
	ck_assert_int_eq(cl.jail.ip4_count, 1);
	ck_assert_int_eq(cl.jail.ip6_count, 1);
	ck_assert_str_eq(cl.command[0], "make");
	ck_assert_str_eq(cl.command[1], "install");
	ck_assert_ptr_null(cl.command[2]);

	char *const canonical[] = {"jail", "/usr/../tmp/", "h", "", "true", NULL};
	ck_assert_int_eq(parse(canonical, &cl, err, sizeof(err)), 0);
	ck_assert_str_eq(cl.jail.path, "/tmp");

	char *const no_cmd[] = {"jail", "/", "h", "127.0.0.2", NULL};
	ck_assert_int_eq(parse(no_cmd, &cl, err, sizeof(err)), 1);
	char *const bad_opt[] = {"jail", "-Z", "/", "h", "", "true", NULL};
	ck_assert_int_eq(parse(bad_opt, &cl, err, sizeof(err)), 1);

	char *const relative[] = {"jail", "tmp", "h", "", "true", NULL};
	ck_assert_int_eq(parse(relative, &cl, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "path tmp: not an absolute pathname");
	char *const missing[] = {"jail", "/nonexistent/x", "h", "", "true", NULL};
	ck_assert_int_eq(parse(missing, &cl, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "path /nonexistent/x: No such file or directory");
	char *const file[] = {"jail", "/etc/passwd", "h", "", "true", NULL};
	ck_assert_int_eq(parse(file, &cl, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "path /etc/passwd: Not a directory");
	char *const bad_ip[] = {"jail", "/", "h", "1.2.3", "true", NULL};
	ck_assert_int_eq(parse(bad_ip, &cl, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "ip4.addr: not an IPv4 address: 1.2.3");
}
END_TEST

/* jail -m: FreeBSD's never-changes and this design's live set. */
START_TEST(modify_rules)
{
	struct jail a, b;
	char err[256];
	jail_init(&a);
	strcpy(a.name, "web");
	a.jid = 3;
	ck_assert_int_eq(jail_parse_addrs(&a, "127.0.0.2", err, sizeof(err)), 0);
	b = a;
	strcpy(b.hostname, "x");
	ck_assert_int_eq(jail_parse_addrs(&b, "127.0.0.3", err, sizeof(err)), 0);
	b.persist = true;
	b.children_max = 4;
	ck_assert_int_eq(jail_modify_check(&a, &b, true, err, sizeof(err)), 0);
	b = a;
	b.allow[JAIL_ALLOW_raw_sockets] = true;
	ck_assert_int_eq(jail_modify_check(&a, &b, true, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "allow.raw_sockets cannot be changed while the jail has processes");
	ck_assert_int_eq(jail_modify_check(&a, &b, false, err, sizeof(err)), 0);
	b = a;
	ck_assert_int_eq(jail_parse_addrs(&b, "::1", err, sizeof(err)), 0); /* a first IPv6 address */
	ck_assert_int_eq(jail_modify_check(&a, &b, true, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "ip6 cannot be changed while the jail has processes");
	b = a;
	strcpy(b.path, "/tmp");
	ck_assert_int_eq(jail_modify_check(&a, &b, false, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "path cannot be changed after creation");
	b = a;
	strcpy(b.osrelease, "13.2-RELEASE");
	ck_assert_int_eq(jail_modify_check(&a, &b, false, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "osrelease cannot be changed after creation");
	a.securelevel = 2;
	b = a;
	b.securelevel = 1;
	ck_assert_int_eq(jail_modify_check(&a, &b, false, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "jail_set: Operation not permitted");
	/* securelevel bounds allow.* (jail_allowed) */
	a.allow[JAIL_ALLOW_chflags] = a.allow[JAIL_ALLOW_settime] = true;
	ck_assert(!jail_allowed(&a, JAIL_ALLOW_chflags));
	ck_assert(!jail_allowed(&a, JAIL_ALLOW_settime));
	a.securelevel = 1;
	ck_assert(!jail_allowed(&a, JAIL_ALLOW_chflags));
	ck_assert(jail_allowed(&a, JAIL_ALLOW_settime));
	a.securelevel = -1;
	ck_assert(jail_allowed(&a, JAIL_ALLOW_chflags));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("policy_jail");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, defaults_are_freebsds);
	tcase_add_loop_test(tc, address_lists, 0, sizeof(addr_cases) / sizeof(addr_cases[0]));
	tcase_add_test(tc, primary_address_is_first);
	tcase_add_test(tc, hostname_rules);
	tcase_add_test(tc, old_syntax);
	tcase_add_test(tc, modify_rules);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
