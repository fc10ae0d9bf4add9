/* SPDX-License-Identifier: BSD-2-Clause */
#include "net_view.h"

#include <linux/netlink.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <stdbool.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

static size_t addr_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

static const unsigned char *jail_addr(const struct jail *j, int family, int i)
{
	return family == AF_INET ? (const unsigned char *)&j->ip4[i] : j->ip6[i].s6_addr;
}

static int jail_count(const struct jail *j, int family)
{
	return family == AF_INET ? j->ip4_count : family == AF_INET6 ? j->ip6_count : 0;
}

static int same_prefix(const unsigned char *a, const unsigned char *b, unsigned bits, size_t len)
{
	if (bits > len * 8)
		bits = (unsigned)(len * 8);
	size_t whole = bits / 8;
	if (memcmp(a, b, whole))
		return 0;
	unsigned rest = bits % 8;
	if (!rest)
		return 1;
	unsigned char mask = (unsigned char)(0xff00 >> rest);
	return (a[whole] & mask) == (b[whole] & mask);
}

int net_view_place(const struct jail *j, int family, int i, const struct net_host_addr *hosts, size_t n)
{
	size_t len = addr_len(family);
	const unsigned char *a = jail_addr(j, family, i);
	for (size_t h = 0; h < n; h++)
		if (hosts[h].family == family && !memcmp(hosts[h].addr, a, len))
			return (int)h;
	for (size_t h = 0; h < n; h++)
		if (hosts[h].family == family && same_prefix(hosts[h].addr, a, hosts[h].prefixlen, len))
			return (int)h;
	return -1;
}

/* The host address a message names: its interface, prefix and IFA_LOCAL
 * (IFA_ADDRESS if none: IPv6, or IPv4 without a peer). */
static int find_host(const struct net_host_addr *hosts, size_t n, int family, unsigned ifindex,
		     const unsigned char *local, size_t len)
{
	for (size_t h = 0; h < n; h++)
		if (hosts[h].family == family && hosts[h].ifindex == ifindex && !memcmp(hosts[h].addr, local, len))
			return (int)h;
	return -1;
}

/* The jail address shown in host address h's place, or NULL. */
static const unsigned char *shown_at(const struct jail *j, int family, int h, const struct net_host_addr *hosts,
				     size_t n)
{
	for (int i = 0; h >= 0 && i < jail_count(j, family); i++)
		if (net_view_place(j, family, i, hosts, n) == h)
			return jail_addr(j, family, i);
	return NULL;
}

const unsigned char *net_view_shown(const struct jail *j, const struct net_host_addr *hosts, size_t n, int family,
				    unsigned ifindex, const unsigned char *addr)
{
	if (family != AF_INET && family != AF_INET6)
		return NULL;
	return shown_at(j, family, find_host(hosts, n, family, ifindex, addr, addr_len(family)), hosts, n);
}

/* An NLMSG_NOOP addressed to no socket (port id 0): readers that match
 * replies to their port (glibc, iproute2's dump loop) pass it by; the
 * others skip a NOOP. */
static void hide(struct nlmsghdr *h)
{
	memset(NLMSG_DATA(h), 0, h->nlmsg_len - NLMSG_HDRLEN);
	h->nlmsg_type = NLMSG_NOOP;
	h->nlmsg_pid = 0;
}

static bool is_jail_addr(const struct jail *j, int family, const void *a, size_t len)
{
	if (len != addr_len(family))
		return false;
	for (int i = 0; i < jail_count(j, family); i++)
		if (!memcmp(jail_addr(j, family, i), a, len))
			return true;
	return false;
}

/* A route of a dump: a host route (/32, /128) to one of the jail's
 * addresses (FreeBSD's rt_is_exportable for a jail without a vnet). */
static bool route_shown(const struct jail *j, struct nlmsghdr *h)
{
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(struct rtmsg)))
		return false;
	struct rtmsg *r = NLMSG_DATA(h);
	if ((r->rtm_family != AF_INET && r->rtm_family != AF_INET6) || r->rtm_dst_len != 8 * addr_len(r->rtm_family))
		return false;
	int len = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof(*r)));
	for (struct rtattr *a = RTM_RTA(r); RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == RTA_DST)
			return is_jail_addr(j, r->rtm_family, RTA_DATA(a), RTA_PAYLOAD(a));
	return false;
}

/* A neighbour (ARP, NDP) of a dump: only one at a jail address (FreeBSD's
 * lltable dump skips what prison_if refuses). */
static bool neigh_shown(const struct jail *j, struct nlmsghdr *h)
{
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(struct ndmsg)))
		return false;
	struct ndmsg *nd = NLMSG_DATA(h);
	if (nd->ndm_family != AF_INET && nd->ndm_family != AF_INET6)
		return false;
	int len = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof(*nd)));
	for (struct rtattr *a = (struct rtattr *)((char *)nd + NLMSG_ALIGN(sizeof(*nd))); RTA_OK(a, len);
	     a = RTA_NEXT(a, len))
		if (a->rta_type == NDA_DST)
			return is_jail_addr(j, nd->ndm_family, RTA_DATA(a), RTA_PAYLOAD(a));
	return false;
}

/* The answer to one route query (`ip route get`): the source address the
 * host would pick is shown as the jail's, since a jail's socket is bound to
 * one of its own (FreeBSD's in_pcbladdr picks the jail's address). A jail
 * without addresses of the family uses the host's: nothing to change. */
static void route_source(const struct jail *j, struct nlmsghdr *h)
{
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(struct rtmsg)))
		return;
	struct rtmsg *r = NLMSG_DATA(h);
	int family = r->rtm_family;
	if ((family != AF_INET && family != AF_INET6) || jail_count(j, family) == 0)
		return;
	size_t alen = addr_len(family);
	int len = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof(*r)));
	for (struct rtattr *a = RTM_RTA(r); RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == RTA_PREFSRC && RTA_PAYLOAD(a) == alen &&
		    !is_jail_addr(j, family, RTA_DATA(a), alen))
			memcpy(RTA_DATA(a), jail_addr(j, family, 0), alen);
}

size_t net_view_filter(const struct jail *j, const struct net_host_addr *hosts, size_t n, unsigned char *buf,
		       size_t len)
{
	size_t hidden = 0;
	for (size_t off = 0; off + NLMSG_HDRLEN <= len;) {
		struct nlmsghdr *h = (struct nlmsghdr *)(buf + off);
		if (h->nlmsg_len < NLMSG_HDRLEN)
			break;
		if (h->nlmsg_len > len - off) {
			/* cut short (MSG_TRUNC): an address message shows nothing */
			if (h->nlmsg_type == RTM_NEWADDR || h->nlmsg_type == RTM_DELADDR) {
				memset(buf + off + NLMSG_HDRLEN, 0, len - off - NLMSG_HDRLEN);
				h->nlmsg_type = NLMSG_NOOP;
				h->nlmsg_pid = 0;
				hidden++;
			}
			break;
		}
		size_t next = off + NLMSG_ALIGN(h->nlmsg_len);
		bool dumped = h->nlmsg_flags & NLM_F_MULTI;
		if (!dumped && h->nlmsg_type == RTM_NEWROUTE) {
			route_source(j, h);
			off = next;
			continue;
		}
		if (dumped && (h->nlmsg_type == RTM_NEWROUTE || h->nlmsg_type == RTM_NEWNEIGH)) {
			if (!(h->nlmsg_type == RTM_NEWROUTE ? route_shown(j, h) : neigh_shown(j, h))) {
				hide(h);
				hidden++;
			}
			off = next;
			continue;
		}
		if (h->nlmsg_type != RTM_NEWADDR && h->nlmsg_type != RTM_DELADDR) {
			off = next;
			continue;
		}
		if (h->nlmsg_len < NLMSG_LENGTH(sizeof(struct ifaddrmsg))) {
			hide(h);
			hidden++;
			off = next;
			continue;
		}
		struct ifaddrmsg *ifa = NLMSG_DATA(h);
		int family = ifa->ifa_family;
		size_t alen = addr_len(family);
		unsigned char *local = NULL, *address = NULL;
		int attrlen = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof(*ifa)));
		for (struct rtattr *rta = IFA_RTA(ifa); RTA_OK(rta, attrlen); rta = RTA_NEXT(rta, attrlen)) {
			if (RTA_PAYLOAD(rta) != alen)
				continue;
			if (rta->rta_type == IFA_LOCAL)
				local = RTA_DATA(rta);
			else if (rta->rta_type == IFA_ADDRESS)
				address = RTA_DATA(rta);
		}
		unsigned char *mine = local ? local : address;
		const unsigned char *shown = NULL;
		if (mine)
			shown = net_view_shown(j, hosts, n, family, ifa->ifa_index, mine);
		if (!shown) {
			hide(h);
			hidden++;
			off = next;
			continue;
		}
		/* the jail's address in the host address's place; a peer
		 * address (IFA_ADDRESS differing from IFA_LOCAL) stays */
		unsigned char was[16];
		memcpy(was, mine, alen);
		if (local)
			memcpy(local, shown, alen);
		if (address && !memcmp(address, was, alen))
			memcpy(address, shown, alen);
		/* nothing else of the host's address: its broadcast is the
		 * subnet's, its label the interface's; lifetimes stay */
		off = next;
	}
	return hidden;
}
