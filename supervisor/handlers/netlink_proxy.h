/* SPDX-License-Identifier: BSD-2-Clause */
/* A jailed process never holds a NETLINK_ROUTE socket of the host: its
 * socket(AF_NETLINK, ..., NETLINK_ROUTE) gets one end of an AF_UNIX
 * SOCK_SEQPACKET pair, and the supervisor relays between the other end and
 * a route socket of its own: requests other than RTM_GET* are answered
 * with EPERM, and every reply and event is rewritten for the jail
 * (net_view_filter) before the jail can read it, by recv(), read(),
 * recvmsg() or any other way. The calls whose meaning is netlink's (bind,
 * connect, getsockname, setsockopt at SOL_NETLINK, a send to an address,
 * the source address of a receive) are answered by the handlers on the
 * supervisor's socket (docs/networking.md, "Netlink"). */
#ifndef JAIL_SUPERVISOR_NETLINK_PROXY_H
#define JAIL_SUPERVISOR_NETLINK_PROXY_H

#include <stdbool.h>
#include <stddef.h>

struct jail;
struct tracee;

/* A new proxy for jail j: the jail's end (to hand over) or -errno. type
 * carries SOCK_NONBLOCK as socket(2) has it. */
int netlink_proxy_new(const struct jail *j, int type);
/* The same with a pair made elsewhere (by the tracee, at a ptrace stop):
 * sup, the supervisor's end, is taken (closed on failure); end, the jail's,
 * is only looked at. 0 or -errno. */
int netlink_proxy_adopt(const struct jail *j, int sup, int end);

/* Runs fn(real, end, arg) under the proxies' lock when the tracee's
 * descriptor fd holds a proxy's jail end: real is the supervisor's route
 * socket, end the supervisor's duplicate of that very descriptor (so what
 * fn does is bound to the object checked, whatever a sibling thread puts
 * at fd meanwhile). fn's result (0 or -errno), or NETLINK_PROXY_NONE when
 * fd is no proxy's end. */
#define NETLINK_PROXY_NONE 1
int netlink_proxy_with(const struct tracee *t, int fd, int (*fn)(int real, int end, void *arg), void *arg);

/* Is the tracee's descriptor fd a proxy's jail end? */
bool netlink_proxy_is(const struct tracee *t, int fd);

#endif
