/* SPDX-License-Identifier: BSD-2-Clause */
/* The mount and mount.fstab parameters (policy/jail_mount.h): as root,
 * each entry is mounted before the jail's root is opened, in FreeBSD's
 * order (the mount lines, then the fstab's), and unmounted in reverse
 * when the jail ends. Each mount point is opened once, beneath the jail's
 * path without following a symbolic link, and the new mount is attached
 * to that object (open_tree/fsmount + move_mount): no path is walked
 * twice. Never for a normal user: a one-line error before anything is
 * made. docs/parameters.md. */
#ifndef JAIL_TOOLS_JAIL_MOUNTS_H
#define JAIL_TOOLS_JAIL_MOUNTS_H

#include <stddef.h>

struct jail_cmdline;

/* Before anything is made: reads mount.fstab, parses every entry (mount
 * points absolute) and checks that the caller is root. Keeps the entries
 * for jail_mounts_mount. 0, or -1 with the message (after "jail: ") in
 * err. */
int jail_mounts_check(const struct jail_cmdline *cl, char *err, size_t errlen);

/* Mounts the checked entries, in order, each mount point checked as
 * FreeBSD's jail(8) checks it just before (existing, no symbolic link
 * beneath the jail's path: an earlier entry may have mounted it). 0, or -1
 * with the message in err (what was mounted so far unmounted). */
int jail_mounts_mount(char *err, size_t errlen);

/* Unmounts what jail_mounts_mount mounted, last first (at the jail's end). */
void jail_mounts_unmount(void);

#endif
