/* SPDX-License-Identifier: BSD-2-Clause */
/* The jail's own view of the host's interface addresses (FreeBSD: a jail
 * sees every interface but only its own addresses on them). Pure functions
 * over a netlink route dump, as the kernel wrote it into a jailed reader's
 * buffer (docs/networking.md, "The jail's network view"). */
#ifndef JAIL_POLICY_NET_VIEW_H
#define JAIL_POLICY_NET_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "jail.h"

/* One address of the host, as its interface carries it. */
struct net_host_addr {
	int family;           /* AF_INET or AF_INET6 */
	unsigned ifindex;
	unsigned prefixlen;
	unsigned char addr[16];
};

/* Which host address shows jail address i of family (its index in j's
 * ip4/ip6 list): the host address equal to it, else the first one whose
 * subnet holds it; -1 if none (the jail address is on no interface). */
int net_view_place(const struct jail *j, int family, int i, const struct net_host_addr *hosts, size_t n);

/* The jail address shown in place of the host's address addr (of family,
 * on interface ifindex), or NULL if that address is hidden. */
const unsigned char *net_view_shown(const struct jail *j, const struct net_host_addr *hosts, size_t n, int family,
				    unsigned ifindex, const unsigned char *addr);

/* Rewrites a netlink route message stream of len bytes in place for the
 * jail: every RTM_NEWADDR/RTM_DELADDR of a host address becomes the jail
 * address placed on it (net_view_place), or, if none, an NLMSG_NOOP of the
 * same length with nothing of the address left in it. Of a dump
 * (NLM_F_MULTI), an RTM_NEWROUTE stays only if it is a host route (/32,
 * /128) to a jail address, an RTM_NEWNEIGH only if its address is the
 * jail's (FreeBSD's route and lltable dumps in a jail without a vnet); the
 * others become NLMSG_NOOPs the same way. Other messages are left alone; a
 * malformed stream is left alone from the first bad header. Returns the
 * number of messages hidden. */
size_t net_view_filter(const struct jail *j, const struct net_host_addr *hosts, size_t n, unsigned char *buf,
		       size_t len);

#endif
