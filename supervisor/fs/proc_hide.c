/* SPDX-License-Identifier: BSD-2-Clause */
/* /proc shows only the jail's processes: the path half (the listing half
 * is handle_proc.c's getdents). A path that leads into a procfs (however
 * it gets there: /proc/<pid>, a symlink, "..", a directory fd or cwd inside
 * /proc, /proc/self/task/..) is resolved by the kernel in the supervisor,
 * and the resolved object is judged by its file system (f_type), not its
 * name: under a procfs, the entry below the procfs root names a pid, which
 * must be the jail's, else ENOENT. See docs/visibility.md. */
#include "proc_hide.h"

#include "openat2_retry.h"

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

#include "../engine/members.h"
#include "../engine/procfs.h"
#include "../engine/root_ref.h"
#include "../engine/tracee.h"


/* Is the directory at path the root of a procfs with device dev? */
static bool is_proc_root(const char *path, dev_t dev)
{
	struct stat st;
	return stat(path, &st) == 0 && st.st_dev == dev && st.st_ino == PROC_ROOT_INO;
}

#define CGROUP_SUPER_MAGIC 0x27e0eb
#define CGROUP2_SUPER_MAGIC 0x63677270

bool proc_hide_lists_pids(const char *name, size_t n)
{
	static const char *const hidden[] = {"locks", "sched_debug", "timer_list", "sysvipc", NULL};
	for (int i = 0; hidden[i]; i++)
		if (strlen(hidden[i]) == n && strncmp(hidden[i], name, n) == 0)
			return true;
	return false;
}

/* A cgroup file listing the pids or tids of its members (any process on
 * the host): cgroup.procs, tasks, cgroup.threads. */
static bool cgroup_pid_list(int fd)
{
	char link[64], path[PATH_MAX];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, path, sizeof(path) - 1);
	if (n <= 0)
		return true; /* cannot name it: hide it */
	path[n] = '\0';
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	return strcmp(base, "cgroup.procs") == 0 || strcmp(base, "tasks") == 0 || strcmp(base, "cgroup.threads") == 0;
}

/* fd (a supervisor descriptor of a resolved object): 0 if the jail may
 * see it, -ENOENT if it lies under another process's /proc/<pid>. When it
 * is on a procfs, its canonical path goes to canon (else canon is ""). */
static int judge_fd(const struct tracee *t, int fd, char *canon, size_t size)
{
	struct statfs sf;
	struct stat st;
	canon[0] = '\0';
	if (fstatfs(fd, &sf) != 0)
		return 0;
	if (sf.f_type == CGROUP_SUPER_MAGIC || sf.f_type == CGROUP2_SUPER_MAGIC)
		return cgroup_pid_list(fd) ? -ENOENT : 0;
	if (sf.f_type != PROC_SUPER_MAGIC || fstat(fd, &st) != 0)
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
	if (proc_hide_lists_pids(top, tn))
		return -ENOENT;
	if ((size_t)n >= size)
		return -ENAMETOOLONG;
	strcpy(canon, path);
	return 0;
}

static bool chroot_seen; /* a process of this jail called chroot(2) */

void proc_hide_chroot_seen(void)
{
	chroot_seen = true;
}

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
	else if (dirfd < 0)
		return -EBADF;
	else
		snprintf(base, sizeof(base), "/proc/%d/fd/%d", (int)t->tid, dirfd);
	int fd = tracee_proc_open(base, O_PATH | O_CLOEXEC);
	/* no such descriptor in the caller: the kernel's answer is EBADF */
	return fd == -ENOENT && !absolute && dirfd != AT_FDCWD ? -EBADF : fd;
}


/* ".." from a procfs directory: a hidden process's directory has no
 * parent, or "/proc/<pid>/.." would tell which host pids exist. */
static int up_allowed(const struct tracee *t, int dir)
{
	struct statfs sf;
	if (fstatfs(dir, &sf) != 0)
		return -errno;
	if (sf.f_type != PROC_SUPER_MAGIC)
		return 0;
	char ignored[PATH_MAX];
	return judge_fd(t, dir, ignored, sizeof(ignored));
}

/* How a walk resolves: the caller's openat2 RESOLVE_* flags, the
 * directory they are scoped to, and the caller's root, where ".." stays
 * (the kernel's rule for a process root: a chroot'ed process, whose root
 * is not the supervisor's). */
struct walk_rules {
	uint64_t resolve;
	struct stat root;   /* the caller's root directory */
	struct stat anchor; /* RESOLVE_BENEATH, RESOLVE_IN_ROOT: the start */
	int anchor_fd;      /* the same, for absolute names under IN_ROOT */
	uint64_t mnt;       /* RESOLVE_NO_XDEV: the start's mount */
};

#define SCOPED (RESOLVE_BENEATH | RESOLVE_IN_ROOT)

static bool same_dir(int fd, const struct stat *want)
{
	struct stat st;
	return fstat(fd, &st) == 0 && st.st_dev == want->st_dev && st.st_ino == want->st_ino;
}

static uint64_t mount_of(int fd)
{
	struct statx sx;
	if (statx(fd, "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, STATX_MNT_ID, &sx) != 0 || !(sx.stx_mask & STATX_MNT_ID))
		return UINT64_MAX;
	return sx.stx_mnt_id;
}

/* Where an absolute name starts: the caller's root, or (IN_ROOT) the
 * directory resolution is scoped to; BENEATH refuses it. */
static int absolute_start(const struct tracee *t, const struct walk_rules *r)
{
	if (r->resolve & RESOLVE_BENEATH)
		return -EXDEV;
	if (r->resolve & RESOLVE_IN_ROOT) {
		int fd = dup(r->anchor_fd);
		return fd < 0 ? -errno : fd;
	}
	return start_dir(t, AT_FDCWD, true);
}

/* The slow walk, one component at a time, for a path that went through
 * a procfs's "self" or "thread-self" (which the kernel resolves for the
 * process that looks: the supervisor here, the tracee there). Ordinary
 * symlinks are read and followed as the kernel would; procfs magic links
 * (/proc/<pid>/cwd, fd/N ...) are followed by the kernel, which gives the
 * same object to either. Takes ownership of dir. */
static int walk(const struct tracee *t, int dir, const char *path, bool follow, int *links, const struct walk_rules *r)
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
		dir = absolute_start(t, r);
		if (dir < 0)
			return dir;
		if ((r->resolve & RESOLVE_NO_XDEV) && mount_of(dir) != r->mnt) {
			close(dir);
			return -EXDEV;
		}
	}
	int err_up;
	/* a trailing slash follows a final symlink and asks for a directory */
	size_t plen = strlen(buf);
	bool dir_wanted = plen > 0 && buf[plen - 1] == '/';
	for (;;) {
		while (*p == '/')
			p++;
		if (*p == '\0') {
			struct stat st;
			if (dir_wanted && (fstat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
				close(dir);
				return -ENOTDIR;
			}
			return dir;
		}
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
		bool want_follow = !last || follow || dir_wanted;
		int next;
		if (strcmp(comp, "..") == 0) {
			/* ".." stays at the caller's root and (IN_ROOT) at the
			 * scope's; it may not leave a BENEATH scope */
			if (same_dir(dir, &r->root) || ((r->resolve & RESOLVE_IN_ROOT) && same_dir(dir, &r->anchor)))
				continue;
			if ((r->resolve & RESOLVE_BENEATH) && same_dir(dir, &r->anchor)) {
				close(dir);
				return -EXDEV;
			}
			if ((err_up = up_allowed(t, dir)) != 0) {
				close(dir);
				return err_up;
			}
		}
		if (want_follow && (strcmp(comp, "self") == 0 || strcmp(comp, "thread-self") == 0) &&
		    proc_is_fd_proc_root(dir)) {
			if (r->resolve & RESOLVE_NO_SYMLINKS) {
				close(dir);
				return -ELOOP;
			}
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
					     !proc_is_fd_proc_root(dir);
				close(next);
				if (magic) {
					/* a magic link leads out of /proc (root, cwd,
					 * fd/N of a process): the process it belongs
					 * to is judged first, or a hidden process's
					 * link would lead on to an object the kernel
					 * then refuses (EACCES: an existence oracle) */
					char ignored[PATH_MAX];
					int jerr = judge_fd(t, dir, ignored, sizeof(ignored));
					/* then the caller's rules, in the kernel's order */
					if (!jerr && (r->resolve & (RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS)))
						jerr = -ELOOP;
					if (!jerr && (r->resolve & SCOPED))
						jerr = -EXDEV;
					if (jerr) {
						close(dir);
						return jerr;
					}
				} else if (r->resolve & RESOLVE_NO_SYMLINKS) {
					close(dir);
					return -ELOOP;
				}
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
					next = walk(t, d2, target, true, links, r);
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
		if ((r->resolve & RESOLVE_NO_XDEV) && mount_of(dir) != r->mnt) {
			close(dir);
			return -EXDEV;
		}
	}
}

/* The rules of a walk for t from start: the caller's resolve flags, its
 * root. 0 or -errno. */
static int rules_for(const struct tracee *t, int start, uint64_t resolve, struct walk_rules *r)
{
	memset(r, 0, sizeof(*r));
	r->resolve = resolve;
	r->anchor_fd = start;
	int root = start_dir(t, AT_FDCWD, true);
	if (root < 0)
		return root;
	int err = fstat(root, &r->root) < 0 ? -errno : 0;
	close(root);
	if (!err && fstat(start, &r->anchor) < 0)
		err = -errno;
	if (resolve & RESOLVE_NO_XDEV)
		r->mnt = mount_of(start);
	return err;
}

/* A path with a ".." component: walked (never one openat2, whose ".."
 * could pass through a hidden process's directory, or climb above a
 * chroot'ed caller's root). */
static bool has_dotdot(const char *path)
{
	for (const char *p = path; (p = strstr(p, "..")) != NULL; p += 2)
		if ((p == path || p[-1] == '/') && (p[2] == '/' || p[2] == '\0'))
			return true;
	return false;
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
	bool dotdot = has_dotdot(rel);
	fd = dotdot ? -1 : openat2_retry(bfd, *rel ? rel : ".", &how);
	int err = fd < 0 ? (dotdot ? ELOOP : errno) : 0;
	if (fd < 0 && err == ELOOP) {
		int links = 0;
		struct walk_rules r;
		int start = bfd == AT_FDCWD ? start_dir(t, dirfd, true) : dup(bfd);
		int rerr = start < 0 ? start : rules_for(t, start, 0, &r);
		fd = rerr ? rerr : walk(t, start, path, follow, &links, &r);
		if (rerr && start >= 0)
			close(start);
		err = fd < 0 ? -fd : 0;
	}
	if (bfd != AT_FDCWD)
		close(bfd);
	return fd < 0 ? -err : fd;
}

/* An error of the supervisor's own (out of descriptors or memory, a walk
 * disturbed too often), not an answer about the path: the check cannot be
 * made, so the call fails (fail closed). */
static bool internal_error(int err)
{
	return err == -EMFILE || err == -ENFILE || err == -ENOMEM || err == -EAGAIN || err == -EINTR ||
	       err == -ENOBUFS;
}

int proc_hide_check(const struct tracee *t, int dirfd, const char *path, bool follow, char *canon, size_t size)
{
	canon[0] = '\0';
	int fd = open_as(t, dirfd, path, follow);
	if (internal_error(fd))
		return fd;
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
		if (internal_error(fd))
			return fd;
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

/* The supervisor's / is the root of a mount that is not a procfs or a
 * cgroupfs (always, outside a test that mounts one there). */
static bool root_mount_plain(void)
{
	static int plain = -1;
	if (plain < 0) {
		struct statfs sf;
		plain = statfs("/", &sf) == 0 && sf.f_type != PROC_SUPER_MAGIC && sf.f_type != CGROUP_SUPER_MAGIC &&
			sf.f_type != CGROUP2_SUPER_MAGIC;
	}
	return plain;
}

/* An absolute path walked without a symlink and without crossing a mount
 * (RESOLVE_NO_XDEV) stays on the mount of /, so it never enters a procfs:
 * there is nothing to judge, and an error of that walk (a missing name,
 * a search permission) tells nothing of a hidden entry either. This is
 * most paths of a build (headers, libraries, realpath's readlinks). -1:
 * the walk left that mount or met a symlink: the full route. */
static int open_on_root_mount(const char *path, bool follow, int *fd)
{
	if (path[0] != '/' || chroot_seen || !root_mount_plain())
		return -1;
	struct open_how how = {
		.flags = O_PATH | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW),
		.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_XDEV,
	};
	*fd = openat2_retry(AT_FDCWD, path, &how);
	if (*fd >= 0)
		return 0;
	int err = errno;
	if (err == ENOENT || err == ENOTDIR || err == EACCES || err == ENAMETOOLONG) {
		*fd = -err;
		return 0;
	}
	return -1;
}

int proc_hide_open(const struct tracee *t, int dirfd, const char *path, bool follow)
{
	int quick;
	if (open_on_root_mount(path, follow, &quick) == 0)
		return quick;
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

int proc_hide_open_resolve(const struct tracee *t, int dirfd, const char *path, bool follow, uint64_t resolve)
{
	/* RESOLVE_CACHED: the walk is done, as if every component had been
	 * in the cache (an open that creates or truncates is refused first,
	 * handle_open.c) */
	bool scoped = resolve & SCOPED;
	int start = start_dir(t, dirfd, path[0] == '/' && !scoped);
	if (start < 0)
		return start;
	struct walk_rules r;
	int err = rules_for(t, start, resolve, &r);
	int links = 0;
	int fd = err ? err : walk(t, dup(start), path, follow, &links, &r);
	close(start);
	if (internal_error(fd))
		return fd;
	char canon[PATH_MAX];
	if (fd < 0) {
		/* as proc_hide_open: the error tells nothing of a hidden entry */
		err = proc_hide_check(t, dirfd, path, follow, canon, sizeof(canon));
		return err ? err : fd;
	}
	err = judge_fd(t, fd, canon, sizeof(canon));
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

bool proc_is_fd_proc_root(int fd)
{
	struct statfs sf;
	struct stat st;
	return fstatfs(fd, &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC && fstat(fd, &st) == 0 &&
	       st.st_ino == PROC_ROOT_INO;
}
