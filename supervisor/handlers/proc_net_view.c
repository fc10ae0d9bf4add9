/* SPDX-License-Identifier: BSD-2-Clause */
/* /proc/<pid>/net/{if_inet6,tcp,udp,unix,route,fib_trie,...} as a jail reads them:
 * the object an open reached is judged (a procfs regular file whose inode
 * is the one the supervisor's own /proc/self/net/<name> has: procfs gives
 * each net entry one inode number, the same under every pid and mount),
 * then its whole text is read once, filtered (policy/proc_net_view.c) and
 * handed over as a sealed read-only memfd instead. The jail's sockets are
 * the ones its processes hold: the socket inodes in their /proc/<pid>/fd
 * (FreeBSD lists the sockets whose credentials are the jail's). */
#include "proc_net_view.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "../../policy/proc_net_view.h"
#include "../engine/members.h"
#include "../engine/notify.h"
#include "../engine/tracee.h"
#include "../fs/proc_hide.h"
#include "host_addrs.h"
#include "sealed_text.h"

#define MAX_FILES 16
#define MAX_TEXT (64u << 20) /* more than this: refused, not cut */
#define MAX_JAIL_PROCS 4096

static ino_t file_ino[MAX_FILES];
static pthread_once_t inos_once = PTHREAD_ONCE_INIT;

/* The inode of each file in the supervisor's own network namespace (the
 * jail's: jails here have no vnet); 0 where the file does not exist. */
static void load_inos(void)
{
	for (int i = 0; proc_net_files[i].name && i < MAX_FILES; i++) {
		char path[64];
		struct stat st;
		snprintf(path, sizeof(path), "/proc/self/net/%s", proc_net_files[i].name);
		file_ino[i] = stat(path, &st) == 0 && S_ISREG(st.st_mode) ? st.st_ino : 0;
	}
}

/* Which filtered file fd is, or NULL. */
static const struct proc_net_file *which(int fd)
{
	struct statfs sf;
	struct stat st;
	if (fstatfs(fd, &sf) != 0 || sf.f_type != PROC_SUPER_MAGIC || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return NULL;
	pthread_once(&inos_once, load_inos);
	for (int i = 0; proc_net_files[i].name && i < MAX_FILES; i++) {
		if (!file_ino[i] || file_ino[i] != st.st_ino)
			continue;
		/* and its name, as the kernel gives it (an inode number of
		 * another procfs entry could only match by wrapping around) */
		char link[64], path[PATH_MAX];
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		ssize_t n = readlink(link, path, sizeof(path) - 1);
		if (n <= 0)
			return &proc_net_files[i]; /* cannot tell: filtered */
		path[n] = '\0';
		const char *base = strrchr(path, '/');
		if (base && strcmp(base + 1, proc_net_files[i].name) == 0)
			return &proc_net_files[i];
	}
	return NULL;
}

static int cmp_inode(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;
	return (x > y) - (x < y);
}

/* Appends the socket inodes process pid holds to *v (*n of *cap). */
static int add_sockets(pid_t pid, unsigned long **v, size_t *n, size_t *cap)
{
	char dir[64];
	snprintf(dir, sizeof(dir), "/proc/%d/fd", (int)pid);
	DIR *d = opendir(dir);
	if (!d)
		return 0; /* gone meanwhile: it holds nothing */
	struct dirent *e;
	while ((e = readdir(d))) {
		char target[64];
		ssize_t l = readlinkat(dirfd(d), e->d_name, target, sizeof(target) - 1);
		if (l <= 0)
			continue;
		target[l] = '\0';
		unsigned long inode;
		if (sscanf(target, "socket:[%lu]", &inode) != 1)
			continue;
		if (*n == *cap) {
			size_t c = *cap ? *cap * 2 : 256;
			unsigned long *more = realloc(*v, c * sizeof(**v));
			if (!more) {
				closedir(d);
				return -ENOMEM;
			}
			*v = more;
			*cap = c;
		}
		(*v)[(*n)++] = inode;
	}
	closedir(d);
	return 0;
}

/* The socket inodes held by t's jail, ascending. */
static int jail_sockets(const struct tracee *t, unsigned long **v, size_t *n)
{
	pid_t *procs = malloc(MAX_JAIL_PROCS * sizeof(*procs));
	if (!procs)
		return -ENOMEM;
	unsigned count = vis_members(t, procs, MAX_JAIL_PROCS);
	size_t cap = 0;
	*v = NULL;
	*n = 0;
	int err = 0;
	for (unsigned i = 0; i < count && !err; i++)
		err = add_sockets(procs[i], v, n, &cap);
	free(procs);
	if (err) {
		free(*v);
		*v = NULL;
		return err;
	}
	if (*n)
		qsort(*v, *n, sizeof(**v), cmp_inode);
	return 0;
}

int proc_net_view_open(const struct tracee *t, int fd, int flags)
{
	if ((flags & O_PATH) || (flags & O_ACCMODE) == O_WRONLY)
		return fd; /* nothing of it can be read through this one */
	const struct proc_net_file *f = which(fd);
	if (!f)
		return fd;
	notify_may_block(); /* a host with many sockets: a long read */
	size_t len = 0;
	char *text = read_whole_fd(fd, MAX_TEXT, &len);
	int err = text ? 0 : -errno;
	close(fd);
	if (err)
		return err;
	char *out = malloc(len + 1);
	struct net_host_addr *hosts = malloc(MAX_HOST_ADDRS * sizeof(*hosts));
	struct proc_net_owned owned = {NULL, 0};
	unsigned long *inodes = NULL;
	int ret = -ENOMEM;
	if (!out || !hosts)
		goto out;
	size_t n = 0;
	if (f->kind == PROC_NET_IF_INET6 || f->kind == PROC_NET_FIB_TRIE) {
		n = host_addrs(hosts, MAX_HOST_ADDRS);
	} else if (f->kind == PROC_NET_INET4 || f->kind == PROC_NET_INET6 || f->kind == PROC_NET_UNIX) {
		ret = jail_sockets(t, &inodes, &owned.count);
		if (ret)
			goto out;
		owned.inodes = inodes;
	}
	size_t shown = proc_net_filter(f, t->jail, hosts, n, &owned, text, len, out);
	ret = sealed_text_fd("jail-proc-net", out, shown, flags);
out:
	free(text);
	free(out);
	free(hosts);
	free(inodes);
	return ret;
}
