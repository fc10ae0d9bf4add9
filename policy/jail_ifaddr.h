/* SPDX-License-Identifier: BSD-2-Clause */
/* FreeBSD's "interface|address/netmask" form of an ip4.addr / ip6.addr
 * entry, and the interface parameter: the addresses jail(8) adds to a
 * network interface while the jail exists (docs/networking.md). Pure. */
#ifndef JAIL_POLICY_JAIL_IFADDR_H
#define JAIL_POLICY_JAIL_IFADDR_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>

#define JAIL_IFNAME_MAX 16 /* IFNAMSIZ */
#define JAIL_IFADDR_MAX 16

struct jail_ifaddr {
	char ifname[JAIL_IFNAME_MAX]; /* "": the interface parameter's */
	int family;                   /* AF_INET or AF_INET6 */
	int prefix;                   /* -1: none given (32 or 128) */
	struct in6_addr addr;         /* AF_INET: the first 4 bytes */
};

/* Splits entry ("if|addr/mask", "addr/mask" or "addr") of a list of family
 * af (AF_UNSPEC: either): addr gets the address text; *has is true when an
 * interface or a mask was given and *out describes it. 0, or -1 with
 * jail(8)'s message in err. */
int jail_ifaddr_split(const char *entry, int af, char *addr, size_t size, bool *has, struct jail_ifaddr *out,
		      char *err, size_t errlen);

/* The prefix length of mask text m for family: a number, or for IPv4 a
 * dotted netmask; -1 if it is neither. */
int jail_ifaddr_prefix(const char *m, int family);

#endif
