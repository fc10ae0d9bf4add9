/* SPDX-License-Identifier: BSD-2-Clause */
/* The /dev of a jail whose root has none: a fixed safe set of the host's
 * nodes (fs_safe_dev_names, after FreeBSD's devfs ruleset 4), of which
 * /dev/pts shows only the jail's own terminals: the one the jail was
 * started on and the ptys its processes opened themselves (they hold the
 * master). Any other /dev/pts/N, another session's terminal, is absent
 * (ENOENT): a jailed root must not read or type into it. /dev/shm is the
 * jail's own (dev_shm.h), /dev/mqueue absent (docs/dev.md). */
#ifndef JAIL_SUPERVISOR_DEV_VIEW_H
#define JAIL_SUPERVISOR_DEV_VIEW_H

struct tracee;

/* Records the terminals on the caller's standard descriptors as the
 * jail's (the supervisor, before it starts the command). */
void dev_view_init(void);

/* Host path host (translated for t, whose root has no /dev): 0, or
 * -ENOENT for a pty that is not the jail's. */
int dev_view_check(const struct tracee *t, const char *host);

/* The pty numbers t's jail may see in /dev/pts (its terminals, the ptys
 * whose master one of its processes holds), at most max of them in idx:
 * how many. For the listing of the host's /dev/pts (handle_proc.c). */
int dev_view_own_ptys(const struct tracee *t, long *idx, int max);

#endif
