/* SPDX-License-Identifier: BSD-2-Clause */
/* policy/net_view.c: the jail's addresses in place of the host's in a
 * netlink route dump. */
#include <arpa/inet.h>
#include <check.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>

#include "../../policy/net_view.h"
#include "run_suite.h"

static struct jail jail_with(const char *addrs)
{
	struct jail j;
	char err[128];
	jail_init(&j);
	ck_assert_int_eq(jail_parse_addrs(&j, addrs, err, sizeof(err)), 0);
	return j;
}

static struct net_host_addr host4(unsigned ifindex, const char *a, unsigned prefix)
{
	struct net_host_addr h = {.family = AF_INET, .ifindex = ifindex, .prefixlen = prefix};
	ck_assert_int_eq(inet_pton(AF_INET, a, h.addr), 1);
	return h;
}

/* Appends an RTM_NEWADDR for a (IFA_ADDRESS and IFA_LOCAL) to buf at *len. */
static void add_addr(unsigned char *buf, size_t *len, unsigned ifindex, const char *a, unsigned prefix)
{
	struct nlmsghdr *h = (struct nlmsghdr *)(buf + *len);
	size_t attr = RTA_LENGTH(4);
	h->nlmsg_len = NLMSG_LENGTH(sizeof(struct ifaddrmsg) + 2 * RTA_ALIGN(attr));
	h->nlmsg_type = RTM_NEWADDR;
	struct ifaddrmsg *ifa = NLMSG_DATA(h);
	*ifa = (struct ifaddrmsg){.ifa_family = AF_INET, .ifa_prefixlen = (unsigned char)prefix, .ifa_index = ifindex};
	struct rtattr *rta = IFA_RTA(ifa);
	for (int type = IFA_ADDRESS; type <= IFA_LOCAL; type++) {
		rta->rta_len = (unsigned short)attr;
		rta->rta_type = (unsigned short)type;
		ck_assert_int_eq(inet_pton(AF_INET, a, RTA_DATA(rta)), 1);
		rta = (struct rtattr *)((char *)rta + RTA_ALIGN(attr));
	}
	*len += NLMSG_ALIGN(h->nlmsg_len);
}

/* The address a message at off shows, or "noop". */
static const char *shown(unsigned char *buf, size_t off)
{
	static char text[INET_ADDRSTRLEN];
	struct nlmsghdr *h = (struct nlmsghdr *)(buf + off);
	if (h->nlmsg_type == NLMSG_NOOP)
		return "noop";
	struct ifaddrmsg *ifa = NLMSG_DATA(h);
	struct rtattr *local = (struct rtattr *)((char *)IFA_RTA(ifa) + RTA_ALIGN(RTA_LENGTH(4)));
	inet_ntop(AF_INET, RTA_DATA(local), text, sizeof(text));
	return text;
}

START_TEST(place_and_filter)
{
	struct jail j = jail_with("127.0.0.2,192.0.2.2");
	struct net_host_addr hosts[] = {host4(1, "127.0.0.1", 8), host4(4, "192.0.2.1", 24), host4(4, "192.0.2.2", 24)};
	/* equal beats subnet; the subnet's first address otherwise */
	ck_assert_int_eq(net_view_place(&j, AF_INET, 0, hosts, 3), 0);
	ck_assert_int_eq(net_view_place(&j, AF_INET, 1, hosts, 3), 2);
	unsigned char buf[1024] = {0};
	size_t len = 0, off2;
	add_addr(buf, &len, 1, "127.0.0.1", 8);
	add_addr(buf, &len, 4, "192.0.2.1", 24);
	off2 = len;
	add_addr(buf, &len, 4, "192.0.2.2", 24);
	size_t one = NLMSG_ALIGN(((struct nlmsghdr *)buf)->nlmsg_len);
	ck_assert_uint_eq(net_view_filter(&j, hosts, 3, buf, len), 1);
	ck_assert_str_eq(shown(buf, 0), "127.0.0.2");
	ck_assert_str_eq(shown(buf, one), "noop");
	ck_assert_str_eq(shown(buf, off2), "192.0.2.2");
	/* nothing of the hidden address is left */
	struct nlmsghdr *h = (struct nlmsghdr *)(buf + one);
	for (size_t i = NLMSG_HDRLEN; i < h->nlmsg_len; i++)
		ck_assert_int_eq(buf[one + i], 0);
}
END_TEST

START_TEST(no_address_of_the_family)
{
	struct jail j = jail_with("::1");
	struct net_host_addr hosts[] = {host4(1, "127.0.0.1", 8)};
	unsigned char buf[256] = {0};
	size_t len = 0;
	add_addr(buf, &len, 1, "127.0.0.1", 8);
	ck_assert_uint_eq(net_view_filter(&j, hosts, 1, buf, len), 1);
	ck_assert_str_eq(shown(buf, 0), "noop");
}
END_TEST

START_TEST(cut_short)
{
	struct jail j = jail_with("127.0.0.2");
	struct net_host_addr hosts[] = {host4(1, "127.0.0.1", 8)};
	unsigned char buf[256] = {0};
	size_t len = 0;
	add_addr(buf, &len, 1, "10.1.2.3", 8);
	/* only the first 30 bytes were copied (MSG_TRUNC): still hidden */
	ck_assert_uint_eq(net_view_filter(&j, hosts, 1, buf, 30), 1);
	ck_assert_int_eq(((struct nlmsghdr *)buf)->nlmsg_type, NLMSG_NOOP);
	for (size_t i = NLMSG_HDRLEN; i < 30; i++)
		ck_assert_int_eq(buf[i], 0);
}
END_TEST

/* Appends an RTM_NEWROUTE (flags: NLM_F_MULTI for a dump) to dst/len. */
static void add_route(unsigned char *buf, size_t *len, const char *dst, unsigned dst_len, unsigned short flags)
{
	struct nlmsghdr *h = (struct nlmsghdr *)(buf + *len);
	size_t attr = RTA_LENGTH(4);
	h->nlmsg_len = NLMSG_LENGTH(sizeof(struct rtmsg) + RTA_ALIGN(attr));
	h->nlmsg_type = RTM_NEWROUTE;
	h->nlmsg_flags = flags;
	h->nlmsg_pid = 77;
	struct rtmsg *r = NLMSG_DATA(h);
	*r = (struct rtmsg){.rtm_family = AF_INET, .rtm_dst_len = (unsigned char)dst_len};
	struct rtattr *rta = RTM_RTA(r);
	rta->rta_len = (unsigned short)attr;
	rta->rta_type = RTA_DST;
	ck_assert_int_eq(inet_pton(AF_INET, dst, RTA_DATA(rta)), 1);
	*len += NLMSG_ALIGN(h->nlmsg_len);
}

START_TEST(routes_of_a_dump)
{
	struct jail j = jail_with("127.0.0.2");
	unsigned char buf[512] = {0};
	size_t len = 0, second, third, fourth;
	add_route(buf, &len, "127.0.0.1", 32, NLM_F_MULTI); /* the host's */
	second = len;
	add_route(buf, &len, "127.0.0.2", 32, NLM_F_MULTI); /* the jail's */
	third = len;
	add_route(buf, &len, "127.0.0.0", 8, NLM_F_MULTI); /* a subnet */
	fourth = len;
	add_route(buf, &len, "10.0.0.0", 8, 0); /* not a dump: an answer */
	ck_assert_uint_eq(net_view_filter(&j, NULL, 0, buf, len), 2);
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	ck_assert_int_eq(h->nlmsg_type, NLMSG_NOOP);
	ck_assert_uint_eq(h->nlmsg_pid, 0); /* addressed to nobody */
	ck_assert_int_eq(((struct nlmsghdr *)(buf + second))->nlmsg_type, RTM_NEWROUTE);
	ck_assert_int_eq(((struct nlmsghdr *)(buf + third))->nlmsg_type, NLMSG_NOOP);
	ck_assert_int_eq(((struct nlmsghdr *)(buf + fourth))->nlmsg_type, RTM_NEWROUTE);
}
END_TEST

/* The source an answer to `ip route get` shows after the filter, when the
 * host's was src. */
static const char *route_get_shows(const struct jail *j, const char *src)
{
	static char text[INET_ADDRSTRLEN];
	unsigned char buf[256] = {0};
	size_t len = 0;
	add_route(buf, &len, "127.0.0.5", 32, 0);
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct rtattr *a = (struct rtattr *)(buf + len);
	a->rta_len = RTA_LENGTH(4);
	a->rta_type = RTA_PREFSRC;
	ck_assert_int_eq(inet_pton(AF_INET, src, RTA_DATA(a)), 1);
	h->nlmsg_len += RTA_ALIGN(a->rta_len);
	len = NLMSG_ALIGN(h->nlmsg_len);
	ck_assert_uint_eq(net_view_filter(j, NULL, 0, buf, len), 0);
	ck_assert_int_eq(h->nlmsg_type, RTM_NEWROUTE);
	inet_ntop(AF_INET, RTA_DATA(a), text, sizeof(text));
	return text;
}

/* The answer to `ip route get`: the host's preferred source becomes the
 * jail's address; the jail's own stays; a jail without IPv4 changes
 * nothing. */
START_TEST(route_get_source)
{
	struct jail j = jail_with("127.0.0.2,127.0.0.3");
	ck_assert_str_eq(route_get_shows(&j, "127.0.0.1"), "127.0.0.2");
	ck_assert_str_eq(route_get_shows(&j, "127.0.0.3"), "127.0.0.3");
	struct jail six = jail_with("::1");
	ck_assert_str_eq(route_get_shows(&six, "127.0.0.1"), "127.0.0.1");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("net_view");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, place_and_filter);
	tcase_add_test(tc, no_address_of_the_family);
	tcase_add_test(tc, cut_short);
	tcase_add_test(tc, routes_of_a_dump);
	tcase_add_test(tc, route_get_source);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
