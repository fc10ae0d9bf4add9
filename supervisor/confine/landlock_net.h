/* SPDX-License-Identifier: BSD-2-Clause */
/* Abstract AF_UNIX sockets have no path: Landlock's scope (ABI 6) keeps a
 * jailed process from connecting or sending to one bound outside the jail's
 * Landlock domain. */
#ifndef JAIL_SUPERVISOR_LANDLOCK_NET_H
#define JAIL_SUPERVISOR_LANDLOCK_NET_H

/* Restricts the calling thread (before exec). 0, or -EOPNOTSUPP if the
 * kernel's Landlock lacks scopes (the supervisor then refuses abstract
 * names itself: handle_net.c), or -errno. */
int landlock_scope_abstract_unix(void);

#endif
