/* SPDX-License-Identifier: BSD-2-Clause */
/* The mount table as a jail sees it (FreeBSD's enforce_statfs): pure
 * functions over the text of /proc/<pid>/mounts, mountinfo and mountstats
 * as the kernel printed it (docs/parameters.md, "enforce_statfs"). */
#ifndef JAIL_POLICY_MOUNTS_VIEW_H
#define JAIL_POLICY_MOUNTS_VIEW_H

#include <stddef.h>

enum mounts_kind {
	MOUNTS_MOUNTS,     /* "dev mountpoint type options 0 0" per mount */
	MOUNTS_MOUNTINFO,  /* "id parent maj:min root mountpoint ..." per mount */
	MOUNTS_MOUNTSTATS, /* "device dev mounted on mountpoint with fstype ..." and its lines */
};

struct mounts_scope {
	int enforce_statfs;    /* 1 or 2 (0: the file is not filtered) */
	const char *jail_root; /* the jail's root, a canonical host path */
	const char *pid_root;  /* the root of the process whose file it is (host path) */
	long root_mnt_id;      /* the mount the jail's root directory is on */
};

/* The mount kind of a /proc/<pid> file name, or -1. */
int mounts_kind_of(const char *name);

/* Filters text (len bytes of a kind file) to the mounts the jail sees:
 * the one its root is on, shown as "/"; with enforce_statfs 1 also those
 * whose mount point is beneath the jail's root, shown relative to it
 * (FreeBSD's prison_canseemount and prison_enforce_statfs). info (ilen
 * bytes) is the same process's mountinfo read at the same moment: its
 * line i gives the mount id of record i of text (ignored for
 * MOUNTS_MOUNTINFO). *out: a malloc'd result, its length the return.
 * -EAGAIN if text and info do not describe the same table (the table
 * changed between the reads: read both again), -ENOMEM, -ENAMETOOLONG. */
long mounts_view_filter(enum mounts_kind kind, const struct mounts_scope *scope, const char *info, size_t ilen,
			const char *text, size_t len, char **out);

#endif
