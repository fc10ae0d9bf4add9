/* SPDX-License-Identifier: BSD-2-Clause */
/* enforce_statfs over /proc/<pid>/mounts, mountinfo and mountstats (what
 * df, findmnt, mount and getmntent read): the object an open reached is
 * recognised (a procfs regular file that the kernel names
 * .../<pid>/mounts, mountinfo or mountstats), its text read once together
 * with the same process's mountinfo (the mount ids), filtered
 * (policy/mounts_view.c) and handed over as a sealed read-only memfd. */
#include "proc_mounts_view.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "../../policy/jail.h"
#include "../../policy/mounts_view.h"
#include "../engine/notify.h"
#include "../engine/tracee.h"
#include "../fs/proc_hide.h"
#include "sealed_text.h"

#define MAX_TEXT (16u << 20) /* more than this: refused, not cut */
#define TRIES 8              /* reads of a table that keeps changing */

/* The kind of mount table file fd is (-1: none); its process directory
 * (the kernel's name of it, e.g. /proc/42 or /proc/42/task/43) in dir. */
static int which(int fd, char *dir, size_t size)
{
	struct statfs sf;
	struct stat st;
	if (fstatfs(fd, &sf) != 0 || sf.f_type != PROC_SUPER_MAGIC || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return -1;
	char link[64], path[PATH_MAX];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, path, sizeof(path) - 1);
	if (n <= 0)
		return -2; /* cannot tell */
	path[n] = '\0';
	char *base = strrchr(path, '/');
	if (!base)
		return -1;
	int kind = mounts_kind_of(base + 1);
	if (kind < 0)
		return -1;
	*base = '\0';
	const char *pid = strrchr(path, '/');
	if (!pid || !pid[1])
		return -1;
	for (const char *c = pid + 1; *c; c++)
		if (!isdigit((unsigned char)*c))
			return -1;
	if ((size_t)snprintf(dir, size, "%s", path) >= size)
		return -2;
	return kind;
}

/* The mount id of the mount fd is on (fdinfo's mnt_id), or -errno. */
static long mount_id(int fd)
{
	char path[64], line[128];
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	FILE *f = fopen(path, "re");
	if (!f)
		return -errno;
	long id = -ENOENT;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "mnt_id: %ld", &id) == 1)
			break;
	fclose(f);
	return id;
}

/* The whole text of path; NULL with errno. */
static char *read_path(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	char *text = read_whole_fd(fd, MAX_TEXT, len);
	int e = errno;
	close(fd);
	errno = e;
	return text;
}

int proc_mounts_view_open(const struct tracee *t, int fd, int flags)
{
	if ((flags & O_PATH) || (flags & O_ACCMODE) == O_WRONLY || t->jail->enforce_statfs == 0)
		return fd;
	char dir[PATH_MAX];
	int kind = which(fd, dir, sizeof(dir));
	if (kind == -1)
		return fd;
	int err = 0;
	char *text = NULL, *info = NULL, *out = NULL;
	size_t len = 0, ilen = 0;
	long shown = -EAGAIN;
	char path[PATH_MAX + 16], pid_root[PATH_MAX];
	struct mounts_scope scope = {.enforce_statfs = t->jail->enforce_statfs, .jail_root = t->jail->path,
				     .pid_root = pid_root};
	if (kind < 0) {
		err = -EACCES;
		goto out;
	}
	notify_may_block(); /* a host with many mounts: a long read */
	int root = open(t->jail->path[0] ? t->jail->path : "/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root < 0) {
		err = -errno;
		goto out;
	}
	scope.root_mnt_id = mount_id(root);
	close(root);
	if (scope.root_mnt_id < 0) {
		err = (int)scope.root_mnt_id;
		goto out;
	}
	/* the process's own root: the kernel printed mount points relative to it */
	snprintf(path, sizeof(path), "%s/root", dir);
	ssize_t n = readlink(path, pid_root, sizeof(pid_root) - 1);
	if (n <= 0 || pid_root[0] != '/') {
		err = n < 0 ? -errno : -ENOENT;
		goto out;
	}
	pid_root[n] = '\0';
	snprintf(path, sizeof(path), "%s/mountinfo", dir);
	for (int i = 0; i < TRIES && shown == -EAGAIN; i++) {
		free(text);
		free(info);
		free(out);
		text = info = out = NULL;
		if (lseek(fd, 0, SEEK_SET) < 0 || !(text = read_whole_fd(fd, MAX_TEXT, &len)) ||
		    (kind != MOUNTS_MOUNTINFO && !(info = read_path(path, &ilen)))) {
			err = -errno;
			goto out;
		}
		shown = mounts_view_filter((enum mounts_kind)kind, &scope, info, ilen, text, len, &out);
	}
	if (shown < 0) {
		err = (int)shown;
		goto out;
	}
	err = sealed_text_fd("jail-mounts", out, (size_t)shown, flags);
out:
	close(fd);
	free(text);
	free(info);
	free(out);
	return err;
}
