/* SPDX-License-Identifier: BSD-2-Clause */
/* /proc/sys/kernel/{hostname,domainname} as a jail reads them
 * (proc_sys_view.c). */
#ifndef JAIL_SUPERVISOR_PROC_SYS_VIEW_H
#define JAIL_SUPERVISOR_PROC_SYS_VIEW_H

struct tracee;

/* fd: what an open of t reached, opened with flags (the supervisor's
 * descriptor, taken). If it is procfs's kernel.hostname or
 * kernel.domainname (fs/proc_uts_file.h), a sealed read-only memfd
 * holding the jail's host.hostname or host.domainname and a newline, as
 * the kernel prints its own; an O_PATH descriptor stays; an open for
 * writing is -EPERM (as sethostname(2) is for a jail: the names change
 * through sethostname with allow.set_hostname only). Anything else: fd
 * itself. On any failure -errno, fd closed. */
int proc_sys_view_open(const struct tracee *t, int fd, int flags);

#endif
