/* SPDX-License-Identifier: BSD-2-Clause */
/* policy/jls.c: jls(8)'s formats, byte for byte, on made-up jails. */
#include <arpa/inet.h>
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../policy/jls.h"
#include "run_suite.h"

static struct jail web, bare;
static const pid_t web_pids[] = {101, 205};

static void setup(void)
{
	char err[128];
	jail_init(&web);
	web.jid = 3;
	strcpy(web.name, "web");
	strcpy(web.path, "/srv/jails/web");
	strcpy(web.hostname, "web.example.org");
	strcpy(web.domainname, "example.org");
	web.persist = true;
	ck_assert_int_eq(jail_parse_addrs(&web, "127.0.0.5,127.0.0.6,::1", err, sizeof(err)), 0);
	jail_init(&bare);
	bare.jid = 12;
	strcpy(bare.name, "12");
}

/* Runs jls's formatting for args over the two jails; returns the output. */
static char *run(const char *const *args)
{
	static char *argv[32];
	static char store[32][64];
	int argc = 0;
	argv[argc++] = "jls";
	for (; args[argc - 1]; argc++) {
		strcpy(store[argc], args[argc - 1]);
		argv[argc] = store[argc];
	}
	argv[argc] = NULL;
	struct jls_opts o;
	char err[128];
	ck_assert_msg(jls_parse_args(argc, argv, &o, err, sizeof(err)) == 0, "%s", err);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	jls_print_header(f, &o);
	struct jls_jail a = {.jail = &web, .nproc = 2, .pids = web_pids, .npids = 2};
	struct jls_jail b = {.jail = &bare, .dying = true};
	jls_print_jail(f, &o, &a);
	jls_print_jail(f, &o, &b);
	fclose(f);
	return buf;
}

#define JLS(...) run((const char *const[]){__VA_ARGS__, NULL})
#define JLS0() run((const char *const[]){NULL})

#define EXPECT(got, want)                \
	do {                             \
		char *g_ = (got);        \
		if (strcmp(g_, want) != 0) /* Check cuts long messages */ \
			fprintf(stderr, "got:\n%s\nwant:\n%s\n", g_, want); \
		ck_assert_str_eq(g_, want); \
		free(g_);                \
	} while (0)

START_TEST(default_format)
{
	EXPECT(JLS0(),
	       "   JID  IP Address      Hostname                      Path\n"
	       "     3  127.0.0.5       web.example.org               /srv/jails/web\n"
	       "    12                                                /\n");
}
END_TEST

START_TEST(name_instead_of_jid)
{
	EXPECT(JLS("-N"),
	       " JID             IP Address      Hostname                      Path\n"
	       " web             127.0.0.5       web.example.org               /srv/jails/web\n"
	       " 12                                                            /\n");
}
END_TEST

START_TEST(verbose_format)
{
	EXPECT(JLS("-v"),
	       "   JID  Hostname                      Path\n"
	       "        Name                          State\n"
	       "        CPUSetID\n"
	       "        IP Address(es)\n"
	       "     3  web.example.org               /srv/jails/web\n"
	       "        web                           ACTIVE\n"
	       "        0\n"
	       "        127.0.0.5\n"
	       "        127.0.0.6\n"
	       "        ::1\n"
	       "    12                                /\n"
	       "        12                            DYING\n"
	       "        0\n");
}
END_TEST

START_TEST(truncation)
{
	struct jail long_one;
	jail_init(&long_one);
	long_one.jid = 123456;
	strcpy(long_one.hostname, "a-very-long-hostname-that-goes-past-29.example");
	memset(long_one.path, 'p', 100);
	long_one.path[0] = '/';
	long_one.path[100] = '\0';
	struct jls_opts o;
	char *argv[] = {"jls", NULL};
	char err[64], *buf = NULL;
	size_t len;
	ck_assert_int_eq(jls_parse_args(1, argv, &o, err, sizeof(err)), 0);
	FILE *f = open_memstream(&buf, &len);
	struct jls_jail jj = {.jail = &long_one};
	jls_print_jail(f, &o, &jj);
	fclose(f);
	char want[256];
	snprintf(want, sizeof(want), "123456  %-15s a-very-long-hostname-that-goe /%.73s\n", "", long_one.path + 1);
	ck_assert_str_eq(buf, want);
	free(buf);
}
END_TEST

START_TEST(parameter_lists)
{
	EXPECT(JLS("jid", "name", "path"), "3 web /srv/jails/web\n12 12 /\n");
	EXPECT(JLS("-j", "web", "jid", "name", "persist", "ip4.addr", "ip6.addr"),
	       "3 web true 127.0.0.5,127.0.0.6 ::1\n12 12 false - -\n");
	EXPECT(JLS("-h", "jid", "host.hostname", "host.domainname"),
	       "jid host.hostname host.domainname\n3 web.example.org example.org\n12 \"\" \"\"\n");
	EXPECT(JLS("-n", "jid", "persist", "dying", "allow.set_hostname", "allow.mount", "ip4.addr"),
	       "jid=3 persist nodying allow.set_hostname allow.nomount ip4.addr=127.0.0.5,127.0.0.6\n"
	       "jid=12 nopersist dying allow.set_hostname allow.nomount ip4.addr=\n");
	EXPECT(JLS("-nq", "ip4.addr", "host.hostname"),
	       "ip4.addr=127.0.0.5,127.0.0.6 host.hostname=web.example.org\nip4.addr=\"\" host.hostname=\"\"\n");
	EXPECT(JLS("nproc", "pids"), "2 101,205\n0 -\n");
	/* -v with parameters is a plain list */
	EXPECT(JLS("-v", "name"), "web\n12\n");
}
END_TEST

START_TEST(quoting)
{
	strcpy(web.hostname, "has space");
	EXPECT(JLS("host.hostname"), "has space\n\"\"\n");
	EXPECT(JLS("-q", "host.hostname"), "\"has space\"\n\"\"\n");
	strcpy(web.hostname, "it's");
	EXPECT(JLS("-q", "host.hostname"), "\"it's\"\n\"\"\n");
	strcpy(web.hostname, "say \"x\"");
	EXPECT(JLS("-q", "host.hostname"), "'say \"x\"'\n\"\"\n");
}
END_TEST

START_TEST(all_parameters)
{
	EXPECT(JLS("-n"),
	       "devfs_ruleset=0 nodying enforce_statfs=2 env=\"\" host=new ip4=new ip6=new jid=3 meta=\"\" "
	       "name=web osreldate=1400097 osrelease=\"\" parent=0 path=/srv/jails/web persist securelevel=-1 "
	       "sysvmsg=disable sysvsem=disable sysvshm=disable vnet=inherit allow.noadjtime allow.nochflags "
	       "allow.noextattr allow.nomlock allow.nomount allow.mount.nodevfs allow.mount.nofdescfs "
	       "allow.mount.nofusefs allow.mount.nolinprocfs allow.mount.nolinsysfs allow.mount.nonullfs "
	       "allow.mount.noprocfs allow.mount.notmpfs allow.mount.nozfs allow.nonfsd allow.noquotas "
	       "allow.noraw_sockets allow.noread_msgbuf allow.reserved_ports allow.norouting "
	       "allow.set_hostname allow.nosetaudit allow.nosettime allow.nosocket_af allow.suser "
	       "allow.nosysvipc allow.nounprivileged_parent_tampering allow.unprivileged_proc_debug "
	       "allow.novmm children.cur=0 children.max=0 cpuset.id=0 host.domainname=example.org "
	       "host.hostid=0 host.hostname=web.example.org host.hostuuid=\"\" ip4.addr=127.0.0.5,127.0.0.6 "
	       "ip4.saddrsel ip6.addr=::1 ip6.saddrsel\n"
	       "devfs_ruleset=0 dying enforce_statfs=2 env=\"\" host=new ip4=disable ip6=disable jid=12 meta=\"\" "
	       "name=12 osreldate=1400097 osrelease=\"\" parent=0 path=/ nopersist securelevel=-1 "
	       "sysvmsg=disable sysvsem=disable sysvshm=disable vnet=inherit allow.noadjtime allow.nochflags "
	       "allow.noextattr allow.nomlock allow.nomount allow.mount.nodevfs allow.mount.nofdescfs "
	       "allow.mount.nofusefs allow.mount.nolinprocfs allow.mount.nolinsysfs allow.mount.nonullfs "
	       "allow.mount.noprocfs allow.mount.notmpfs allow.mount.nozfs allow.nonfsd allow.noquotas "
	       "allow.noraw_sockets allow.noread_msgbuf allow.reserved_ports allow.norouting "
	       "allow.set_hostname allow.nosetaudit allow.nosettime allow.nosocket_af allow.suser "
	       "allow.nosysvipc allow.nounprivileged_parent_tampering allow.unprivileged_proc_debug "
	       "allow.novmm children.cur=0 children.max=0 cpuset.id=0 host.domainname=\"\" host.hostid=0 "
	       "host.hostname=\"\" host.hostuuid=\"\" ip4.addr= ip4.saddrsel ip6.addr= ip6.saddrsel\n");
	/* -s: what jail(8) would take back: writable ones, ip4.addr only if ip4=new */
	EXPECT(JLS("-s", "jid", "dying", "name", "ip4", "ip4.addr", "host.hostname"),
	       "jid=3 name=web ip4=new ip4.addr=127.0.0.5,127.0.0.6 host.hostname=web.example.org\n"
	       "jid=12 name=12 ip4=disable host.hostname=\"\"\n");
}
END_TEST

START_TEST(errors)
{
	struct jls_opts o;
	char err[128];
	char *bad[] = {"jls", "jid", "nosuchparam", NULL};
	ck_assert_int_eq(jls_parse_args(3, bad, &o, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "unknown parameter: nosuchparam");
	char *opt[] = {"jls", "-x", NULL};
	ck_assert_int_eq(jls_parse_args(2, opt, &o, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "usage: jls [-dhNnqv] [-j jail] [param ...]");
	char *byname[] = {"jls", "-j", "web", NULL};
	ck_assert_int_eq(jls_parse_args(3, byname, &o, err, sizeof(err)), 0);
	jls_not_found(&o, err, sizeof(err));
	ck_assert_str_eq(err, "jail \"web\" not found");
	char *byjid[] = {"jls", "-j", "42", NULL};
	ck_assert_int_eq(jls_parse_args(3, byjid, &o, err, sizeof(err)), 0);
	ck_assert_int_eq(o.jid, 42);
	jls_not_found(&o, err, sizeof(err));
	ck_assert_str_eq(err, "jail 42 not found");
	char *zero[] = {"jls", "-j", "0", NULL};
	ck_assert_int_eq(jls_parse_args(3, zero, &o, err, sizeof(err)), 0);
	ck_assert_str_eq(o.jname, "0"); /* FreeBSD: jid 0 is looked up as a name */
}
END_TEST

int main(void)
{
	Suite *s = suite_create("jls");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, default_format);
	tcase_add_test(tc, name_instead_of_jid);
	tcase_add_test(tc, verbose_format);
	tcase_add_test(tc, truncation);
	tcase_add_test(tc, parameter_lists);
	tcase_add_test(tc, quoting);
	tcase_add_test(tc, all_parameters);
	tcase_add_test(tc, errors);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
