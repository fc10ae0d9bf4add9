/* SPDX-License-Identifier: BSD-2-Clause */
/* The private /dev/shm of a jail whose root has no /dev (docs/dev.md): a
 * directory the supervisor makes before the command starts and removes when
 * the jail ends, that the guest sees as /dev/shm. fs_root.c resolves every
 * name under /dev/shm inside it (openat2 RESOLVE_IN_ROOT on its descriptor,
 * as for the root itself); landlock_root.c lets the jail write there.
 *
 * It lies in the host's /dev/shm (a tmpfs, as POSIX shared memory expects):
 * /dev/shm/jail.XXXXXX, mode 0711, owned by the supervisor's user, holding
 * one directory of a random name, mode 1777: every uid of the jail can walk
 * to it and use it as /dev/shm, nobody else can list it, and the sticky bit
 * of the host's /dev/shm keeps others from renaming or removing either.
 * The supervisor holds a flock on jail.XXXXXX while the jail lives; one
 * nobody holds (its supervisor was killed) is removed by the next one. */
#ifndef JAIL_SUPERVISOR_DEV_SHM_H
#define JAIL_SUPERVISOR_DEV_SHM_H

struct fs_root;

/* Makes the directory (once). 0 or -errno. */
int dev_shm_create(void);

/* Takes path, the directory a jail's supervisor made (jexec, for its
 * Landlock layer), if it is a directory of the caller's euid. 0 or
 * -errno (-EPERM: not such a directory). */
int dev_shm_adopt(const char *path);

/* Removes it and all in it, never following a link (the supervisor, when
 * the jail ends). */
void dev_shm_remove(void);

/* The directory as a root for openat2 (host path and O_PATH descriptor),
 * or NULL when there is none. */
const struct fs_root *dev_shm_root(void);

#endif
