/* SPDX-License-Identifier: BSD-2-Clause */
/* policy/net.c: FreeBSD's jail address rules on Linux sockaddrs. */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../../policy/net.h"
#include "run_suite.h"

static struct jail jail_with(const char *addrs)
{
	struct jail j;
	char err[128];
	jail_init(&j);
	ck_assert_int_eq(jail_parse_addrs(&j, addrs, err, sizeof(err)), 0);
	return j;
}

/* op on an AF_INET address: the resulting address, or "E<errno>" */
static const char *v4(const struct jail *j, enum net_op op, const char *addr, sa_family_t family)
{
	static char out[64];
	struct sockaddr_in sin = {.sin_family = family, .sin_port = htons(80)};
	ck_assert_int_eq(inet_pton(AF_INET, addr, &sin.sin_addr), 1);
	int err = net_check_sockaddr(j, op, &sin, sizeof(sin));
	if (err) {
		snprintf(out, sizeof(out), "E%d", -err);
		return out;
	}
	ck_assert_int_eq(ntohs(sin.sin_port), 80);
	inet_ntop(AF_INET, &sin.sin_addr, out, sizeof(out));
	if (sin.sin_family != AF_INET)
		strcat(out, "/family?");
	return out;
}

static const char *v6(const struct jail *j, enum net_op op, const char *addr)
{
	static char out[64];
	struct sockaddr_in6 sin6 = {.sin6_family = AF_INET6, .sin6_port = htons(80)};
	ck_assert_int_eq(inet_pton(AF_INET6, addr, &sin6.sin6_addr), 1);
	int err = net_check_sockaddr(j, op, &sin6, sizeof(sin6));
	if (err) {
		snprintf(out, sizeof(out), "E%d", -err);
		return out;
	}
	inet_ntop(AF_INET6, &sin6.sin6_addr, out, sizeof(out));
	return out;
}

START_TEST(bind_ipv4)
{
	struct jail j = jail_with("127.0.0.2,127.0.0.5");
	ck_assert_str_eq(v4(&j, NET_BIND, "0.0.0.0", AF_INET), "127.0.0.2");
	ck_assert_str_eq(v4(&j, NET_BIND, "127.0.0.1", AF_INET), "127.0.0.2");
	ck_assert_str_eq(v4(&j, NET_BIND, "127.0.0.2", AF_INET), "127.0.0.2");
	ck_assert_str_eq(v4(&j, NET_BIND, "127.0.0.5", AF_INET), "127.0.0.5");
	ck_assert_str_eq(v4(&j, NET_BIND, "127.0.0.3", AF_INET), "E99");
	ck_assert_str_eq(v4(&j, NET_BIND, "10.1.2.3", AF_INET), "E99");
	/* AF_UNSPEC with any: the kernel binds an AF_INET socket to any */
	ck_assert_str_eq(v4(&j, NET_BIND, "0.0.0.0", AF_UNSPEC), "127.0.0.2");
	/* a jail that owns 127.0.0.1 keeps it */
	struct jail lo = jail_with("127.0.0.1");
	ck_assert_str_eq(v4(&lo, NET_BIND, "127.0.0.1", AF_INET), "127.0.0.1");
	ck_assert_str_eq(v4(&lo, NET_BIND, "0.0.0.0", AF_INET), "127.0.0.1");
	/* no IPv4 at all */
	struct jail none = jail_with("::1");
	ck_assert_str_eq(v4(&none, NET_BIND, "0.0.0.0", AF_INET), "E99");
}
END_TEST

START_TEST(remote_ipv4)
{
	struct jail j = jail_with("127.0.0.2");
	ck_assert_str_eq(v4(&j, NET_CONNECT, "127.0.0.1", AF_INET), "127.0.0.2");
	ck_assert_str_eq(v4(&j, NET_CONNECT, "0.0.0.0", AF_INET), "127.0.0.2");
	ck_assert_str_eq(v4(&j, NET_CONNECT, "127.0.0.3", AF_INET), "127.0.0.3");
	ck_assert_str_eq(v4(&j, NET_SEND, "127.0.0.1", AF_INET), "127.0.0.2");
	ck_assert_str_eq(v4(&j, NET_SEND, "127.0.0.1", AF_UNSPEC), "127.0.0.2");
	ck_assert_str_eq(v4(&j, NET_SEND, "192.0.2.1", AF_INET), "192.0.2.1");
	/* connect(AF_UNSPEC) dissolves an association: left alone */
	struct sockaddr_in sin = {.sin_family = AF_UNSPEC};
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(net_check_sockaddr(&j, NET_CONNECT, &sin, sizeof(sin)), 0);
	ck_assert_int_eq(sin.sin_family, AF_UNSPEC);
	/* too short */
	ck_assert_int_eq(net_check_sockaddr(&j, NET_BIND, &sin, 8), 0); /* AF_UNSPEC, short: kernel's EINVAL */
	sin.sin_family = AF_INET;
	ck_assert_int_eq(net_check_sockaddr(&j, NET_BIND, &sin, 8), -EINVAL);
}
END_TEST

START_TEST(ipv6_and_mapped)
{
	struct jail j = jail_with("127.0.0.2,fd00::2");
	ck_assert_str_eq(v6(&j, NET_BIND, "::"), "fd00::2");
	ck_assert_str_eq(v6(&j, NET_BIND, "::1"), "fd00::2");
	ck_assert_str_eq(v6(&j, NET_BIND, "fd00::2"), "fd00::2");
	ck_assert_str_eq(v6(&j, NET_BIND, "fd00::3"), "E99");
	/* IPv4-mapped: the IPv4 rule, still mapped */
	ck_assert_str_eq(v6(&j, NET_BIND, "::ffff:0.0.0.0"), "::ffff:127.0.0.2");
	ck_assert_str_eq(v6(&j, NET_BIND, "::ffff:127.0.0.1"), "::ffff:127.0.0.2");
	ck_assert_str_eq(v6(&j, NET_BIND, "::ffff:127.0.0.3"), "E99");
	ck_assert_str_eq(v6(&j, NET_CONNECT, "::ffff:127.0.0.1"), "::ffff:127.0.0.2");
	ck_assert_str_eq(v6(&j, NET_CONNECT, "::1"), "fd00::2");
	ck_assert_str_eq(v6(&j, NET_CONNECT, "::"), "fd00::2");
	ck_assert_str_eq(v6(&j, NET_CONNECT, "fd00::9"), "fd00::9");
	struct jail only6 = jail_with("::1");
	ck_assert_str_eq(v6(&only6, NET_BIND, "::"), "::1");
	ck_assert_str_eq(v6(&only6, NET_BIND, "::ffff:127.0.0.1"), "E99");
	ck_assert_str_eq(v6(&only6, NET_CONNECT, "::ffff:127.0.0.1"), "E101");
	struct jail only4 = jail_with("127.0.0.2");
	ck_assert_str_eq(v6(&only4, NET_BIND, "::"), "E99");
}
END_TEST

START_TEST(socket_families)
{
	struct jail j = jail_with("127.0.0.2");
	ck_assert_int_eq(net_socket_check(&j, AF_INET, SOCK_STREAM, 0), 0);
	ck_assert_int_eq(net_socket_check(&j, AF_INET6, SOCK_STREAM, 0), -EPROTONOSUPPORT);
	ck_assert_int_eq(net_socket_check(&j, AF_UNIX, SOCK_STREAM, 0), 0);
	ck_assert_int_eq(net_socket_check(&j, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE), 0);
	ck_assert_int_eq(net_socket_check(&j, AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG), -EPROTONOSUPPORT);
	ck_assert_int_eq(net_socket_check(&j, AF_INET, SOCK_RAW, 1), -EPERM);
	ck_assert_int_eq(net_socket_check(&j, AF_INET, SOCK_RAW | SOCK_CLOEXEC, 1), -EPERM);
	ck_assert_int_eq(net_socket_check(&j, AF_PACKET, SOCK_RAW, 0), -EPERM);
	ck_assert_int_eq(net_socket_check(&j, AF_BLUETOOTH, SOCK_STREAM, 0), -EPROTONOSUPPORT);
	j.allow[JAIL_ALLOW_raw_sockets] = true;
	ck_assert_int_eq(net_socket_check(&j, AF_INET, SOCK_RAW, 1), 0);
	ck_assert_int_eq(net_socket_check(&j, AF_INET, SOCK_RAW, IPPROTO_RAW), -EPERM);
	ck_assert_int_eq(net_socket_check(&j, AF_PACKET, SOCK_RAW, 0), 0);
	j.allow[JAIL_ALLOW_socket_af] = true;
	ck_assert_int_eq(net_socket_check(&j, AF_BLUETOOTH, SOCK_STREAM, 0), 0);
	ck_assert_int_eq(net_setsockopt_check(&j, SOL_IP, IP_TRANSPARENT), -EPERM);
	ck_assert_int_eq(net_setsockopt_check(&j, SOL_SOCKET, SO_BINDTODEVICE), -EPERM);
	ck_assert_int_eq(net_setsockopt_check(&j, SOL_SOCKET, SO_REUSEADDR), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("net");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, bind_ipv4);
	tcase_add_test(tc, remote_ipv4);
	tcase_add_test(tc, ipv6_and_mapped);
	tcase_add_test(tc, socket_families);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
