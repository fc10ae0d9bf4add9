/* SPDX-License-Identifier: BSD-2-Clause */
/* Jailed root may not mount, unmount or move mounts (the jail shares the
 * host's mount table): every call of the old and new mount API gives EPERM.
 * Harmless without the jail: the file system type does not exist, the
 * paths do not exist, the descriptors are invalid. */
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/syscall.h>

#include "probe.h"

#ifndef SYS_open_tree
#define SYS_open_tree 428
#define SYS_move_mount 429
#define SYS_fsopen 430
#define SYS_fsconfig 431
#define SYS_fsmount 432
#define SYS_fspick 433
#endif
#ifndef SYS_mount_setattr
#define SYS_mount_setattr 442
#endif
#ifndef SYS_open_tree_attr
#define SYS_open_tree_attr 467
#endif

#define NOFS "jail-probe-nofs"
#define NOPATH "/nonexistent-jail-probe"

int main(void)
{
	char attr[32] = {0}; /* struct mount_attr, all zero */

	CHECK_DENIED(mount("none", "/", NOFS, 0, NULL), EPERM);
	CHECK_DENIED(umount2(NOPATH, 0), EPERM);
	CHECK_DENIED(syscall(SYS_pivot_root, NOPATH "-a", NOPATH "-b"), EPERM);
	CHECK_DENIED(syscall(SYS_fsopen, NOFS, 0), EPERM);
	CHECK_DENIED(syscall(SYS_fsconfig, -1, 0 /* FSCONFIG_SET_FLAG */, "ro", NULL, 0), EPERM);
	CHECK_DENIED(syscall(SYS_fsmount, -1, 0, 0), EPERM);
	CHECK_DENIED(syscall(SYS_fspick, AT_FDCWD, NOPATH, 0), EPERM);
	CHECK_DENIED(syscall(SYS_move_mount, AT_FDCWD, NOPATH "-a", AT_FDCWD, NOPATH "-b", 0), EPERM);
	CHECK_DENIED(syscall(SYS_open_tree, AT_FDCWD, NOPATH, 0), EPERM);
	CHECK_DENIED(syscall(SYS_mount_setattr, AT_FDCWD, NOPATH, 0, attr, sizeof(attr)), EPERM);
#ifdef __x86_64__
	CHECK_DENIED(syscall(SYS_open_tree_attr, AT_FDCWD, NOPATH, 0, attr, sizeof(attr)), EPERM);
#endif
	checks_done("mount, umount2, pivot_root and the new mount API give EPERM");
}
