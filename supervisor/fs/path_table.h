/* SPDX-License-Identifier: BSD-2-Clause */
/* Where each path-taking syscall keeps its path arguments and how it treats
 * a symlink in the last component. Used by handle_path.c. */
#ifndef JAIL_SUPERVISOR_PATH_TABLE_H
#define JAIL_SUPERVISOR_PATH_TABLE_H

#include <stdint.h>

#include "../../arch/syscalls.h"

enum path_follow_rule {
	PF_NONE = 0,      /* no path in this slot */
	PF_FOLLOW,        /* stat, chmod, chdir, truncate ... */
	PF_NOFOLLOW,      /* lstat, lchown, l*xattr: a lookup that does not follow */
	PF_PARENT,        /* unlink, mkdir, rename, the new name of link ...: acts on the
			   * name in its directory, never follows it */
	PF_AT_NOFOLLOW,   /* follows unless flags has AT_SYMLINK_NOFOLLOW */
	PF_AT_FOLLOW,     /* does not follow unless flags has AT_SYMLINK_FOLLOW (linkat) */
	PF_OPEN,          /* open flags: O_NOFOLLOW, O_CREAT, O_CREAT|O_EXCL */
	PF_CREAT,         /* creat(): O_CREAT without O_EXCL */
	PF_INOTIFY,       /* follows unless the mask has IN_DONT_FOLLOW */
};

struct path_slot {
	int8_t dirfd; /* argument index of the directory fd; -1: AT_FDCWD */
	int8_t path;  /* argument index of the path */
	uint8_t rule; /* enum path_follow_rule; PF_NONE: unused slot */
};

struct path_spec {
	struct path_slot slot[2];
	int8_t flags;      /* argument index of the flags the rule reads; -1 none */
	uint8_t empty_ok;  /* AT_EMPTY_PATH in flags lets "" name the dirfd itself */
	uint8_t null_ok;   /* a NULL path is the call's own business (utimensat, acct) */
};

/* The spec for id, or NULL if id takes no path the generic handler translates. */
const struct path_spec *path_spec_of(enum sc_id id);

#endif
