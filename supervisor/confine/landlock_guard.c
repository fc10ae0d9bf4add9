/* SPDX-License-Identifier: BSD-2-Clause */
#include "landlock_guard.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int create_ruleset(const struct landlock_ruleset_attr *attr, size_t size, unsigned flags)
{
	return (int)syscall(SYS_landlock_create_ruleset, attr, size, flags);
}

/* Top-level entries of / under which writes stay allowed: all but these. */
static int guarded(const char *name)
{
	return strcmp(name, "proc") == 0 || strcmp(name, "sys") == 0 || strcmp(name, ".") == 0 ||
	       strcmp(name, "..") == 0;
}

int landlock_guard_proc_writes(void)
{
	int abi = create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 1)
		return -EOPNOTSUPP;
	/* A ruleset that does not handle REFER denies every link or rename into
	 * another directory (EXDEV): handle it and grant it where writes are. */
	__u64 rights = LANDLOCK_ACCESS_FS_WRITE_FILE | (abi >= 2 ? LANDLOCK_ACCESS_FS_REFER : 0);
	struct landlock_ruleset_attr attr = {.handled_access_fs = rights};
	int ruleset = create_ruleset(&attr, sizeof(attr), 0);
	if (ruleset < 0)
		return -errno;
	int err = 0;
	DIR *root = opendir("/");
	if (!root) {
		err = -errno;
		close(ruleset);
		return err;
	}
	struct dirent *d;
	while ((d = readdir(root))) {
		if (guarded(d->d_name))
			continue;
		/* O_PATH follows symlinks (/bin -> usr/bin): the rule lands on the target */
		int fd = openat(dirfd(root), d->d_name, O_PATH | O_CLOEXEC);
		if (fd < 0)
			continue;
		struct stat st;
		bool dir = fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
		struct landlock_path_beneath_attr rule = {
			.allowed_access = dir ? rights : LANDLOCK_ACCESS_FS_WRITE_FILE,
			.parent_fd = fd,
		};
		if (syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0) < 0 &&
		    errno != EINVAL)
			err = -errno;
		close(fd);
		if (err)
			break;
	}
	closedir(root);
	if (!err && syscall(SYS_landlock_restrict_self, ruleset, 0) < 0)
		err = -errno;
	close(ruleset);
	return err;
}
