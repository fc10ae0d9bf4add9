/* SPDX-License-Identifier: BSD-2-Clause */
/* The jail's network rules, FreeBSD's prison_local_ip4/6 and
 * prison_remote_ip4/6 (in_jail.c, in6_jail.c) for Linux sockaddrs, and the
 * socket()/setsockopt() decisions. Pure functions, no ptrace: the filter
 * (supervisor/confine/filter_net.c) and the handlers (supervisor/handlers/handle_net.c) both
 * ask these. Functions return 0 or -errno, the errno the caller gets. */
#ifndef JAIL_POLICY_NET_H
#define JAIL_POLICY_NET_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>

#include "jail.h"

/* Does the jail own this address (it is in ip4.addr / ip6.addr)? */
bool net_owns_ip4(const struct jail *j, struct in_addr a);
bool net_owns_ip6(const struct jail *j, const struct in6_addr *a);

/* A local (bind) address: INADDR_ANY and 127.0.0.1 not owned -> the
 * primary (first) address; an owned address stays; anything else
 * -EADDRNOTAVAIL (also when the jail has no IPv4 at all). */
int net_local_ip4(const struct jail *j, struct in_addr *a);
/* A remote (connect, send) address: INADDR_ANY and 127.0.0.1 not owned ->
 * the primary address; others stay. -ENETUNREACH if the jail has no IPv4
 * and a is one of those. */
int net_remote_ip4(const struct jail *j, struct in_addr *a);
/* The same for IPv6 (:: and ::1). An IPv4-mapped address
 * (::ffff:a.b.c.d) is judged by the IPv4 rule and stays mapped. */
int net_local_ip6(const struct jail *j, struct in6_addr *a);
int net_remote_ip6(const struct jail *j, struct in6_addr *a);

enum net_op {
	NET_BIND,    /* local address */
	NET_CONNECT, /* remote; AF_UNSPEC dissolves the association */
	NET_SEND,    /* remote: sendto, sendmsg, sendmmsg destination */
};

/* Checks and rewrites, in place, the sockaddr of len bytes passed to op.
 * An AF_UNSPEC address of at least sizeof(struct sockaddr_in) bytes is
 * rewritten to AF_INET and judged so for NET_BIND and NET_SEND, whatever
 * the socket (an AF_INET socket's kernel code takes it as AF_INET there;
 * deciding from the address alone cannot be raced by swapping the fd).
 * Other families are left alone (0). -EINVAL if too short to hold the
 * address the kernel would read. */
int net_check_sockaddr(const struct jail *j, enum net_op op, void *sa, size_t len);

/* May the jail create socket(domain, type, protocol)? 0; -EPROTONOSUPPORT
 * (a family with no jail address, a family not allowed without
 * allow.socket_af, a netlink protocol other than NETLINK_ROUTE);
 * -EPERM (raw or packet sockets without allow.raw_sockets). */
int net_socket_check(const struct jail *j, int domain, int type, int protocol);
/* socket()'s answer for a family alone, whatever the type: 0 (allowed,
 * maybe with type/protocol rules), -EPROTONOSUPPORT or -EPERM. For the
 * filter, which compares the family register. */
int net_family_errno(const struct jail *j, int domain);

/* setsockopt(level, optname) options a jail may not set: -EPERM, else 0. */
int net_setsockopt_check(const struct jail *j, int level, int optname);

struct net_sockopt_deny {
	int level, optname;
	const char *why;
};
extern const struct net_sockopt_deny net_sockopt_denies[];
extern const unsigned net_sockopt_deny_count;

/* The type bits socket() takes besides the type: SOCK_NONBLOCK|SOCK_CLOEXEC. */
#define NET_SOCK_TYPE_MASK 0xf

/* Families judged by net_family_errno in the filter: 0 .. NET_FAMILY_LIMIT-1
 * (the kernel refuses larger ones with EAFNOSUPPORT). */
#define NET_FAMILY_LIMIT 64

#endif
