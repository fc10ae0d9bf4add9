/* SPDX-License-Identifier: BSD-2-Clause */
/* /proc/<pid>/{mounts,mountinfo,mountstats} as a jail reads them
 * (proc_mounts_view.c). */
#ifndef JAIL_SUPERVISOR_PROC_MOUNTS_VIEW_H
#define JAIL_SUPERVISOR_PROC_MOUNTS_VIEW_H

struct tracee;

/* fd: what an open of t reached, opened with flags (the supervisor's
 * descriptor, taken). If it is a procfs mount table file and t's jail has
 * enforce_statfs 1 or 2, opened for reading: a sealed read-only memfd
 * with the mounts the jail may see (policy/mounts_view.h); else fd itself.
 * On any failure -errno, fd closed. */
int proc_mounts_view_open(const struct tracee *t, int fd, int flags);

#endif
