/* SPDX-License-Identifier: BSD-2-Clause */
/* policy/cmdline_new.c: jail -c param=value ... and jail -r, without
 * creating anything. */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <string.h>
#include <sys/mount.h>

#include "../../policy/cmdline.h"
#include "../../policy/jail_mount.h"
#include "../../policy/jail_params.h"
#include "run_suite.h"

/* Parses a NULL-terminated list of words (copied: the parser rewrites argv). */
static int parse(struct jail_cmdline *cl, char *err, const char *const *words)
{
	static char store[32][256];
	static char *argv[33];
	int argc = 0;
	for (; words[argc]; argc++) {
		strcpy(store[argc], words[argc]);
		argv[argc] = store[argc];
	}
	argv[argc] = NULL;
	err[0] = '\0';
	return jail_parse_cmdline(argc, argv, cl, err, 256);
}

#define PARSE(...) parse(&cl, err, (const char *const[]){"jail", __VA_ARGS__, NULL})

START_TEST(create_with_parameters)
{
	struct jail_cmdline cl;
	char err[256];
	ck_assert_int_eq(PARSE("-c", "name=web", "path=/", "host.hostname=web.example", "ip4.addr=127.0.0.5,127.0.0.6",
			       "ip6.addr=::1", "ip4.addr=127.0.0.7", "persist", "allow.noset_hostname", "allow.raw_sockets=1",
			       "stop.timeout=3"),
			 0);
	ck_assert_int_eq(cl.op, JAIL_OP_CREATE);
	ck_assert(!cl.old_syntax);
	ck_assert_str_eq(cl.jail.name, "web");
	ck_assert(cl.name_given);
	ck_assert_str_eq(cl.jail.path, "/");
	/* a dotted name is a child's (tools/nest_create.c checks its parent) */
	struct jail_cmdline child;
	ck_assert_int_eq(parse(&child, err, (const char *const[]){"jail", "-c", "name=p.x", "persist", NULL}), 0);
	ck_assert_str_eq(child.jail.name, "p.x");
	ck_assert_str_eq(cl.jail.hostname, "web.example");
	ck_assert_int_eq(cl.jail.ip4_count, 3);
	ck_assert_uint_eq(cl.jail.ip4[2].s_addr, inet_addr("127.0.0.7"));
	ck_assert_int_eq(cl.jail.ip6_count, 1);
	ck_assert(cl.jail.persist);
	ck_assert(!cl.jail.allow[JAIL_ALLOW_set_hostname]);
	ck_assert(cl.jail.allow[JAIL_ALLOW_raw_sockets]);
	ck_assert_int_eq(cl.stop_timeout, 3);
	ck_assert_ptr_null(cl.command);
	ck_assert_int_eq(cl.jail.jid, 0);
}
END_TEST

START_TEST(defaults)
{
	struct jail_cmdline cl;
	char err[256];
	ck_assert_int_eq(PARSE("-c", "path=/", "persist"), 0);
	ck_assert_str_eq(cl.jail.name, "");
	ck_assert(!cl.name_given);
	ck_assert_str_eq(cl.jail.path, "/");
	ck_assert_str_eq(cl.jail.hostname, "");
	ck_assert_int_eq(cl.stop_timeout, JAIL_STOP_TIMEOUT_DEFAULT);
	ck_assert(cl.jail.allow[JAIL_ALLOW_set_hostname]);
	ck_assert(!cl.quiet);
	ck_assert(!cl.print_jid);
}
END_TEST

START_TEST(command_takes_the_rest)
{
	struct jail_cmdline cl;
	char err[256];
	ck_assert_int_eq(PARSE("-c", "name=a", "command=/bin/sh", "-c", "name=x; exit 3"), 0);
	ck_assert_ptr_nonnull(cl.command);
	ck_assert_str_eq(cl.command[0], "/bin/sh");
	ck_assert_str_eq(cl.command[1], "-c");
	ck_assert_str_eq(cl.command[2], "name=x; exit 3");
	ck_assert_ptr_null(cl.command[3]);
	ck_assert_str_eq(cl.jail.name, "a");
	ck_assert_int_eq(PARSE("-c", "name=b", "command", "echo", "hi"), 0);
	ck_assert_str_eq(cl.command[0], "echo");
	ck_assert_str_eq(cl.command[1], "hi");
	ck_assert_int_eq(PARSE("-ic", "-n", "c", "persist=false", "nopersist=0", "jid=12"), 0);
	ck_assert(cl.jail.persist); /* nopersist=0 is persist */
	ck_assert(cl.print_jid);
	ck_assert(cl.quiet);
	ck_assert_str_eq(cl.jail.name, "c");
	ck_assert_int_eq(cl.jail.jid, 12);
}
END_TEST

static const struct {
	const char *words[4];
	int rc;
	const char *err;
} bad_cases[] = {
	{{"-c", "foo=bar"}, -1, "unknown parameter: foo"},
	{{"-c", "name=a", "securelevel=high"}, -1, "securelevel: non-integer value \"high\""},
	{{"-c", "name=a", "allow.nothing"}, -1, "unknown parameter: allow.nothing"},
	{{"-c", "persist=maybe"}, -1, "persist: unknown boolean value \"maybe\""},
	{{"-c", "allow.mount=yes"}, -1, "allow.mount: unknown boolean value \"yes\""},
	{{"-c", "stop.timeout=soon"}, -1, "stop.timeout: non-integer value \"soon\""},
	{{"-c", "jid=x"}, -1, "jid: non-integer value \"x\""},
	{{"-c", "jid=-2"}, -1, "negative jid"},
	{{"-c", "ip4.addr=::1"}, -1, "ip4.addr: not an IPv4 address: ::1"},
	{{"-c", "ip6.addr=127.0.0.1"}, -1, "ip6.addr: not an IPv6 address: 127.0.0.1"},
	{{"-c", "ip4.addr=0.0.0.0"}, -1, "ip4.addr: invalid address 0.0.0.0"},
	{{"-c", "path=tmp"}, -1, "path tmp: not an absolute pathname"},
	{{"-c", "path=/nonexistent-jail-dir"}, -1, "path /nonexistent-jail-dir: No such file or directory"},
	{{"-c", "command="}, -1, "command: missing value"},
	{{"-r"}, 1, NULL},
	{{"-r", "name=web"}, 1, NULL},
	{{"-rm", "name=a"}, 1, NULL},
	{{"-s", "high", "-c", "name=a"}, -1, "securelevel: non-integer value \"high\""},
	{{"-x"}, 1, NULL},
};

START_TEST(bad_input)
{
	struct jail_cmdline cl;
	char err[256];
	int rc = parse(&cl, err, (const char *const[]){"jail", bad_cases[_i].words[0], bad_cases[_i].words[1],
							    bad_cases[_i].words[2], bad_cases[_i].words[3], NULL});
	ck_assert_int_eq(rc, bad_cases[_i].rc);
	if (bad_cases[_i].err)
		ck_assert_str_eq(err, bad_cases[_i].err);
}
END_TEST

/* FreeBSD: -c with no argument, or one without '=', takes the jails from
 * jail.conf (-f FILE or /etc/jail.conf); two words are parameters. */
START_TEST(create_from_jail_conf)
{
	struct jail_cmdline cl;
	char err[256];
	ck_assert_int_eq(PARSE("-c"), 0);
	ck_assert(cl.from_conf);
	ck_assert_ptr_null(cl.targets);
	ck_assert_ptr_null(cl.conf_file);
	ck_assert_int_eq(PARSE("-f", "/x/jail.conf", "-c", "persist"), 0);
	ck_assert(cl.from_conf);
	ck_assert_str_eq(cl.targets[0], "persist");
	ck_assert_ptr_null(cl.targets[1]);
	ck_assert_str_eq(cl.conf_file, "/x/jail.conf");
	ck_assert_int_eq(PARSE("-c", "web", "persist"), -1);
	ck_assert_str_eq(err, "unknown parameter: web");
	ck_assert_int_eq(PARSE("-c", "persist", "exec.start=make", "exec.poststop=true", "exec.clean", "mount.devfs"), 0);
	ck_assert(!cl.from_conf);
	ck_assert_str_eq(cl.exec[JAIL_EXEC_START][0], "make");
	ck_assert_ptr_null(cl.exec[JAIL_EXEC_START][1]);
	ck_assert_str_eq(cl.exec[JAIL_EXEC_POSTSTOP][0], "true");
	ck_assert(cl.exec_clean);
	ck_assert_int_eq(PARSE("-c", "persist", "mount.procfs"), 0);
	ck_assert_int_eq(PARSE("-c", "persist", "nosuch.param"), -1);
	ck_assert_str_eq(err, "unknown parameter: nosuch.param");
	ck_assert_int_eq(PARSE("-c", "persist", "exec.fib=1"), -1);
	ck_assert_str_eq(err, "exec.fib: not supported on Linux: the jail shares the host's network stack "
			      "(Linux has no FIBs; policy routing is the host's)");
	ck_assert_int_eq(PARSE("-c", "persist", "securelevel=x"), -1);
	ck_assert_str_eq(err, "securelevel: non-integer value \"x\"");
	/* allow.mount with tmpfs and nullfs (handlers/handle_mount.c); the
	 * other types are refused */
	ck_assert_int_eq(PARSE("-c", "persist", "allow.mount", "allow.mount.tmpfs=true", "allow.mount.nullfs"), 0);
	ck_assert(cl.jail.allow[JAIL_ALLOW_mount]);
	ck_assert_int_eq(PARSE("-c", "persist", "allow.mount.procfs=true"), -1);
	ck_assert_str_eq(err, "allow.mount.procfs: not supported on Linux: " JAIL_NO_MOUNT_WHY);
	ck_assert_int_eq(PARSE("-c", "persist", "allow.nomount", "allow.mount.nullfs=false"), 0);
	ck_assert_int_eq(PARSE("-c", "persist", "enforce_statfs=3"), -1);
	ck_assert_str_eq(err, "jail_set: Invalid argument");
	ck_assert_int_eq(PARSE("-c", "persist", "ip4.nosaddrsel", "allow.mount.notmpfs", "sysvmsg=inherit"), 0);
	char buf[64];
	ck_assert_str_eq(jail_extra_get(&cl.jail, "ip4.saddrsel", buf, sizeof(buf)), "false");
	ck_assert_str_eq(jail_extra_get(&cl.jail, "allow.mount.tmpfs", buf, sizeof(buf)), "false");
	ck_assert_int_eq(jail_sysv(&cl.jail, cl.jail.sysvmsg), JAIL_SYS_INHERIT);
	ck_assert_int_eq(jail_sysv(&cl.jail, cl.jail.sysvshm), JAIL_SYS_DISABLE);
}
END_TEST

/* The options of FreeBSD's jail(8) beyond -c and -r. */
START_TEST(every_option)
{
	struct jail_cmdline cl;
	char err[256];
	ck_assert_int_eq(PARSE("-cm", "name=a", "host.hostname=x"), 0);
	ck_assert_int_eq(cl.op, JAIL_OP_CREATE_OR_MODIFY);
	ck_assert_int_eq(cl.nparams, 2);
	ck_assert_str_eq(cl.params[1], "host.hostname=x");
	ck_assert_int_eq(PARSE("-m", "name=a", "persist"), 0);
	ck_assert_int_eq(cl.op, JAIL_OP_MODIFY);
	ck_assert_int_eq(PARSE("-rc", "name=a", "persist"), 0);
	ck_assert_int_eq(cl.op, JAIL_OP_RESTART);
	ck_assert_int_eq(PARSE("-d", "-l", "-h", "-s", "2", "-J", "/tmp/j", "-u", "root", "-c", "name=a", "persist"), 0);
	ck_assert(cl.exec_clean);
	ck_assert_int_eq(cl.jail.securelevel, 2);
	ck_assert_str_eq(cl.jid_file, "/tmp/j");
	ck_assert_str_eq(cl.exec_jail_user, "root");
	ck_assert(cl.exec_system_jail_user);
	char buf[16];
	ck_assert_str_eq(jail_extra_get(&cl.jail, "ip_hostname", buf, sizeof(buf)), "true");
	ck_assert_int_eq(PARSE("-U", "www", "-c", "name=a", "persist"), 0);
	ck_assert_str_eq(cl.exec_jail_user, "www");
	ck_assert(!cl.exec_system_jail_user);
	ck_assert_int_eq(PARSE("-e", ",", "-f", "x.conf"), 0);
	ck_assert_int_eq(cl.op, JAIL_OP_EXHIBIT);
	ck_assert_str_eq(cl.separator, ",");
	/* the old syntax takes them too */
	ck_assert_int_eq(PARSE("-l", "-s", "1", "-U", "www", "/", "h", "127.0.0.2", "true"), 0);
	ck_assert(cl.old_syntax);
	ck_assert(cl.exec_clean);
	ck_assert_int_eq(cl.jail.securelevel, 1);
	ck_assert_str_eq(cl.exec_jail_user, "www");
}
END_TEST

START_TEST(remove_targets)
{
	struct jail_cmdline cl;
	char err[256];
	ck_assert_int_eq(PARSE("-r", "web", "7", "*"), 0);
	ck_assert_int_eq(cl.op, JAIL_OP_REMOVE);
	ck_assert_str_eq(cl.targets[0], "web");
	ck_assert_str_eq(cl.targets[1], "7");
	ck_assert_str_eq(cl.targets[2], "*");
	ck_assert_ptr_null(cl.targets[3]);
	ck_assert_int_eq(PARSE("-qR", "web"), 0);
	ck_assert(cl.quiet);
	ck_assert_int_eq(cl.op, JAIL_OP_REMOVE);
}
END_TEST

START_TEST(old_syntax_still_parses)
{
	struct jail_cmdline cl;
	char err[256];
	ck_assert_int_eq(PARSE("-i", "-n", "box", "/", "h", "127.0.0.2", "true"), 0);
	ck_assert(cl.old_syntax);
	ck_assert_int_eq(cl.op, JAIL_OP_CREATE);
	ck_assert(cl.print_jid);
	ck_assert(cl.name_given);
	ck_assert_str_eq(cl.jail.name, "box");
	ck_assert_str_eq(cl.command[0], "true");
	ck_assert_int_eq(cl.stop_timeout, JAIL_STOP_TIMEOUT_DEFAULT);
}
END_TEST

START_TEST(numeric_names)
{
	ck_assert_int_eq(jail_check_name("web", 3), 0);
	ck_assert_int_eq(jail_check_name("", 3), 0);
	ck_assert_int_eq(jail_check_name("3", 3), 0);
	ck_assert_int_eq(jail_check_name("4", 3), -EINVAL);
	ck_assert_int_eq(jail_check_name("03", 3), -EINVAL);
	ck_assert_int_eq(jail_check_name("3a", 3), 0);
	ck_assert_int_eq(jail_check_name("99999999999999999999", 3), -EINVAL);
}
END_TEST

START_TEST(mount_lines)
{
	struct jail_cmdline cl;
	char err[256];
	struct jail_mount m;
	char e[512];
	ck_assert_int_eq(PARSE("-c", "persist", "mount=tmpfs /j/a tmpfs rw 0 0", "mount=/x /j/b nullfs ro 0 0",
			       "mount.fstab=/etc/j.fstab"), 0);
	ck_assert_str_eq(cl.mount[0], "tmpfs /j/a tmpfs rw 0 0");
	ck_assert_str_eq(cl.mount[1], "/x /j/b nullfs ro 0 0");
	ck_assert_ptr_null(cl.mount[2]);
	ck_assert_str_eq(cl.mount_fstab, "/etc/j.fstab");
	/* fstab(5)'s fields: vis-encoded names, options, comments */
	ck_assert_int_eq(jail_mount_parse("mount", "/my\\040src /j/my\\040dir nullfs ro,nosuid 0 0", &m, e, sizeof(e)), 1);
	ck_assert_str_eq(m.dev, "/my src");
	ck_assert_str_eq(m.dir, "/j/my dir");
	ck_assert_int_eq(m.kind, JAIL_MOUNT_BIND);
	ck_assert_uint_eq(m.flags, MS_RDONLY | MS_NOSUID);
	ck_assert_int_eq(jail_mount_parse("mount", "tmpfs /j/t tmpfs rw,size=1m,inodes=100,noexec # c", &m, e, sizeof(e)), 1);
	ck_assert_int_eq(m.kind, JAIL_MOUNT_FS);
	ck_assert_str_eq(m.linux_type, "tmpfs");
	ck_assert_str_eq(m.data, "size=1m,nr_inodes=100");
	ck_assert_uint_eq(m.flags, MS_NOEXEC);
	ck_assert_int_eq(jail_mount_parse("mount", "proc /j/proc procfs rw 0 0", &m, e, sizeof(e)), 1);
	ck_assert_int_eq(m.kind, JAIL_MOUNT_PROVIDED);
	ck_assert_int_eq(jail_mount_parse("mount.fstab", "  # only a comment", &m, e, sizeof(e)), 0);
	ck_assert_int_eq(jail_mount_parse("mount.fstab", "", &m, e, sizeof(e)), 0);
	/* jail(8)'s errors */
	ck_assert_int_eq(jail_mount_parse("mount", "tmpfs /j/t", &m, e, sizeof(e)), -1);
	ck_assert_str_eq(e, "mount: tmpfs /j/t: missing information");
	ck_assert_int_eq(jail_mount_parse("mount", "tmpfs t tmpfs", &m, e, sizeof(e)), -1);
	ck_assert_str_eq(e, "mount: t: not an absolute pathname");
	ck_assert_int_eq(jail_mount_parse("mount.fstab", "/a\\q /j/t nullfs", &m, e, sizeof(e)), -1);
	ck_assert_str_eq(e, "mount.fstab: /a\\q /j/t nullfs: fstab parse error");
	ck_assert_int_eq(jail_mount_parse("mount", "/a /j/t nullfs size=1", &m, e, sizeof(e)), -1);
	ck_assert_str_eq(e, "mount: /a /j/t nullfs size=1: size=1: unknown option");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("cmdline_new");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, create_with_parameters);
	tcase_add_test(tc, defaults);
	tcase_add_test(tc, command_takes_the_rest);
	tcase_add_loop_test(tc, bad_input, 0, sizeof(bad_cases) / sizeof(bad_cases[0]));
	tcase_add_test(tc, create_from_jail_conf);
	tcase_add_test(tc, remove_targets);
	tcase_add_test(tc, every_option);
	tcase_add_test(tc, old_syntax_still_parses);
	tcase_add_test(tc, numeric_names);
	tcase_add_test(tc, mount_lines);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
