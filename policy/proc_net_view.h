/* SPDX-License-Identifier: BSD-2-Clause */
/* The jail's own view of the /proc/<pid>/net files that name addresses
 * and sockets (FreeBSD: a jail lists only its own addresses and the
 * sockets its processes made). Pure functions over the text the kernel
 * printed (docs/networking.md, "The jail's network view"). */
#ifndef JAIL_POLICY_PROC_NET_VIEW_H
#define JAIL_POLICY_PROC_NET_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "jail.h"
#include "net_view.h"

enum proc_net_kind {
	PROC_NET_IF_INET6,  /* if_inet6: one line per IPv6 address */
	PROC_NET_INET4,     /* tcp, udp, raw, udplite: IPv4 sockets */
	PROC_NET_INET6,     /* tcp6, udp6, raw6, udplite6 */
	PROC_NET_UNIX,      /* unix: AF_UNIX sockets */
	PROC_NET_ROUTE4,    /* route: the IPv4 main table */
	PROC_NET_IPV6_ROUTE, /* ipv6_route: every IPv6 table */
	PROC_NET_FIB_TRIE    /* fib_trie: the IPv4 tables as trees */
};

struct proc_net_file {
	const char *name; /* its name under /proc/<pid>/net */
	enum proc_net_kind kind;
	bool renumber; /* its first column counts the lines shown (tcp) */
};

/* The files filtered, ended by a NULL name. */
extern const struct proc_net_file proc_net_files[];

/* What the jail owns: the inodes of its processes' sockets, ascending. */
struct proc_net_owned {
	const unsigned long *inodes;
	size_t count;
};

/* Filters the whole text of file f (len bytes, as the kernel printed it)
 * for jail j into out (room for len bytes; never longer than the input):
 * - if_inet6: a host address shows as the jail address placed on it
 *   (net_view_shown, as in netlink dumps), else the line goes;
 * - sockets: a line stays if its inode is one the jail owns, or, for an
 *   IPv4/IPv6 socket no process holds (inode 0: TIME_WAIT, orphaned), if
 *   its local address is one of the jail's; tcp's line numbers count the
 *   lines shown;
 * - routes: only host routes to one of the jail's addresses (FreeBSD's
 *   rt_is_exportable for a jail without a vnet);
 * - fib_trie: each table's name, followed by one leaf per jail IPv4
 *   address placed on a host address (net_view_place): "/32 host LOCAL",
 *   as the kernel lists a local address; nothing else of the tree.
 * Header lines stay. Returns the length written (fib_trie: at most len
 * bytes too; leaves that do not fit are left out). */
size_t proc_net_filter(const struct proc_net_file *f, const struct jail *j, const struct net_host_addr *hosts,
		       size_t n, const struct proc_net_owned *owned, const char *in, size_t len, char *out);

#endif
