/* SPDX-License-Identifier: BSD-2-Clause */
/* Is an opened object procfs's kernel.hostname or kernel.domainname?
 * (proc_uts_file.c) */
#ifndef JAIL_SUPERVISOR_PROC_UTS_FILE_H
#define JAIL_SUPERVISOR_PROC_UTS_FILE_H

enum proc_uts_kind {
	PROC_UTS_NONE = 0,
	PROC_UTS_HOSTNAME = 1,
	PROC_UTS_DOMAINNAME = 2,
};

/* fd: a supervisor descriptor of an object a jail reached. Which of the
 * two sysctl files it is (PROC_UTS_NONE for anything else), judged on the
 * object: a procfs regular file whose kernel name ends in
 * kernel/hostname (kernel/domainname), or the very inode of the host's
 * /proc/sys/kernel/hostname (under another name: a bind mount). -errno
 * when that cannot be told (the caller fails the call). */
int proc_uts_file(int fd);

#endif
