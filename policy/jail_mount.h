/* SPDX-License-Identifier: BSD-2-Clause */
/* The mount and mount.fstab parameters: fstab(5) lines jail(8) mounts
 * before the jail is created and unmounts after it is removed, read as
 * FreeBSD's jail(8) reads them and mapped onto Linux's mount(2)
 * (docs/parameters.md). Pure. */
#ifndef JAIL_POLICY_JAIL_MOUNT_H
#define JAIL_POLICY_JAIL_MOUNT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#define JAIL_MOUNT_MAX 64 /* entries per jail (mount lines plus the fstab's) */

enum jail_mount_kind {
	JAIL_MOUNT_BIND,     /* nullfs: a bind mount of dev (a path) */
	JAIL_MOUNT_FS,       /* a file system of type linux_type (tmpfs, ext4, ...) */
	JAIL_MOUNT_PROVIDED, /* procfs, linprocfs, fdescfs: the jail has its own already */
};

struct jail_mount {
	char dev[PATH_MAX];     /* fstab's first field (a source path for nullfs) */
	char dir[PATH_MAX];     /* the mount point, a host path */
	char type[32];          /* as written (nullfs, tmpfs, ...) */
	char opts[256];         /* as written ("" when absent) */
	enum jail_mount_kind kind;
	char linux_type[32];    /* JAIL_MOUNT_FS: mount(2)'s type */
	unsigned long flags;    /* MS_* from the options */
	char data[256];         /* the options mount(2) takes as data */
};

/* Parses one fstab line given as parameter param ("mount" or
 * "mount.fstab"): 1 with *out filled, 0 for a blank or comment line, -1
 * with jail(8)'s message in err ("mount: LINE: missing information",
 * "mount: X: not an absolute pathname", "mount: LINE: unknown option"). */
int jail_mount_parse(const char *param, const char *line, struct jail_mount *out, char *err, size_t errlen);

/* The command line FreeBSD's jail(8) would run for m (for messages):
 * "/sbin/mount -t TYPE [-o OPTS] DEV DIR". */
void jail_mount_describe(const struct jail_mount *m, char *buf, size_t size);

/* mount(2)'s MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_NOATIME and
 * MS_NOSYMFOLLOW as the new mount API's MOUNT_ATTR_* (mount_setattr). */
unsigned long long jail_mount_attr(unsigned long ms_flags);

#endif
