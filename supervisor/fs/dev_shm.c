/* SPDX-License-Identifier: BSD-2-Clause */
#include "dev_shm.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../engine/root_ref.h"

/* How deep a tree the jail left behind is removed. */
#define REMOVE_DEPTH 64

static struct fs_root shm = {.fd = -1};
static char outer[64]; /* /dev/shm/jail.XXXXXX */
static int outer_fd = -1; /* open on it and flock'ed while the jail lives */

static void empty_dir(int dfd, int depth);

/* A directory others may make names in but not rename ours: sticky and
 * root's (the host's /dev/shm, else /tmp). */
static bool safe_parent(const char *dir)
{
	struct stat st;
	return lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == 0 && (st.st_mode & S_ISVTX);
}

/* Is fd a directory of ours with exactly mode `mode`? */
static bool ours(int fd, mode_t mode)
{
	struct stat st;
	return fstat(fd, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == geteuid() &&
	       (st.st_mode & 07777) == mode;
}

/* Removes the directories supervisors of our user left behind in base
 * (killed before they could): jail.XXXXXX of ours, mode 0711, that no
 * supervisor holds locked. */
static void sweep_stale(const char *base)
{
	int bfd = open(base, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (bfd < 0)
		return;
	DIR *d = fdopendir(bfd);
	if (!d) {
		close(bfd);
		return;
	}
	for (struct dirent *e; (e = readdir(d));) {
		if (strncmp(e->d_name, "jail.", 5) != 0 || strlen(e->d_name) != 11)
			continue;
		int fd = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (ours(fd, 0711) && flock(fd, LOCK_EX | LOCK_NB) == 0) {
			int sub = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (sub >= 0)
				empty_dir(sub, 0);
			unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR);
		}
		close(fd);
	}
	closedir(d);
}

int dev_shm_create(void)
{
	if (shm.fd >= 0)
		return 0;
	const char *base = safe_parent("/dev/shm") ? "/dev/shm" : safe_parent("/tmp") ? "/tmp" : NULL;
	if (!base)
		return -ENOENT;
	sweep_stale(base);
	char tmpl[64];
	snprintf(tmpl, sizeof(tmpl), "%s/jail.XXXXXX", base);
	/* mkdtemp makes a new directory or fails: never one someone else made */
	if (!mkdtemp(tmpl))
		return -errno;
	snprintf(outer, sizeof(outer), "%s", tmpl);
	int err = 0;
	int ofd = open(outer, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	/* locked before it looks like one of ours (0711): a sweep by another
	 * supervisor never takes it for stale */
	if (ofd < 0 || flock(ofd, LOCK_EX | LOCK_NB) < 0 || fchmod(ofd, 0711) < 0) {
		err = -errno;
		goto fail;
	}
	if (!ours(ofd, 0711)) {
		err = -EPERM;
		goto fail;
	}
	/* the inner name is random too: not listable, not guessable */
	char inner[80];
	snprintf(inner, sizeof(inner), "%s/XXXXXX", outer);
	if (!mkdtemp(inner)) {
		err = -errno;
		goto fail;
	}
	const char *name = inner + strlen(outer) + 1;
	int ifd = openat(ofd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (ifd < 0 || fchmod(ifd, 01777) < 0 || !ours(ifd, 01777)) {
		err = ifd < 0 ? -errno : -EPERM;
		if (ifd >= 0)
			close(ifd);
		unlinkat(ofd, name, AT_REMOVEDIR);
		goto fail;
	}
	close(ifd);
	shm.fd = openat(ofd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (shm.fd < 0) {
		err = -errno;
		unlinkat(ofd, name, AT_REMOVEDIR);
		goto fail;
	}
	outer_fd = ofd;
	snprintf(shm.host, sizeof(shm.host), "%s", inner);
	shm.refs = 1;
	return 0;
fail:
	if (ofd >= 0)
		close(ofd);
	rmdir(outer);
	outer[0] = '\0';
	return err;
}

int dev_shm_adopt(const char *path)
{
	if (shm.fd >= 0)
		return 0;
	if (strlen(path) >= sizeof(shm.host))
		return -ENAMETOOLONG;
	int fd = open(path, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* the owner is what tells: the jail itself may have chmod'ed it */
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid()) {
		close(fd);
		return -EPERM;
	}
	shm.fd = fd;
	snprintf(shm.host, sizeof(shm.host), "%s", path);
	shm.refs = 1;
	return 0;
}

/* Removes everything in directory dfd, never following a link. */
static void empty_dir(int dfd, int depth)
{
	DIR *d = fdopendir(dfd);
	if (!d) {
		close(dfd);
		return;
	}
	for (struct dirent *e; (e = readdir(d));) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) == 0 || errno != EISDIR)
			continue;
		int sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0 && errno == EACCES) {
			/* a directory the jail closed to its owner: opened
			 * O_PATH (never a link), made ours to read again by
			 * its descriptor, then opened from that */
			int p = openat(dirfd(d), e->d_name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			char self[64];
			snprintf(self, sizeof(self), "/proc/self/fd/%d", p);
			if (p >= 0 && chmod(self, 0700) == 0)
				sub = openat(p, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (p >= 0)
				close(p);
		}
		if (sub >= 0 && depth < REMOVE_DEPTH)
			empty_dir(sub, depth + 1);
		else if (sub >= 0)
			close(sub);
		unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR);
	}
	closedir(d);
}

void dev_shm_remove(void)
{
	if (shm.fd < 0)
		return;
	int ofd = open(outer, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (ofd >= 0 && ours(ofd, 0711)) {
		const char *name = shm.host + strlen(outer) + 1;
		int ifd = openat(ofd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (ifd >= 0) {
			empty_dir(ifd, 0);
			unlinkat(ofd, name, AT_REMOVEDIR);
		}
		rmdir(outer);
	}
	if (ofd >= 0)
		close(ofd);
	close(outer_fd);
	outer_fd = -1;
	close(shm.fd);
	shm.fd = -1;
	shm.host[0] = '\0';
	outer[0] = '\0';
}

const struct fs_root *dev_shm_root(void)
{
	return shm.fd >= 0 ? &shm : NULL;
}
