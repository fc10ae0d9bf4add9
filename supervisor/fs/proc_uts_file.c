/* SPDX-License-Identifier: BSD-2-Clause */
/* /proc/sys/kernel/hostname and /proc/sys/kernel/domainname, recognised
 * by the object an open reached, never by the name the jail wrote
 * (/proc/self/../sys/kernel/hostname, a symlink, a dirfd of
 * /proc/sys/kernel, openat2 all reach the same object). Procfs gives a
 * sysctl file a fresh inode number per mount (and per instance, when the
 * dentry was evicted), so the object is recognised by the name the kernel
 * gives it (the last two components of /proc/self/fd/N: no other procfs
 * file is named hostname in a directory named kernel), and by the inode of
 * the host's own file, kept open here so that its number stays, for a bind
 * mount of it under another name. */
#include "proc_uts_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "proc_hide.h"

static const char *const names[] = {[PROC_UTS_HOSTNAME] = "hostname", [PROC_UTS_DOMAINNAME] = "domainname"};
static struct stat host_st[3];
static bool host_known[3];
static pthread_once_t host_once = PTHREAD_ONCE_INIT;

/* The host's own two files, held open (O_PATH) for the life of the
 * supervisor: their inodes stay, and so do their numbers. */
static void load_host(void)
{
	for (int k = PROC_UTS_HOSTNAME; k <= PROC_UTS_DOMAINNAME; k++) {
		char path[64];
		snprintf(path, sizeof(path), "/proc/sys/kernel/%s", names[k]);
		int fd = open(path, O_PATH | O_CLOEXEC);
		if (fd >= 0 && fstat(fd, &host_st[k]) == 0)
			host_known[k] = true;
		else if (fd >= 0)
			close(fd);
		/* fd stays open on purpose */
	}
}

/* Does path end in "/kernel/<name>"? */
static bool ends_in(const char *path, const char *name)
{
	size_t pl = strlen(path), nl = strlen(name);
	static const char dir[] = "/kernel/";
	size_t dl = sizeof(dir) - 1;
	return pl >= nl + dl && strcmp(path + pl - nl, name) == 0 && strncmp(path + pl - nl - dl, dir, dl) == 0;
}

int proc_uts_file(int fd)
{
	struct statfs sf;
	struct stat st;
	if (fstatfs(fd, &sf) != 0)
		return -errno;
	if (sf.f_type != PROC_SUPER_MAGIC)
		return PROC_UTS_NONE;
	if (fstat(fd, &st) != 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return PROC_UTS_NONE;
	pthread_once(&host_once, load_host);
	for (int k = PROC_UTS_HOSTNAME; k <= PROC_UTS_DOMAINNAME; k++)
		if (host_known[k] && host_st[k].st_dev == st.st_dev && host_st[k].st_ino == st.st_ino)
			return k;
	char link[64], path[PATH_MAX];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, path, sizeof(path) - 1);
	if (n <= 0)
		return -EACCES; /* cannot tell: not served as the host's */
	path[n] = '\0';
	for (int k = PROC_UTS_HOSTNAME; k <= PROC_UTS_DOMAINNAME; k++)
		if (ends_in(path, names[k]))
			return k;
	return PROC_UTS_NONE;
}
