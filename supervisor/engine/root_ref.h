/* SPDX-License-Identifier: BSD-2-Clause */
/* A root directory, shared by the processes whose root it is (reference
 * counted): the process table holds one per thread; fs/fs_root.c opens
 * them and translates paths under them. */
#ifndef JAIL_SUPERVISOR_ROOT_REF_H
#define JAIL_SUPERVISOR_ROOT_REF_H

#include <limits.h>
#include <stdbool.h>

struct fs_root {
	char host[PATH_MAX]; /* canonical host path of the root */
	int fd;              /* O_PATH descriptor of it, in the supervisor */
	bool host_proc;      /* the root has no /proc: the guest sees the host's */
	bool host_dev;       /* the root has no /dev/null, or mount.devfs: the guest
			      * sees the host's nodes of dev_mask */
	bool dev_own;        /* mount.devfs: /dev is the host's, showing only dev_mask
			      * (anything else under /dev is absent, the root's too) */
	unsigned dev_mask;   /* the names of policy/devfs_rules.h it shows */
	int refs;
};

/* A new reference to r (r may be NULL: the host's /). */
struct fs_root *fs_root_ref(struct fs_root *r);
/* Drops one; the last one closes the root. */
void fs_root_unref(struct fs_root *r);

#endif
