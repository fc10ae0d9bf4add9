/* SPDX-License-Identifier: BSD-2-Clause */
#include "landlock_root.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../../policy/devfs_rules.h"
#include "dev_shm.h"
#include "fs_root.h"

/* Rights newer than Debian 12's headers (the kernel's values). */
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV (1ULL << 15)
#endif

/* Every access right of the kernel's Landlock ABI version abi. */
static __u64 all_fs_rights(int abi)
{
	__u64 r = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_READ_FILE |
		  LANDLOCK_ACCESS_FS_READ_DIR | LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |
		  LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
		  LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK |
		  LANDLOCK_ACCESS_FS_MAKE_SYM;
	if (abi >= 2)
		r |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		r |= LANDLOCK_ACCESS_FS_TRUNCATE;
	if (abi >= 5)
		r |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
	return r;
}

static int allow_beneath(int ruleset, const char *path, __u64 rights, __u64 handled)
{
	int fd = open(path, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	struct stat st;
	if (fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode)) {
		/* a file: only file rights apply to it */
		rights &= LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE |
			  LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_TRUNCATE |
			  LANDLOCK_ACCESS_FS_IOCTL_DEV;
	}
	struct landlock_path_beneath_attr rule = {.allowed_access = rights & handled, .parent_fd = fd};
	int err = 0;
	if (syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0) < 0)
		err = -errno;
	close(fd);
	return err;
}

int landlock_confine_to_root(const struct fs_root *root)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 1)
		return -EOPNOTSUPP;
	__u64 handled = all_fs_rights((int)abi);
	struct landlock_ruleset_attr attr = {.handled_access_fs = handled};
	int ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (ruleset < 0)
		return -errno;
	int err = allow_beneath(ruleset, root->host, handled, handled);
	if (!err && root->host_proc)
		err = allow_beneath(ruleset, "/proc", LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR,
				    handled);
	for (int i = 0; !err && devfs_names[i]; i++) {
		if (!fs_dev_shows(root, devfs_names[i], strlen(devfs_names[i])))
			continue;
		char path[64];
		snprintf(path, sizeof(path), "/dev/%s", devfs_names[i]);
		struct stat st;
		if (lstat(path, &st) < 0 || S_ISLNK(st.st_mode))
			continue; /* /dev/fd, /dev/stdin ...: links into /proc/self/fd */
		__u64 rights = S_ISDIR(st.st_mode) ? handled & ~(__u64)(LANDLOCK_ACCESS_FS_EXECUTE |
									 LANDLOCK_ACCESS_FS_MAKE_CHAR |
									 LANDLOCK_ACCESS_FS_MAKE_BLOCK)
						   : LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_WRITE_FILE |
							     LANDLOCK_ACCESS_FS_IOCTL_DEV;
		err = allow_beneath(ruleset, path, rights, handled);
	}
	/* the jail's private /dev/shm: files, directories, sockets, fifos and
	 * links of its own, nothing to execute, no device nodes */
	const struct fs_root *shm = root->host_dev ? dev_shm_root() : NULL;
	if (!err && shm)
		err = allow_beneath(ruleset, shm->host,
				    handled & ~(__u64)(LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
						       LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_IOCTL_DEV),
				    handled);
	if (!err && syscall(SYS_landlock_restrict_self, ruleset, 0) < 0)
		err = -errno;
	close(ruleset);
	return err;
}
