/* SPDX-License-Identifier: BSD-2-Clause */
/* The Landlock rules of a jailed process, applied by the supervisor to
 * objects it opens on the process's behalf (the supervisor is not under
 * those rulesets: landlock_guard.c, landlock_root.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "../../policy/path.h"
#include "dev_shm.h"
#include "fs_root.h"
#include "proc_uts_file.h"
#include "../engine/tracee.h"

/* File systems of the kernel's own objects: never written by a jail. */
static bool kernel_fs(long type)
{
	switch ((unsigned long)type) {
	case 0x9fa0:     /* proc */
	case 0x62656572: /* sysfs */
	case 0x27e0eb:   /* cgroup */
	case 0x63677270: /* cgroup2 */
	case 0x64626720: /* debugfs */
	case 0x74726163: /* tracefs */
	case 0x73636673: /* securityfs */
	case 0xcafe4a11: /* bpf */
	case 0x62656570: /* configfs */
	case 0xde5e81e4: /* efivarfs */
	case 0x6165676c: /* pstore */
	case 0x42494e4d: /* binfmt_misc */
		return true;
	default:
		return false;
	}
}

int fs_object_allowed(const struct tracee *t, int fd, int flags, bool in_root)
{
	bool writes = (flags & O_ACCMODE) != O_RDONLY || (flags & (O_TRUNC | O_CREAT));
	bool rooted = t->root && strcmp(t->root->host, "/") != 0;
	if (!writes && !rooted)
		return 0;
	struct statfs sf;
	if (fstatfs(fd, &sf) < 0)
		return -EACCES;
	if (writes && kernel_fs(sf.f_type))
		/* kernel.hostname, kernel.domainname: as sethostname(2) */
		return proc_uts_file(fd) > 0 ? -EPERM : -EACCES;
	if (rooted && fs_dev_covered_fd(t->root, fd))
		return -ENOENT; /* mount.devfs covers the root's own /dev */
	if (in_root)
		return 0; /* the kernel kept the walk inside the root */
	char link[64], path[PATH_MAX];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, path, sizeof(path) - 1);
	if (n <= 0)
		return -EACCES;
	path[n] = '\0';
	if (path[0] != '/')
		return 0; /* pipe:[..], socket:[..], anon_inode:...: no path */
	if (writes && (path_within("/proc", path) || path_within("/sys", path)))
		return -EACCES;
	if (!rooted || path_within(t->root->host, path))
		return 0;
	if (t->root->host_proc && path_within("/proc", path))
		return writes ? -EACCES : 0;
	const struct fs_root *shm = t->root->host_dev ? dev_shm_root() : NULL;
	if (shm && path_within(shm->host, path))
		return 0; /* the jail's private /dev/shm */
	if (t->root->dev_own && strcmp(path, "/dev") == 0)
		return writes ? -EACCES : 0; /* mount.devfs: listed filtered */
	if (strncmp(path, "/dev/", 5) == 0 && fs_dev_shows(t->root, path + 5, strcspn(path + 5, "/")))
		return 0;
	/* mount.devfs: what the ruleset hides is absent, however reached */
	return t->root->dev_own && path_within("/dev", path) ? -ENOENT : -EACCES;
}
