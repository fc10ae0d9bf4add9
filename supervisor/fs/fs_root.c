/* SPDX-License-Identifier: BSD-2-Clause */
#include "fs_root.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../../policy/path.h"
#include "dev_shm.h"
#include "dev_view.h"
#include "proc_hide.h"
#include "../engine/procfs.h"
#include "../engine/tracee.h"

#define MAX_LINKS 40 /* the kernel's limit on symlinks in one lookup */

static bool is_host_root(const struct fs_root *r)
{
	return !r || (r->host[0] == '/' && r->host[1] == '\0');
}

/* Is guest path p (absolute) one the guest sees from the host? */
static bool shared_with_host(const struct fs_root *r, const char *p)
{
	if (r->host_proc && path_within("/proc", p))
		return true;
	if (r->dev_own && (strcmp(p, "/dev") == 0 || strcmp(p, "/dev/") == 0))
		return true; /* mount.devfs: the host's /dev, listed filtered (handle_proc.c) */
	if (r->host_dev && strncmp(p, "/dev/", 5) == 0)
		return fs_dev_shows(r, p + 5, strcspn(p + 5, "/"));
	return false;
}

int fs_host_to_guest(const struct tracee *t, const char *host, char *guest, size_t size)
{
	const struct fs_root *r = t->root;
	if (is_host_root(r)) {
		if (strlen(host) >= size)
			return -ENAMETOOLONG;
		strcpy(guest, host);
		return 0;
	}
	if (path_within(r->host, host))
		return path_host_to_guest(r->host, host, guest, size);
	const struct fs_root *shm = r->host_dev ? dev_shm_root() : NULL;
	if (shm && path_within(shm->host, host)) {
		/* the jail's private /dev/shm (dev_shm.h) */
		char rest[PATH_MAX];
		if (path_host_to_guest(shm->host, host, rest, sizeof(rest)) ||
		    path_join("/dev/shm", rest, guest, size))
			return -ENAMETOOLONG;
		return 0;
	}
	if (host[0] == '/' && shared_with_host(r, host)) {
		if (strlen(host) >= size)
			return -ENAMETOOLONG;
		strcpy(guest, host);
		return 0;
	}
	return -EXDEV;
}

static int read_link(const char *path, char *buf, size_t size)
{
	ssize_t n = tracee_proc_readlink(path, buf, size);
	if (n < 0)
		return (int)n;
	if ((size_t)n >= size)
		return -ENAMETOOLONG;
	buf[n] = '\0';
	return 0;
}

/* The host path a supervisor descriptor refers to. */
static int fd_host_path(int fd, char *buf, size_t size)
{
	char link[64];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	return read_link(link, buf, size);
}

/* The guest path of a directory of t: its cwd (AT_FDCWD) or descriptor.
 * A directory removed since gives -ENOENT, and with deleted set, its
 * former guest path. */
static int guest_dir_ex(const struct tracee *t, int dirfd, char *guest, size_t size, bool *deleted)
{
	char link[64], host[PATH_MAX];
	if (dirfd == AT_FDCWD)
		snprintf(link, sizeof(link), "/proc/%d/cwd", t->tid);
	else if (dirfd < 0)
		return -EBADF;
	else
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", t->tid, dirfd);
	int err = read_link(link, host, sizeof(host));
	if (err == -ENOENT)
		return dirfd == AT_FDCWD ? -ENOENT : -EBADF;
	if (err)
		return err;
	if (host[0] != '/')
		return -ENOTDIR; /* pipe:[..], socket:[..], anon_inode:... */
	size_t n = strlen(host);
	bool gone = n > 10 && strcmp(host + n - 10, " (deleted)") == 0;
	if (gone)
		host[n - 10] = '\0';
	err = fs_host_to_guest(t, host, guest, size);
	if (err)
		return err == -EXDEV ? -EACCES : err;
	if (gone) {
		if (deleted)
			*deleted = true;
		return -ENOENT;
	}
	return 0;
}

static int guest_dir(const struct tracee *t, int dirfd, char *guest, size_t size)
{
	return guest_dir_ex(t, dirfd, guest, size, NULL);
}

int fs_guest_cwd(const struct tracee *t, char *guest, size_t size)
{
	return guest_dir(t, AT_FDCWD, guest, size);
}

/* openat2 inside a root: EAGAIN means a rename somewhere on the machine
 * raced a ".." walk; the walk is tried again a few times. */
static int openat2_retry(int dirfd, const char *name, struct open_how *how)
{
	for (int i = 0;; i++) {
		long fd = syscall(SYS_openat2, dirfd, name, how, sizeof(*how));
		if (fd >= 0)
			return (int)fd;
		if (errno != EAGAIN || i == 32)
			return -errno;
	}
}

static int open_in_root(const struct fs_root *r, const char *guest, unsigned long flags)
{
	struct open_how how = {
		.flags = flags | O_PATH | O_CLOEXEC,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	return openat2_retry(r->fd, guest, &how);
}

/* Guest path p lies in the host's /proc: rewrites self and thread-self,
 * and replaces the magic links root, cwd and fd/N by the guest paths they
 * lead to when the walk goes through them (or follows them at the end).
 * Sets *restart when p was rewritten into a path to resolve again. */
/* Is pid a process (or thread) of t's jail? */
static bool pid_in_jail(const struct tracee *t, pid_t pid)
{
	if (pid <= 0)
		return false;
	tracee_rdlock();
	const struct tracee *o = tracee_find(pid);
	bool in = o && o->jail == t->jail;
	tracee_unlock();
	return in;
}

static int proc_path(const struct tracee *t, char *p, size_t size, enum fs_follow follow,
		     bool *restart)
{
	char rest[PATH_MAX], pid_part[64];
	const char *after = p + 5; /* past "/proc" */
	while (*after == '/')
		after++;
	size_t n = strcspn(after, "/");
	if (n == 4 && strncmp(after, "self", 4) == 0)
		snprintf(pid_part, sizeof(pid_part), "%d", t->tgid);
	else if (n == 11 && strncmp(after, "thread-self", 11) == 0)
		snprintf(pid_part, sizeof(pid_part), "%d/task/%d", t->tgid, t->tid);
	else if (proc_all_digits(after, n) && n < 20)
		snprintf(pid_part, sizeof(pid_part), "%.*s", (int)n, after);
	else
		return 0; /* /proc, /proc/cpuinfo ...: the kernel's own */
	/* another process's entry is absent before any of its links is read:
	 * reading /proc/P/cwd of a host process fails with EACCES, of a pid
	 * that does not exist with ENOENT (an existence oracle) */
	if (pid_part[0] != '\0' && after[0] >= '0' && after[0] <= '9' && !pid_in_jail(t, (pid_t)atol(pid_part)))
		return -ENOENT;
	const char *tail = after + n; /* "" or "/..." */
	/* pid_part may be "P/task/T"; the tail may add "task/T" itself */
	char full[PATH_MAX];
	if ((size_t)snprintf(full, sizeof(full), "/proc/%s%s", pid_part, tail) >= sizeof(full))
		return -ENAMETOOLONG;
	/* find the component after /proc/P[/task/T] */
	const char *q = full + 6;
	q += strspn(q, "0123456789");
	if (strncmp(q, "/task/", 6) == 0) {
		const char *tq = q + 6;
		size_t tn = strspn(tq, "0123456789");
		if (tn > 0 && (tq[tn] == '/' || tq[tn] == '\0'))
			q = tq + tn;
	}
	size_t base_len = (size_t)(q - full);
	const char *comp = q;
	while (*comp == '/')
		comp++;
	size_t cn = strcspn(comp, "/");
	const char *beyond = comp + cn;
	while (*beyond == '/')
		beyond++;
	bool last = *beyond == '\0';
	char linkname[PATH_MAX], rest2[PATH_MAX];
	if (cn == 4 && strncmp(comp, "root", 4) == 0) {
		if (last && !fs_follows(follow))
			goto verbatim;
		/* every jailed process sees its root as "/" */
		if (path_join("/", beyond, rest2, sizeof(rest2)) || strlen(rest2) >= size)
			return -ENAMETOOLONG;
		strcpy(p, rest2);
		*restart = true;
		return 0;
	}
	if (cn == 3 && strncmp(comp, "cwd", 3) == 0) {
		if (last && !fs_follows(follow))
			goto verbatim;
		snprintf(linkname, sizeof(linkname), "%.*s/%.*s", (int)base_len, full, (int)cn, comp);
	} else if (cn == 3 && strncmp(comp, "exe", 3) == 0 && last && fs_follows(follow)) {
		/* a program the root's loader runs: the kernel's link names the
		 * loader, the process is the program (exec_image.c) */
		snprintf(linkname, sizeof(linkname), "%.*s/exe", (int)base_len, full);
		if (!tracee_exe_for_link(t, linkname, p, size))
			goto verbatim;
		*restart = true;
		return 0;
	} else if (cn == 2 && strncmp(comp, "fd", 2) == 0 && !last) {
		size_t dn = strcspn(beyond, "/");
		const char *past = beyond + dn;
		while (*past == '/')
			past++;
		if (!proc_all_digits(beyond, dn) || *past == '\0')
			goto verbatim; /* /proc/P/fd/N itself: the kernel reopens it */
		snprintf(linkname, sizeof(linkname), "%.*s/fd/%.*s", (int)base_len, full, (int)dn, beyond);
		beyond = past;
	} else {
		goto verbatim;
	}
	char target[PATH_MAX], guest[PATH_MAX];
	int err = read_link(linkname, target, sizeof(target));
	if (err)
		return err;
	if (target[0] != '/')
		return -ENOTDIR;
	err = fs_host_to_guest(t, target, guest, sizeof(guest));
	if (err)
		return err == -EXDEV ? -EACCES : err;
	if (path_join(guest, beyond, rest, sizeof(rest)) || strlen(rest) >= size)
		return -ENAMETOOLONG;
	strcpy(p, rest);
	*restart = true;
	return 0;
verbatim:
	if (strlen(full) >= size)
		return -ENAMETOOLONG;
	strcpy(p, full);
	return 0;
}

/* Absolute guest path p without ".", ".." (clamped at "/") and repeated
 * slashes; a trailing slash is kept. What the kernel's walk of p reaches
 * when no component of p is a symlink. */
static int lexical_path(const char *p, char *out, size_t size)
{
	size_t n = 0;
	const char *c = p;
	for (;;) {
		c += strspn(c, "/");
		if (*c == '\0')
			break;
		size_t len = strcspn(c, "/");
		if (len == 1 && c[0] == '.') {
			/* nothing */
		} else if (len == 2 && c[0] == '.' && c[1] == '.') {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--; /* the slash before it */
		} else {
			if (n + 1 + len >= size)
				return -ENAMETOOLONG;
			out[n++] = '/';
			memcpy(out + n, c, len);
			n += len;
		}
		c += len;
	}
	if (n == 0)
		out[n++] = '/';
	else if (p[strlen(p) - 1] == '/') {
		if (n + 1 >= size)
			return -ENAMETOOLONG;
		out[n++] = '/';
	}
	out[n] = '\0';
	return 0;
}

/* mount.devfs (r->dev_own): guest path p beneath /dev, or lexically so,
 * taken lexically (".." beneath /dev does not depend on what /dev holds,
 * as for /dev/shm), and -ENOENT for a name the ruleset hides. 0 otherwise
 * (p unchanged). */
static int dev_guest_path(const struct fs_root *r, char *p, size_t size)
{
	if (!r->dev_own || !strstr(p, "dev"))
		return 0;
	char lex[PATH_MAX];
	if (lexical_path(p, lex, sizeof(lex)))
		return -ENAMETOOLONG;
	bool under = strncmp(p, "/dev", 4) == 0 && (p[4] == '/' || p[4] == '\0');
	if (!under && !path_within("/dev", lex))
		return 0;
	if (strlen(lex) >= size)
		return -ENAMETOOLONG;
	strcpy(p, lex);
	if (strncmp(lex, "/dev/", 5) != 0 || lex[5] == '\0')
		return 0; /* /dev itself, or out of it */
	const char *name = lex + 5;
	size_t n = strcspn(name, "/");
	if (fs_dev_shows(r, name, n) || (n == 3 && strncmp(name, "shm", 3) == 0 && dev_shm_root()))
		return 0;
	return -ENOENT;
}

/* Guest path p names something in the jail's private /dev/shm (a root
 * without /dev: dev_shm.h): the directory (as a root of its own) and, in
 * rest, the path beneath it ("/..."). NULL for any other path. A ".." in p
 * is taken lexically first, so "/dev/shm/../null" is not in it and
 * "/dev/shm/a/../b" is; every other component is the kernel's to resolve,
 * inside the directory. */
static const struct fs_root *shm_path(const struct fs_root *r, const char *p, char *rest, size_t size)
{
	const struct fs_root *shm = r->host_dev ? dev_shm_root() : NULL;
	if (!shm || strstr(p, "shm") == NULL)
		return NULL;
	char lex[PATH_MAX];
	if (lexical_path(p, lex, sizeof(lex)) || !path_within("/dev/shm", lex))
		return NULL;
	const char *tail = p + 8;
	bool plain = strncmp(p, "/dev/shm", 8) == 0 && (*tail == '/' || *tail == '\0');
	for (const char *c = tail; plain && (c = strstr(c, "..")); c += 2)
		if (c[-1] == '/' && (c[2] == '/' || c[2] == '\0'))
			plain = false;
	if (!plain)
		tail = lex + 8;
	if (*tail == '\0')
		tail = "/";
	if (strlen(tail) >= size)
		return NULL;
	strcpy(rest, tail);
	return shm;
}

/* The host path of the object fd refers to, plus suffix. */
static int fd_host_path_plus(int fd, const char *suffix, char *hp, size_t size);

/* Resolves guest path p in root r (open flags O_DIRECTORY, O_NOFOLLOW)
 * and gives the host path of what the kernel reached, plus suffix. When no
 * component is a symlink (RESOLVE_NO_SYMLINKS) that is the root's path and
 * the lexical form of p, which saves reading it back from /proc/self/fd. */
static int resolve_host(const struct fs_root *r, const char *p, int flags, const char *suffix,
			char *hp, size_t size)
{
	char lex[PATH_MAX];
	if (lexical_path(p, lex, sizeof(lex)) == 0) {
		struct open_how how = {
			.flags = (unsigned)flags | O_PATH | O_CLOEXEC,
			.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_SYMLINKS,
		};
		long fd = openat2_retry(r->fd, lex, &how);
		if (fd >= 0) {
			close((int)fd);
			size_t ln = strlen(lex);
			if (ln > 1 && lex[ln - 1] == '/')
				lex[--ln] = '\0'; /* the caller's suffix says */
			const char *tail = strcmp(lex, "/") == 0 ? "" : lex;
			if (strlen(r->host) + strlen(tail) + strlen(suffix) >= size)
				return -ENAMETOOLONG;
			snprintf(hp, size, "%s%s%s", r->host, tail, suffix); /* r->host is not "/" */
			return 0;
		}
		if (fd != -ELOOP)
			return (int)fd;
	}
	int fd = open_in_root(r, p, flags);
	if (fd < 0)
		return fd;
	return fd_host_path_plus(fd, suffix, hp, size);
}

static int fd_host_path_plus(int fd, const char *suffix, char *hp, size_t size)
{
	int err = fd_host_path(fd, hp, size);
	close(fd);
	if (err)
		return err;
	size_t n = strlen(hp);
	if (n == 1 && suffix[0] == '/')
		suffix++; /* "/" + "/." */
	if (n + strlen(suffix) >= size)
		return -ENAMETOOLONG;
	strcpy(hp + n, suffix);
	return 0;
}

static int resolve_names(const struct fs_root *r, const char *p, const char *parent, const char *last,
			 bool slash, enum fs_follow follow, int depth, char *hp, size_t hsize);

/* Resolves absolute guest path p inside root r into the host path the
 * kernel is to act on. The kernel itself resolves every component the
 * syscall would follow (openat2 RESOLVE_IN_ROOT); a component the syscall
 * does not follow (the last one of lstat, unlink, mkdir, rename...) is
 * handed to the kernel as the guest wrote it, trailing slash included, so
 * that the kernel applies its own rules to it (EEXIST, ENOTDIR, EISDIR...). */
static int resolve_in_root(const struct fs_root *r, const char *p, enum fs_follow follow, int depth,
			   char *host, size_t size)
{
	char parent[PATH_MAX], last[NAME_MAX + 1], hp[PATH_MAX];
	bool slash;
	int err = path_split_last(p, parent, sizeof(parent), last, sizeof(last), &slash);
	if (err)
		return err;
	err = resolve_names(r, p, parent, last, slash, follow, depth, hp, sizeof(hp));
	if (err < 0 && err != -ENAMETOOLONG && strlen(r->host) + strlen(p) >= PATH_MAX)
		return -ENAMETOOLONG; /* the kernel would refuse the host name first */
	if (err)
		return err;
	/* never hand the kernel a path outside the root */
	char check[PATH_MAX];
	strcpy(check, hp);
	size_t cl = strlen(check);
	while (cl > 1 && (check[cl - 1] == '/' || (check[cl - 1] == '.' && check[cl - 2] == '/')))
		check[--cl] = '\0';
	if (!path_within(r->host, check))
		return -EACCES;
	if (strlen(hp) >= size)
		return -ENAMETOOLONG;
	strcpy(host, hp);
	return 0;
}

static int resolve_names(const struct fs_root *r, const char *p, const char *parent, const char *last,
			 bool slash, enum fs_follow follow, int depth, char *hp, size_t hsize)
{
	int err;
	if (last[0] == '\0') {
		/* "/", or a last component "." or "..": resolved whole (".." clamps);
		 * a call that acts on the name itself sees it as "." (EEXIST,
		 * EISDIR, EBUSY, EINVAL as for the guest's own "." or "..") */
		return resolve_host(r, p, 0, follow == FS_PARENT ? "/." : slash ? "/" : "", hp, hsize);
	}
	if (slash && follow == FS_NOFOLLOW)
		follow = FS_FOLLOW; /* a lookup follows a last component with a trailing slash */
	if (slash && follow == FS_FOLLOW_CREATE)
		follow = FS_PARENT; /* open("x/", O_CREAT) is EISDIR: the kernel says so */
	if (follow == FS_FOLLOW || follow == FS_FOLLOW_CREATE) {
		err = resolve_host(r, p, 0, slash ? "/" : "", hp, hsize);
		/* a lookup's error is the kernel's answer; a name to create may not exist yet */
		if (err != -ENOENT || follow == FS_FOLLOW)
			return err;
	}
	if (follow == FS_FOLLOW_CREATE) {
		int pfd = open_in_root(r, parent[0] ? parent : "/", O_DIRECTORY);
		if (pfd < 0)
			return pfd;
		/* a dangling symlink: the file to create is its target */
		char target[PATH_MAX];
		ssize_t n = readlinkat(pfd, last, target, sizeof(target));
		if (n >= (ssize_t)sizeof(target)) {
			close(pfd);
			return -ENAMETOOLONG;
		}
		if (n >= 0) {
			close(pfd);
			target[n] = '\0';
			if (depth >= MAX_LINKS)
				return -ELOOP;
			char next[PATH_MAX];
			if (target[0] == '/') {
				strcpy(next, target);
			} else if (path_join(parent[0] ? parent : "/", target, next, sizeof(next))) {
				return -ENAMETOOLONG;
			}
			return resolve_in_root(r, next, follow, depth + 1, hp, hsize);
		}
		close(pfd);
	}
	err = resolve_host(r, parent[0] ? parent : "/", O_DIRECTORY, "", hp, hsize);
	if (err)
		return err;
	char joined[PATH_MAX];
	if (path_join(hp, last, joined, sizeof(joined)))
		return -ENAMETOOLONG;
	if (slash) {
		if (strlen(joined) + 1 >= sizeof(joined))
			return -ENAMETOOLONG;
		strcat(joined, "/");
	}
	strcpy(hp, joined);
	return 0;
}

/* The absolute guest path p that guest names (relative to dirfd when not
 * absolute). 1: the kernel is to get guest as it is (only "." components
 * from a removed directory, which the kernel resolves on t's own
 * descriptor). */
static int guest_absolute(struct tracee *t, int dirfd, const char *guest, char *p, size_t size)
{
	if (guest[0] == '/') {
		strcpy(p, guest);
		return 0;
	}
	char base[PATH_MAX];
	bool deleted = false;
	int err = guest_dir_ex(t, dirfd, base, sizeof(base), &deleted);
	if (err && deleted) {
		/* a removed directory holds nothing: "." is itself, ".." its
		 * former parent */
		const char *rest = guest;
		while (rest[0] == '.' && (rest[1] == '/' || rest[1] == '\0'))
			rest += 1 + strspn(rest + 1, "/");
		if (*rest == '\0')
			return 1;
		if (rest[0] != '.' || rest[1] != '.' || (rest[2] != '/' && rest[2] != '\0'))
			return -ENOENT;
		char *slash = strrchr(base, '/');
		if (slash)
			slash[slash == base ? 1 : 0] = '\0';
		guest = rest + 2 + strspn(rest + 2, "/");
		err = 0;
	}
	if (err)
		return err;
	if (path_join(base, guest, p, size))
		return -ENAMETOOLONG;
	return 0;
}

static int guest_to_host(struct tracee *t, int dirfd, const char *guest, enum fs_follow follow,
			 char *host, size_t size)
{
	const struct fs_root *r = t->root;
	if (guest[0] == '\0')
		return -ENOENT;
	if (strlen(guest) >= PATH_MAX)
		return -ENAMETOOLONG;
	if (is_host_root(r)) {
		strcpy(host, guest); /* no root to translate into */
		return 0;
	}
	char p[PATH_MAX];
	int err = guest_absolute(t, dirfd, guest, p, sizeof(p));
	if (err == 1) {
		strcpy(host, guest);
		return 0;
	}
	if (err)
		return err;
	if ((err = dev_guest_path(r, p, sizeof(p))) != 0)
		return err;
	for (int round = 0; round < MAX_LINKS; round++) {
		char rest[PATH_MAX];
		const struct fs_root *shm = shm_path(r, p, rest, sizeof(rest));
		if (shm)
			return resolve_in_root(shm, rest, follow, 0, host, size);
		if (!shared_with_host(r, p))
			return resolve_in_root(r, p, follow, 0, host, size);
		bool restart = false;
		if (path_within("/proc", p)) {
			err = proc_path(t, p, sizeof(p), follow, &restart);
			if (err)
				return err;
		}
		if (!restart) {
			if (strlen(p) >= size)
				return -ENAMETOOLONG;
			strcpy(host, p);
			return 0;
		}
	}
	return -ELOOP;
}

int fs_guest_to_host(struct tracee *t, int dirfd, const char *guest, enum fs_follow follow,
		     char *host, size_t size)
{
	int err = guest_to_host(t, dirfd, guest, follow, host, size);
	/* another process's /proc/<pid> is absent (handle_proc.c) */
	if (!err && !is_host_root(t->root))
		err = proc_hide_host_path(t, host, follow != FS_NOFOLLOW);
	/* another session's pty is absent (dev_view.c) */
	if (!err && t->root && t->root->host_dev)
		err = dev_view_check(t, host);
	/* mount.devfs: the root's own /dev is covered (a link into it too) */
	if (!err && t->root && fs_dev_covered(t->root, host))
		err = -ENOENT;
	return err;
}

int fs_guest_in_root(struct tracee *t, int dirfd, const char *guest, char *p, size_t size,
		     const struct fs_root **in)
{
	const struct fs_root *r = t->root;
	if (guest[0] == '\0')
		return -ENOENT;
	if (strlen(guest) >= PATH_MAX)
		return -ENAMETOOLONG;
	if (is_host_root(r))
		return 1;
	int err = guest_absolute(t, dirfd, guest, p, size);
	if (!err)
		err = dev_guest_path(r, p, size);
	if (err)
		return err;
	char rest[PATH_MAX];
	const struct fs_root *shm = shm_path(r, p, rest, sizeof(rest));
	if (shm) {
		/* the private /dev/shm: a root of its own */
		if (strlen(rest) >= size)
			return -ENAMETOOLONG;
		strcpy(p, rest);
		*in = shm;
		return 0;
	}
	*in = r;
	return shared_with_host(r, p) ? 1 : 0;
}

/* f, just opened for t beneath in: kept unless it is another process's
 * entry in a procfs the root has of its own. 0 and *fd, or -errno. */
static int keep_unless_hidden(const struct tracee *t, int f, int *fd)
{
	int err = proc_hide_fd(t, f);
	if (!err && fs_dev_covered_fd(t->root, f))
		err = -ENOENT; /* the root's own /dev, covered by mount.devfs */
	if (err) {
		close(f);
		return err;
	}
	*fd = f;
	return 0;
}

int fs_guest_open(struct tracee *t, int dirfd, const char *guest, bool follow, int *fd)
{
	char p[PATH_MAX];
	const struct fs_root *in;
	int err = fs_guest_in_root(t, dirfd, guest, p, sizeof(p), &in);
	if (err)
		return err; /* 1: translated instead */
	int f = open_in_root(in, p, follow ? 0 : O_NOFOLLOW);
	if (f < 0)
		return strlen(in->host) + strlen(p) >= PATH_MAX ? -ENAMETOOLONG : f;
	return keep_unless_hidden(t, f, fd);
}

int fs_guest_open_how(struct tracee *t, int dirfd, const char *guest, const struct open_how *how, int *fd)
{
	char p[PATH_MAX];
	const struct fs_root *in;
	int err = fs_guest_in_root(t, dirfd, guest, p, sizeof(p), &in);
	if (err)
		return err; /* 1: translated instead ("." of a removed directory...) */
	struct open_how h = *how;
	h.flags |= O_CLOEXEC | ((h.flags & O_PATH) ? 0 : O_NOCTTY);
	h.resolve |= RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
	/* the host path the kernel would have been given: too long is
	 * ENAMETOOLONG, as on an equivalent tree outside the jail */
	char lex[PATH_MAX];
	if (lexical_path(p, lex, sizeof(lex)) || strlen(in->host) + strlen(lex) >= PATH_MAX)
		return -ENAMETOOLONG;
	int f = openat2_retry(in->fd, p, &h);
	if (f < 0)
		return f;
	return keep_unless_hidden(t, f, fd);
}
