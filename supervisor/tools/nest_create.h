/* SPDX-License-Identifier: BSD-2-Clause */
/* jail -c run for a jailed caller (docs/nested-jails.md): the child's
 * parameters checked against its parent's, as FreeBSD's prison rules say,
 * and translated to the host. */
#ifndef JAIL_TOOLS_NEST_CREATE_H
#define JAIL_TOOLS_NEST_CREATE_H

#include <stdbool.h>

struct jail_cmdline;

/* argv without its path= word (copied into out, NULL-terminated; out has
 * argc + 1 slots); the guest path given, or NULL. */
const char *nest_take_path(int argc, char **argv, char **out);

/* Checks and translates cl's jail for creation beneath jail `scope`: the
 * parent's children.max, the path resolved beneath the parent's root, the
 * addresses among the parent's, securelevel, enforce_statfs and allow.*
 * bounded by the parent's, the defaults (names, osrelease, host ids) the
 * parent's; the name becomes "parent.name". host_path: guest_path is a
 * host path (a child named p.x on the host), which must lie beneath the
 * parent's root ("/" or none: that root). 0, or 1 after a FreeBSD-worded
 * message. */
int nest_prepare_create(struct jail_cmdline *cl, int scope, const char *guest_path, bool host_path);

/* The host's jail -c name=p.x (FreeBSD: child x of p): made beneath p
 * through nest_prepare_create, the registry scoped to p; p absent is
 * `jail "p" not found`. 0 (also for a name without a dot), or 1 after the
 * message. */
int nest_prepare_host_child(struct jail_cmdline *cl);

struct jail;
/* jail -m of a child by a jailed caller (its parent or an ancestor): the
 * changed values stay within those of the child's parent, parent_jid
 * (FreeBSD: securelevel and enforce_statfs not below, children.max below,
 * allow.* and SysV IPC not beyond, addresses among its own). 0, or 1
 * after `jail: jail_set: Operation not permitted`. */
int nest_check_modify(int parent_jid, const struct jail *from, const struct jail *to);

#endif
