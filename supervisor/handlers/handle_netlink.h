/* SPDX-License-Identifier: BSD-2-Clause */
/* The socket calls on a NETLINK_ROUTE proxy (netlink_proxy.h), answered on
 * the supervisor's route socket (handle_netlink.c). Each netlink_* of a
 * call with a descriptor returns false when the descriptor is no proxy
 * (the caller goes on as before), else true with the stop answered:
 * s->retval set for ACT_RETURN, or, for the receives, an exit stop
 * wanted. */
#ifndef JAIL_SUPERVISOR_HANDLE_NETLINK_H
#define JAIL_SUPERVISOR_HANDLE_NETLINK_H

#include <stdbool.h>

#include "../engine/stop.h"

/* socket(AF_NETLINK, type, NETLINK_ROUTE): a new proxy's end (ACT_FD). */
enum action netlink_socket(struct syscall_stop *s, int type);
bool netlink_bind(struct syscall_stop *s);
bool netlink_connect(struct syscall_stop *s);
bool netlink_setsockopt(struct syscall_stop *s);
bool netlink_sendto(struct syscall_stop *s);
bool netlink_sendmsg(struct syscall_stop *s);
bool netlink_getsockname(struct syscall_stop *s);
bool netlink_getsockopt(struct syscall_stop *s);
/* recvmsg, recvfrom: true when the exit stop must write the name
 * (netlink_recv_exit). */
bool netlink_recv_enter(struct syscall_stop *s);
long netlink_recv_exit(struct syscall_stop *s);

#endif
