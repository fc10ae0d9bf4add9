/* SPDX-License-Identifier: BSD-2-Clause */
/* The /proc/<pid>/net files that list addresses and sockets, as a jail
 * reads them (proc_net_view.c, docs/networking.md). */
#ifndef JAIL_SUPERVISOR_PROC_NET_VIEW_H
#define JAIL_SUPERVISOR_PROC_NET_VIEW_H

struct tracee;

/* fd: what an open of t reached, opened with flags (the supervisor's
 * descriptor, taken). If it is one of the procfs net files the jail sees
 * filtered (policy/proc_net_view.h) and opened for reading, a read-only
 * sealed memfd with the jail's view of it, read from fd now; else fd
 * itself. On any failure -errno, fd closed: nothing of the host's is
 * handed out unfiltered. */
int proc_net_view_open(const struct tracee *t, int fd, int flags);

#endif
