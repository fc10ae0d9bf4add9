/* SPDX-License-Identifier: BSD-2-Clause */
/* policy/proc_net_view.c: the jail's lines of /proc/<pid>/net files. */
#include <arpa/inet.h>
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "../../policy/proc_net_view.h"
#include "run_suite.h"

static struct jail jail_with(const char *addrs)
{
	struct jail j;
	char err[128];
	jail_init(&j);
	ck_assert_int_eq(jail_parse_addrs(&j, addrs, err, sizeof(err)), 0);
	return j;
}

static const struct proc_net_file *file(const char *name)
{
	for (const struct proc_net_file *f = proc_net_files; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	ck_abort_msg("no file %s", name);
	return NULL;
}

/* An IPv4 address as the socket files print it (%08X of the raw word). */
static const char *hex4(const char *a, char *out)
{
	uint32_t raw;
	ck_assert_int_eq(inet_pton(AF_INET, a, &raw), 1);
	sprintf(out, "%08X", raw);
	return out;
}

static char *filter(const char *name, const struct jail *j, const struct net_host_addr *hosts, size_t n,
		    const struct proc_net_owned *owned, const char *in)
{
	static char out[4096];
	size_t len = proc_net_filter(file(name), j, hosts, n, owned, in, strlen(in), out);
	ck_assert_uint_le(len, strlen(in));
	out[len] = '\0';
	return out;
}

START_TEST(tcp_owned_and_renumbered)
{
	struct jail j = jail_with("127.0.0.2");
	char a[16], b[16], c[16], in[1024], want[1024];
	hex4("127.0.0.1", a);
	hex4("127.0.0.2", b);
	hex4("10.0.0.1", c);
	snprintf(in, sizeof(in),
		 "  sl  local_address rem_address   st inode\n"
		 "   0: %s:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 500 1\n"
		 "   1: %s:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 700 1\n"
		 "   2: %s:1F91 %s:0016 06 00000000:00000000 03:00000000 00000000     0        0 0 3\n"
		 "   3: %s:1F92 %s:0016 06 00000000:00000000 03:00000000 00000000     0        0 0 3\n",
		 a, b, b, a, c, a);
	unsigned long inodes[] = {600, 700};
	struct proc_net_owned owned = {inodes, 2};
	snprintf(want, sizeof(want),
		 "  sl  local_address rem_address   st inode\n"
		 "   0: %s:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 700 1\n"
		 "   1: %s:1F91 %s:0016 06 00000000:00000000 03:00000000 00000000     0        0 0 3\n",
		 b, b, a);
	/* the host's listener (500) goes; the jail's (700) and a TIME_WAIT
	 * from the jail's address stay, numbered 0 and 1; another's goes */
	ck_assert_str_eq(filter("tcp", &j, NULL, 0, &owned, in), want);
}
END_TEST

START_TEST(udp_keeps_buckets)
{
	struct jail j = jail_with("127.0.0.2");
	unsigned long inodes[] = {9};
	struct proc_net_owned owned = {inodes, 1};
	const char *in = "   sl  local_address\n"
			 " 1234: 0100007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 8 2\n"
			 " 4321: 0200007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 9 2\n";
	const char *out = filter("udp", &j, NULL, 0, &owned, in);
	ck_assert_ptr_null(strstr(out, " 8 2"));
	ck_assert_ptr_nonnull(strstr(out, " 4321: "));
}
END_TEST

START_TEST(unix_owned_only)
{
	struct jail j = jail_with("127.0.0.2");
	unsigned long inodes[] = {42};
	struct proc_net_owned owned = {inodes, 1};
	const char *in = "Num       RefCount Protocol Flags    Type St Inode Path\n"
			 "0000000000000000: 00000002 00000000 00010000 0001 01 41 /run/host.sock\n"
			 "0000000000000000: 00000002 00000000 00010000 0001 01 42 @mine with space\n"
			 "0000000000000000: 00000002 00000000 00000000 0002 01 0\n";
	ck_assert_str_eq(filter("unix", &j, NULL, 0, &owned, in),
			 "Num       RefCount Protocol Flags    Type St Inode Path\n"
			 "0000000000000000: 00000002 00000000 00010000 0001 01 42 @mine with space\n");
}
END_TEST

START_TEST(if_inet6_placed)
{
	struct jail j = jail_with("127.0.0.2,::1");
	struct net_host_addr hosts[2] = {{.family = AF_INET6, .ifindex = 1, .prefixlen = 128},
					 {.family = AF_INET6, .ifindex = 2, .prefixlen = 64}};
	inet_pton(AF_INET6, "::1", hosts[0].addr);
	inet_pton(AF_INET6, "fd00::2", hosts[1].addr);
	const char *in = "fd000000000000000000000000000002 02 40 00 80     eth0\n"
			 "00000000000000000000000000000001 01 80 10 80       lo\n";
	ck_assert_str_eq(filter("if_inet6", &j, hosts, 2, NULL, in),
			 "00000000000000000000000000000001 01 80 10 80       lo\n");
	/* a jail address in the host's subnet shows in the host's place */
	struct jail k = jail_with("fd00::7");
	ck_assert_str_eq(filter("if_inet6", &k, hosts, 2, NULL, in),
			 "fd000000000000000000000000000007 02 40 00 80     eth0\n");
	/* no IPv6: nothing */
	struct jail v4 = jail_with("127.0.0.2");
	ck_assert_str_eq(filter("if_inet6", &v4, hosts, 2, NULL, in), "");
}
END_TEST

START_TEST(routes_host_routes_to_the_jail)
{
	struct jail j = jail_with("10.0.0.5,fd00::5");
	char h[16], d[16], in[1024], want[512];
	hex4("10.0.0.5", h);
	hex4("10.0.0.0", d);
	snprintf(in, sizeof(in),
		 "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\n"
		 "eth0\t00000000\t0100000A\t0003\t0\t0\t0\t00000000\n"
		 "eth0\t%s\t00000000\t0001\t0\t0\t0\t00FFFFFF\n"
		 "eth0\t%s\t00000000\t0005\t0\t0\t0\tFFFFFFFF\n",
		 d, h);
	snprintf(want, sizeof(want),
		 "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\n"
		 "eth0\t%s\t00000000\t0005\t0\t0\t0\tFFFFFFFF\n",
		 h);
	ck_assert_str_eq(filter("route", &j, NULL, 0, NULL, in), want);
	const char *in6 = "fd000000000000000000000000000000 40 00000000000000000000000000000000 00 "
			  "00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0\n"
			  "fd000000000000000000000000000005 80 00000000000000000000000000000000 00 "
			  "00000000000000000000000000000000 00000000 00000002 00000000 80200001     eth0\n";
	ck_assert_str_eq(filter("ipv6_route", &j, NULL, 0, NULL, in6),
			 "fd000000000000000000000000000005 80 00000000000000000000000000000000 00 "
			 "00000000000000000000000000000000 00000000 00000002 00000000 80200001     eth0\n");
}
END_TEST

START_TEST(fib_trie_the_jails_local_addresses)
{
	struct jail j = jail_with("127.0.0.2,10.9.9.9");
	struct net_host_addr hosts[1] = {{.family = AF_INET, .ifindex = 1, .prefixlen = 8}};
	inet_pton(AF_INET, "127.0.0.1", hosts[0].addr);
	const char *in = "Main:\n"
			 "  +-- 0.0.0.0/0 3 0 5\n"
			 "     +-- 127.0.0.0/8 2 0 2\n"
			 "           |-- 127.0.0.1\n"
			 "              /32 host LOCAL\n"
			 "Local:\n"
			 "  +-- 0.0.0.0/0 3 0 5\n"
			 "           |-- 192.0.2.2\n"
			 "              /32 host LOCAL\n";
	/* 10.9.9.9 is on no interface: not listed */
	ck_assert_str_eq(filter("fib_trie", &j, hosts, 1, NULL, in),
			 "Main:\n  |-- 127.0.0.2\n     /32 host LOCAL\nLocal:\n  |-- 127.0.0.2\n     /32 host LOCAL\n");
}
END_TEST

START_TEST(malformed_lines_go)
{
	struct jail j = jail_with("127.0.0.2");
	unsigned long inodes[] = {7};
	struct proc_net_owned owned = {inodes, 1};
	const char *in = "header\n"
			 "   0: nonsense\n"
			 "   1: 0200007F:0016 00000000:0000 0A 0 0 0 0 0 x7 1\n"
			 "no newline at the end 7";
	ck_assert_str_eq(filter("tcp", &j, NULL, 0, &owned, in), "header\n");
	ck_assert_str_eq(filter("if_inet6", &j, NULL, 0, NULL, "zz\n"), "");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("proc_net_view");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, tcp_owned_and_renumbered);
	tcase_add_test(tc, udp_keeps_buckets);
	tcase_add_test(tc, unix_owned_only);
	tcase_add_test(tc, if_inet6_placed);
	tcase_add_test(tc, routes_host_routes_to_the_jail);
	tcase_add_test(tc, fib_trie_the_jails_local_addresses);
	tcase_add_test(tc, malformed_lines_go);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
