/* SPDX-License-Identifier: BSD-2-Clause */
#include "stat_quick.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "../engine/tracee.h"
#include "../fs/fs_root.h"

static bool one_component(const char *name)
{
	return name[0] && !strchr(name, '/') && strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

bool stat_quick_jail(const struct tracee *t)
{
	return !t->root || strcmp(t->root->host, "/") == 0;
}

bool stat_quick_may(const struct tracee *t, int dirfd, const char *name, int at_flags)
{
	if (dirfd < 0 && dirfd != AT_FDCWD)
		return false;
	if (!name[0])
		return at_flags & AT_EMPTY_PATH; /* the caller's own descriptor */
	return stat_quick_jail(t) && one_component(name);
}

int stat_quick(const struct tracee *t, int dirfd, const char *name, int at_flags, bool follow, bool statx_call,
	       unsigned mask, int sync, void *out)
{
	if (!stat_quick_may(t, dirfd, name, at_flags))
		return 1;
	char p[PATH_MAX];
	int n;
	if (dirfd == AT_FDCWD)
		n = snprintf(p, sizeof(p), "/proc/%d/cwd%s%s", (int)t->tid, name[0] ? "/" : "", name);
	else
		n = snprintf(p, sizeof(p), "/proc/%d/fd/%d%s%s", (int)t->tid, dirfd, name[0] ? "/" : "", name);
	if (n < 0 || (size_t)n >= sizeof(p))
		return 1;
	/* an empty name: the magic link is followed to the very file the
	 * descriptor holds; a name: looked up without following */
	int nofollow = name[0] ? AT_SYMLINK_NOFOLLOW : 0;
	bool link, anonymous;
	if (statx_call) {
		struct statx *stx = out;
		if (statx(AT_FDCWD, p, nofollow | sync, mask | STATX_TYPE, stx) < 0 || !(stx->stx_mask & STATX_TYPE))
			return 1;
		link = S_ISLNK(stx->stx_mode);
		anonymous = stx->stx_dev_major == 0;
	} else {
		struct stat *st = out;
		if (fstatat(AT_FDCWD, p, st, nofollow) < 0)
			return 1;
		link = S_ISLNK(st->st_mode);
		anonymous = major(st->st_dev) == 0;
	}
	if (!name[0])
		return 0; /* the descriptor's own file, whatever it is (as the object route) */
	if (anonymous)
		return 1; /* maybe a procfs or cgroupfs: the /proc guard judges it */
	/* a symlink to follow may lead anywhere, /proc included */
	return link && follow && name[0] ? 1 : 0;
}
