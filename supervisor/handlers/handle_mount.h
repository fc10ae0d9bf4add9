/* SPDX-License-Identifier: BSD-2-Clause */
/* allow.mount: jailed root's tmpfs and nullfs (bind) mounts inside its own
 * root, made by a root supervisor (handle_mount.c). */
#ifndef JAIL_SUPERVISOR_HANDLE_MOUNT_H
#define JAIL_SUPERVISOR_HANDLE_MOUNT_H

#include "../engine/stop.h"

/* mount(2) */
enum action handle_mount(struct syscall_stop *s);
/* umount2(2), i386's umount(2) */
enum action handle_umount(struct syscall_stop *s);
/* Unmounts every mount the jail made and still has (at the jail's end). */
void jail_made_mounts_unmount(void);

#endif
