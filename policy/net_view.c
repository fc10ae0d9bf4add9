/* SPDX-License-Identifier: BSD-2-Clause */
#include "net_view.h"

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
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

static void hide(struct nlmsghdr *h)
{
	memset(NLMSG_DATA(h), 0, h->nlmsg_len - NLMSG_HDRLEN);
	h->nlmsg_type = NLMSG_NOOP;
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
				hidden++;
			}
			break;
		}
		size_t next = off + NLMSG_ALIGN(h->nlmsg_len);
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
