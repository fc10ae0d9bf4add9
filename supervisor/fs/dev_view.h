/* SPDX-License-Identifier: BSD-2-Clause */
/* The /dev of a jail whose root has none: a fixed safe set of the host's
 * nodes (fs_safe_dev_names, after FreeBSD's devfs ruleset 4), of which
 * /dev/pts shows only the jail's own terminals: the one the jail was
 * started on and the ptys its processes opened themselves (they hold the
 * master), and the caller's own controlling terminal (a jexec'd process
 * brings the one it was started on). Any other /dev/pts/N, another session's terminal, is absent
 * (ENOENT): a jailed root must not read or type into it. /dev/shm is the
 * jail's own (dev_shm.h), /dev/mqueue absent (docs/dev.md). */
#ifndef JAIL_SUPERVISOR_DEV_VIEW_H
#define JAIL_SUPERVISOR_DEV_VIEW_H

#include <sys/types.h>

struct tracee;

/* Records the terminals on the caller's standard descriptors as the
 * jail's (the supervisor, before it starts the command). */
void dev_view_init(void);

/* The controlling terminal of tid (from /proc/<tid>/stat): 0 and *rdev,
 * or -ENXIO if it has none. */
int dev_view_ctty(pid_t tid, dev_t *rdev);

/* Host path host (translated for t, whose root has no /dev): 0, or
 * -ENOENT for a pty that is not the jail's. */
int dev_view_check(const struct tracee *t, const char *host);

/* The pty numbers t may see in /dev/pts (its jail's terminals, the ptys
 * whose master one of its processes holds, its controlling terminal), at most max of them in idx:
 * how many. For the listing of the host's /dev/pts (handle_proc.c). */
int dev_view_own_ptys(const struct tracee *t, long *idx, int max);

#endif
