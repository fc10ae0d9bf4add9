/* SPDX-License-Identifier: BSD-2-Clause */
/* /proc shows only the jail's processes. Two halves:
 *
 * - Paths: a path that leads into a procfs (however it gets there:
 *   /proc/<pid>, a symlink, "..", a directory fd or cwd inside /proc,
 *   /proc/self/task/..) is resolved by the kernel in the supervisor, and
 *   the resolved object is judged by its file system (f_type), not its
 *   name: under a procfs, the entry below the procfs root names a pid,
 *   which must be the jail's, else ENOENT. The syscall then runs on the
 *   canonical path (procfs has no symlinks a jail could swap) copied to the
 *   scratch area. At the host's / every path syscall stops for this
 *   (handle_proc_guard); in a jail with its own root fs_root.c calls
 *   proc_hide_host_path() on every translated path.
 * - Listings: getdents64 is done by the supervisor on the tracee's own
 *   open file (pidfd_getfd, same offset), and the pid entries of other
 *   processes are left out of a procfs root directory.
 *
 * See docs/visibility.md. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "../fs/fs_root.h"
#include "handlers.h"
#include "../engine/memory.h"
#include "../fs/path_table.h"
#include "../fs/proc_hide.h"
#include "../engine/procfs.h"
#include "../engine/scratch.h"
#include "../engine/tracee.h"
#include "visibility.h"

#define PROC_SUPER_MAGIC 0x9fa0
#define PROC_ROOT_INO 1

/* Is the directory at path the root of a procfs with device dev? */
static bool is_proc_root(const char *path, dev_t dev)
{
	struct stat st;
	return stat(path, &st) == 0 && st.st_dev == dev && st.st_ino == PROC_ROOT_INO;
}

/* fd (a supervisor descriptor of a resolved object): 0 if the jail may
 * see it, -ENOENT if it lies under another process's /proc/<pid>. When it
 * is on a procfs, its canonical path goes to canon (else canon is ""). */
static int judge_fd(const struct tracee *t, int fd, char *canon, size_t size)
{
	struct statfs sf;
	struct stat st;
	canon[0] = '\0';
	if (fstatfs(fd, &sf) != 0 || sf.f_type != PROC_SUPER_MAGIC || fstat(fd, &st) != 0)
		return 0;
	char link[64], path[PATH_MAX];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, path, sizeof(path) - 1);
	if (n <= 0 || path[0] != '/')
		return -ENOENT; /* a procfs object we cannot name: hide it */
	path[n] = '\0';
	if (st.st_ino == PROC_ROOT_INO) {
		snprintf(canon, size, "%s", path);
		return 0;
	}
	/* find the procfs root among the prefixes; the next component is the
	 * top-level entry ("1234", "self", "cpuinfo" ...) */
	char prefix[PATH_MAX];
	const char *top = NULL;
	for (char *p = path; (p = strchr(p, '/')) != NULL; p++) {
		size_t len = (size_t)(p - path);
		memcpy(prefix, path, len);
		prefix[len] = '\0';
		if (is_proc_root(len ? prefix : "/", st.st_dev)) {
			top = p + 1;
			break;
		}
	}
	if (!top)
		return -ENOENT;
	size_t tn = strcspn(top, "/");
	if (proc_all_digits(top, tn) && tn < 12 && !vis_pid(t, (pid_t)atol(top)))
		return -ENOENT;
	if ((size_t)n >= size)
		return -ENAMETOOLONG;
	strcpy(canon, path);
	return 0;
}

static bool chroot_seen; /* a process of this jail called chroot(2) */

/* A directory of t to resolve from: its root (path absolute), cwd, or
 * descriptor dirfd; a new supervisor descriptor, or -errno. */
static int start_dir(const struct tracee *t, int dirfd, bool absolute)
{
	char base[64];
	if (absolute && !chroot_seen)
		snprintf(base, sizeof(base), "/");
	else if (absolute)
		snprintf(base, sizeof(base), "/proc/%d/root", (int)t->tid);
	else if (dirfd == AT_FDCWD)
		snprintf(base, sizeof(base), "/proc/%d/cwd", (int)t->tid);
	else
		snprintf(base, sizeof(base), "/proc/%d/fd/%d", (int)t->tid, dirfd);
	int fd = open(base, O_PATH | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

static bool is_fd_proc_root(int fd);

/* The slow walk, one component at a time, for a path that went through
 * a procfs's "self" or "thread-self" (which the kernel resolves for the
 * process that looks: the supervisor here, the tracee there). Ordinary
 * symlinks are read and followed as the kernel would; procfs magic links
 * (/proc/<pid>/cwd, fd/N ...) are followed by the kernel, which gives the
 * same object to either. Takes ownership of dir. */
static int walk(const struct tracee *t, int dir, const char *path, bool follow, int *links)
{
	char buf[PATH_MAX];
	if (strlen(path) >= sizeof(buf)) {
		close(dir);
		return -ENAMETOOLONG;
	}
	strcpy(buf, path);
	char *p = buf;
	if (*p == '/') {
		close(dir);
		dir = start_dir(t, AT_FDCWD, true);
		if (dir < 0)
			return dir;
	}
	for (;;) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			return dir;
		char *end = p + strcspn(p, "/");
		bool last = end[strspn(end, "/")] == '\0';
		char comp[NAME_MAX + 1];
		size_t cl = (size_t)(end - p);
		if (cl > NAME_MAX) {
			close(dir);
			return -ENAMETOOLONG;
		}
		memcpy(comp, p, cl);
		comp[cl] = '\0';
		p = end;
		bool want_follow = !last || follow;
		int next;
		if (want_follow && (strcmp(comp, "self") == 0 || strcmp(comp, "thread-self") == 0) &&
		    is_fd_proc_root(dir)) {
			char mine[64];
			if (comp[0] == 's')
				snprintf(mine, sizeof(mine), "%d", (int)t->tgid);
			else
				snprintf(mine, sizeof(mine), "%d/task/%d", (int)t->tgid, (int)t->tid);
			next = openat(dir, mine, O_PATH | O_CLOEXEC);
		} else {
			next = openat(dir, comp, O_PATH | O_CLOEXEC | O_NOFOLLOW);
			struct stat st;
			if (next >= 0 && want_follow && fstat(next, &st) == 0 && S_ISLNK(st.st_mode)) {
				char target[PATH_MAX];
				ssize_t n = readlinkat(dir, comp, target, sizeof(target) - 1);
				struct statfs sf;
				bool magic = fstatfs(next, &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC &&
					     !is_fd_proc_root(dir);
				close(next);
				if (magic || n < 0) {
					next = openat(dir, comp, O_PATH | O_CLOEXEC);
				} else {
					if (++*links > 40) {
						close(dir);
						return -ELOOP;
					}
					target[n] = '\0';
					int d2 = target[0] == '/' ? dup(dir) : dup(dir);
					if (d2 < 0) {
						close(dir);
						return -errno;
					}
					next = walk(t, d2, target, true, links);
					if (next < 0) {
						close(dir);
						return next;
					}
				}
			}
		}
		int err = errno;
		close(dir);
		if (next < 0)
			return next == -1 ? -err : next;
		dir = next;
	}
}

/* Opens, in the supervisor, what path of t (relative to dirfd) names:
 * a descriptor, or -errno. A path without symlinks resolves the same for
 * anyone (one openat2); one with symlinks is walked (walk()), since a
 * symlink may lead through "self", which means the looker. */
static int open_as(const struct tracee *t, int dirfd, const char *path, bool follow)
{
	struct open_how how = {
		.flags = O_PATH | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW),
		.resolve = RESOLVE_NO_SYMLINKS,
	};
	int bfd = AT_FDCWD, fd;
	if (path[0] != '/' || chroot_seen) {
		bfd = start_dir(t, dirfd, path[0] == '/');
		if (bfd < 0)
			return bfd;
	}
	const char *rel = path;
	if (bfd != AT_FDCWD)
		while (*rel == '/')
			rel++;
	fd = (int)syscall(SYS_openat2, bfd, *rel ? rel : ".", &how, sizeof(how));
	int err = fd < 0 ? errno : 0;
	if (fd < 0 && err == ELOOP) {
		int links = 0;
		int start = bfd == AT_FDCWD ? start_dir(t, dirfd, true) : dup(bfd);
		fd = start < 0 ? start : walk(t, start, path, follow, &links);
		err = fd < 0 ? -fd : 0;
	}
	if (bfd != AT_FDCWD)
		close(bfd);
	return fd < 0 ? -err : fd;
}

int proc_hide_check(const struct tracee *t, int dirfd, const char *path, bool follow, char *canon, size_t size)
{
	canon[0] = '\0';
	int fd = open_as(t, dirfd, path, follow);
	if (fd >= 0) {
		int err = judge_fd(t, fd, canon, size);
		close(fd);
		return err;
	}
	/* it does not resolve: the error must not tell either, so judge the
	 * deepest ancestor that does */
	char p[PATH_MAX];
	if (strlen(path) >= sizeof(p))
		return 0;
	strcpy(p, path);
	for (;;) {
		size_t len = strlen(p);
		while (len > 1 && p[len - 1] == '/')
			p[--len] = '\0';
		char *slash = strrchr(p, '/');
		if (!slash)
			strcpy(p, ".");
		else if (slash == p)
			p[1] = '\0';
		else
			*slash = '\0';
		fd = open_as(t, dirfd, p, true);
		if (fd >= 0) {
			char ignored[PATH_MAX];
			int err = judge_fd(t, fd, ignored, sizeof(ignored));
			close(fd);
			return err;
		}
		if (strcmp(p, "/") == 0 || strcmp(p, ".") == 0)
			return 0;
	}
}

int proc_hide_open(const struct tracee *t, int dirfd, const char *path, bool follow)
{
	int fd = open_as(t, dirfd, path, follow);
	char canon[PATH_MAX];
	if (fd < 0) {
		/* judged like a path that does not resolve: the error tells
		 * nothing about a hidden entry */
		int err = proc_hide_check(t, dirfd, path, follow, canon, sizeof(canon));
		return err ? err : fd;
	}
	int err = judge_fd(t, fd, canon, sizeof(canon));
	if (err) {
		close(fd);
		return err;
	}
	return fd;
}

int proc_hide_fd(const struct tracee *t, int fd)
{
	char canon[PATH_MAX];
	return judge_fd(t, fd, canon, sizeof(canon));
}

int proc_hide_host_path(const struct tracee *t, const char *host, bool follow)
{
	/* translated paths are canonical host paths: only those into a
	 * procfs the jail shares with the host need the kernel's look */
	if (!(strncmp(host, "/proc", 5) == 0 && (host[5] == '/' || host[5] == '\0')) &&
	    !(t->root && strncmp(host, t->root->host, strlen(t->root->host)) == 0 &&
	      strncmp(host + strlen(t->root->host), "/proc", 5) == 0))
		return 0;
	char canon[PATH_MAX];
	return proc_hide_check(t, AT_FDCWD, host, follow, canon, sizeof(canon));
}

/* Where execve, readlink and chroot keep their paths (no path_spec). */
static const struct path_spec *guard_spec(enum sc_id id)
{
	static const struct path_spec execve_spec = {.slot = {{-1, 0, PF_FOLLOW}}, .flags = -1};
	static const struct path_spec execveat_spec = {.slot = {{0, 1, PF_AT_NOFOLLOW}}, .flags = 4, .empty_ok = 1};
	static const struct path_spec readlink_spec = {.slot = {{-1, 0, PF_NOFOLLOW}}, .flags = -1};
	static const struct path_spec readlinkat_spec = {.slot = {{0, 1, PF_NOFOLLOW}}, .flags = -1};
	static const struct path_spec chroot_spec = {.slot = {{-1, 0, PF_FOLLOW}}, .flags = -1};
	if (id == SC_execve)
		return &execve_spec;
	if (id == SC_execveat)
		return &execveat_spec;
	if (id == SC_readlink)
		return &readlink_spec;
	if (id == SC_readlinkat)
		return &readlinkat_spec;
	if (id == SC_chroot)
		return &chroot_spec;
	return path_spec_of(id);
}

static bool follows(const struct path_spec *ps, const struct path_slot *sl, const struct syscall_stop *s)
{
	uint64_t flags = ps->flags >= 0 ? s->args[ps->flags] : 0;
	switch ((enum path_follow_rule)sl->rule) {
	case PF_NOFOLLOW:
	case PF_PARENT: /* acts on the name itself */
		return false;
	case PF_AT_NOFOLLOW:
		return !(flags & AT_SYMLINK_NOFOLLOW);
	case PF_AT_FOLLOW:
		return (flags & AT_SYMLINK_FOLLOW) != 0;
	case PF_OPEN:
		return !(flags & O_NOFOLLOW) && !((flags & O_CREAT) && (flags & O_EXCL));
	case PF_INOTIFY:
		return !(flags & 0x01000000); /* IN_DONT_FOLLOW */
	case PF_CREAT:
	case PF_FOLLOW:
	case PF_NONE:
	default:
		return true;
	}
}

/* Every path syscall in a jail at the host's /: the path is copied to the
 * scratch area (the kernel reads what was checked) and judged. */
enum action handle_proc_guard(struct syscall_stop *s)
{
	const struct path_spec *ps = guard_spec(s->id);
	if (!ps)
		return ACT_CONTINUE;
	if (s->id == SC_chroot)
		chroot_seen = true;
	for (int i = 0; i < 2 && ps->slot[i].rule != PF_NONE; i++) {
		const struct path_slot *sl = &ps->slot[i];
		uint64_t addr = s->args[sl->path];
		if (addr == 0)
			continue; /* NULL: the kernel's EFAULT, or the call's own meaning */
		char path[PATH_MAX], canon[PATH_MAX];
		int err = mem_read_string(s->t->tid, addr, path, sizeof(path));
		if (err == -ENAMETOOLONG) {
			s->retval = err;
			return ACT_RETURN;
		}
		if (err) {
			s->retval = -EFAULT;
			return ACT_RETURN;
		}
		if (path[0] == '\0')
			continue; /* the descriptor itself, or ENOENT from the kernel */
		int dirfd = sl->dirfd >= 0 ? (int)s->args[sl->dirfd] : AT_FDCWD;
		err = proc_hide_check(s->t, dirfd, path, follows(ps, sl, s), canon, sizeof(canon));
		if (err) {
			s->retval = err;
			return ACT_RETURN;
		}
		const char *use = canon[0] ? canon : path;
		uint64_t where;
		err = scratch_put(s->t, (size_t)i * PATH_MAX, use, strlen(use) + 1, &where);
		if (err) {
			s->retval = err;
			return ACT_RETURN;
		}
		s->args[sl->path] = where;
		stop_set_arg(s, sl->path, where);
	}
	return ACT_CONTINUE;
}

/* ---- listings ---- */

struct dirent64_hdr {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static bool is_fd_proc_root(int fd)
{
	struct statfs sf;
	struct stat st;
	return fstatfs(fd, &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC && fstat(fd, &st) == 0 &&
	       st.st_ino == PROC_ROOT_INO;
}

/* Keeps the records of buf (len bytes) the jail may see; the new length. */
static size_t filter_proc_root(const struct tracee *t, char *buf, size_t len)
{
	size_t in = 0, out = 0;
	while (in < len) {
		struct dirent64_hdr *d = (struct dirent64_hdr *)(buf + in);
		unsigned short rl = d->d_reclen;
		if (rl == 0 || in + rl > len)
			break;
		size_t nl = strlen(d->d_name);
		bool keep = !proc_all_digits(d->d_name, nl) || nl >= 12 || vis_pid(t, (pid_t)atol(d->d_name));
		if (keep) {
			if (out != in)
				memmove(buf + out, buf + in, rl);
			out += rl;
		}
		in += rl;
	}
	return out;
}

/* Converts dirent64 records to the old linux_dirent layout of an ABI with
 * word bytes per long (ino, off, reclen, name, NUL, type at the end). */
static long to_old_dirents(const char *in, size_t len, char *out, size_t cap, unsigned word)
{
	size_t i = 0, o = 0;
	while (i < len) {
		const struct dirent64_hdr *d = (const struct dirent64_hdr *)(in + i);
		size_t nl = strlen(d->d_name);
		size_t rl = (2 * word + 2 + nl + 2 + word - 1) & ~(size_t)(word - 1);
		if (o + rl > cap)
			return o ? (long)o : -EINVAL;
		char *r = out + o;
		memset(r, 0, rl);
		if (word == 4) {
			uint32_t ino = (uint32_t)d->d_ino, off = (uint32_t)d->d_off;
			if (ino != d->d_ino)
				return -EOVERFLOW;
			memcpy(r, &ino, 4);
			memcpy(r + 4, &off, 4);
		} else {
			memcpy(r, &d->d_ino, 8);
			memcpy(r + 8, &d->d_off, 8);
		}
		unsigned short rs = (unsigned short)rl;
		memcpy(r + 2 * word, &rs, 2);
		memcpy(r + 2 * word + 2, d->d_name, nl);
		r[rl - 1] = (char)d->d_type;
		o += rl;
		i += d->d_reclen;
	}
	return (long)o;
}

/* getdents64(fd, buf, count), getdents(fd, buf, count), readdir(fd, dirent, 1).
 * getdents64 on the native ABI is always done here (so the descriptor
 * read is the one judged); the old forms only on a procfs root. */
enum action handle_getdents(struct syscall_stop *s)
{
	int fd = (int)s->args[0];
	int g = tracee_dup_fd(s->t, fd);
	if (g == -EBADF)
		return ACT_CONTINUE; /* not a descriptor of the tracee: the kernel says so */
	if (g < 0) {
		/* cannot take it: never let a procfs root be read unfiltered */
		char link[64];
		struct statfs sf;
		struct stat st;
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)s->t->tid, fd);
		if (statfs(link, &sf) == 0 && sf.f_type != PROC_SUPER_MAGIC)
			return ACT_CONTINUE;
		if (statfs(link, &sf) == 0 && stat(link, &st) == 0 && st.st_ino != PROC_ROOT_INO)
			return ACT_CONTINUE;
		s->retval = g;
		return ACT_RETURN;
	}
	bool proc_root = is_fd_proc_root(g);
	bool native64 = s->id == SC_getdents64 && s->abi == abi_supported[0];
	if (!proc_root && !native64) {
		close(g);
		return ACT_CONTINUE;
	}
	size_t count = s->id == SC_readdir ? 512 : (size_t)(uint32_t)s->args[2];
	if (count > (1u << 20))
		count = 1u << 20;
	char *buf = malloc(count + 1), *conv = NULL;
	long ret;
	if (!buf) {
		close(g);
		s->retval = -ENOMEM;
		return ACT_RETURN;
	}
	for (;;) {
		ret = syscall(SYS_getdents64, g, buf, count);
		if (ret < 0) {
			ret = -errno;
			break;
		}
		if (ret == 0)
			break;
		size_t got = (size_t)ret;
		if (proc_root)
			ret = (long)filter_proc_root(s->t, buf, got);
		if (ret > 0)
			break;
	}
	if (ret > 0 && s->id == SC_readdir) {
		/* one entry: seek back to just after the first one kept */
		const struct dirent64_hdr *d = (const struct dirent64_hdr *)buf;
		lseek(g, d->d_off, SEEK_SET);
		struct {
			uint32_t ino, off;
			unsigned short namlen;
			char name[256];
		} old = {.ino = (uint32_t)d->d_ino, .off = (uint32_t)d->d_off,
			 .namlen = (unsigned short)strlen(d->d_name)};
		memcpy(old.name, d->d_name, old.namlen + 1);
		ret = mem_write(s->t->tid, s->args[1], &old, 10 + old.namlen + 1) ? -EFAULT : 1;
	} else if (ret > 0 && s->id == SC_getdents) {
		conv = malloc(count);
		ret = conv ? to_old_dirents(buf, (size_t)ret, conv, count, s->abi->word_size) : -ENOMEM;
		if (ret > 0 && mem_write(s->t->tid, s->args[1], conv, (size_t)ret))
			ret = -EFAULT;
	} else if (ret > 0 && mem_write(s->t->tid, s->args[1], buf, (size_t)ret)) {
		ret = -EFAULT;
	}
	free(conv);
	free(buf);
	close(g);
	s->retval = ret;
	return ACT_RETURN;
}
