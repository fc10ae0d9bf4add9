/* SPDX-License-Identifier: BSD-2-Clause */
/* stat of one name in a directory of the caller's, in one lookup: what
 * tree walkers (du, find, ls -l) do for every entry. */
#ifndef JAIL_SUPERVISOR_STAT_QUICK_H
#define JAIL_SUPERVISOR_STAT_QUICK_H

#include <stdbool.h>
#include <sys/stat.h>

struct tracee;

/* An empty name with AT_EMPTY_PATH (fstat): the file descriptor dirfd of
 * t holds, through /proc/<tid>/fd/N, in any jail; the caller has it.
 * In a jail at the host's /, name is one component (not "." or "..") of
 * directory dirfd (AT_FDCWD: the cwd) of t. The supervisor looks it up
 * once, as the caller (the calling thread acts as t), from the caller's
 * own directory (/proc/<tid>/fd/N or cwd), without following a symlink.
 * The answer stands when the entry is not a symlink to follow and lies
 * on a file system with a device of its own (a nonzero major: a disk;
 * procfs, cgroupfs, sysfs and devtmpfs have anonymous devices, so the
 * /proc guard would have nothing to hide). One lookup, so nothing to
 * race: the result is that lookup's.
 * With statx set, out is a struct statx filled for mask and sync;
 * else a struct stat. 0: *out is the answer; 1: take the object route
 * (path_object.h). */
/* t's jail is at the host's / (the only place stat_quick answers) */
bool stat_quick_jail(const struct tracee *t);
/* name of dirfd is a name stat_quick may answer for */
bool stat_quick_may(const struct tracee *t, int dirfd, const char *name, int at_flags);
int stat_quick(const struct tracee *t, int dirfd, const char *name, int at_flags, bool follow, bool statx_call,
	       unsigned mask, int sync, void *out);

#endif
