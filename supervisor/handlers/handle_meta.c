/* SPDX-License-Identifier: BSD-2-Clause */
/* Metadata calls served from user notification: stat, statx, access,
 * chmod, chown, utimensat, truncate, statfs and the extended attributes.
 * Each path is resolved once, by the kernel, into a supervisor descriptor
 * (inside the root, or judged by the /proc guard), and the call runs on
 * that descriptor with the caller's credentials; results are written to
 * the caller's memory. An empty path with AT_EMPTY_PATH acts on the
 * supervisor's own copy of the caller's descriptor. Nothing the kernel
 * resolves again later (docs/engine.md). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "../../policy/path.h"
#include "../engine/memory.h"
#include "../engine/notify.h"
#include "../engine/tracee.h"
#include "../fs/fs_root.h"
#include "../fs/proc_hide.h"
#include "act_as.h"
#include "path_object.h"
#include "stat_quick.h"
#include "handlers.h"

#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452
#endif

static int read_name(const struct syscall_stop *s, uint64_t addr, char *buf)
{
	int err = mem_read_string(s->t->tid, addr, buf, PATH_MAX);
	return err == -ENAMETOOLONG ? err : err ? -EFAULT : 0;
}

/* Reads the path argument, resolves it as t and runs op on the object,
 * as t. The result of op, or -errno. */
struct meta_call {
	int dirfd;
	uint64_t path;
	const char *name; /* the path, read already (or NULL) */
	int at_flags;
	bool follow, change, null_is_empty;
};

static int with_object(struct syscall_stop *s, const struct meta_call *c, long (*op)(int fd, struct syscall_stop *s, void *arg),
		       void *arg, long *ret)
{
	char path[PATH_MAX];
	int err = 0;
	if (c->name)
		snprintf(path, sizeof(path), "%s", c->name);
	else if (c->path == 0 && c->null_is_empty && (c->at_flags & AT_EMPTY_PATH))
		path[0] = '\0';
	else
		err = read_name(s, c->path, path);
	if (err)
		return err;
	if (!notify_still_valid())
		return -EINTR;
	if ((err = act_as_tracee(s->t, false)) != 0)
		return err;
	int fd = path_object(s->t, c->dirfd, path, c->at_flags, c->follow, c->change);
	if (fd >= 0) {
		*ret = op(fd, s, arg);
		close(fd);
		err = 0;
	} else {
		err = fd;
	}
	act_as_done();
	return err;
}

static enum action done(struct syscall_stop *s, int err, long ret)
{
	s->retval = err ? err : ret;
	return ACT_RETURN;
}

/* ---- stat ---- */

struct stat_arg {
	uint64_t buf;
	unsigned mask;
	int sync;
	bool statx;
};

static long do_stat(int fd, struct syscall_stop *s, void *p)
{
	struct stat_arg *a = p;
	long rc;
	if (a->statx) {
		struct statx stx;
		rc = statx(fd, "", AT_EMPTY_PATH | a->sync, a->mask, &stx);
		if (rc < 0)
			return -errno;
		act_as_done(); /* memory is written with the supervisor's rights */
		rc = mem_write(s->t->tid, a->buf, &stx, sizeof(stx)) ? -EFAULT : 0;
	} else {
		struct stat st;
		rc = fstatat(fd, "", &st, AT_EMPTY_PATH);
		if (rc < 0)
			return -errno;
		act_as_done();
		rc = mem_write(s->t->tid, a->buf, &st, sizeof(st)) ? -EFAULT : 0;
	}
	return rc;
}

static long do_compat_stat(int fd, struct syscall_stop *s, void *p);

/* One name in a directory of the caller's, at the host's /: one lookup
 * (stat_quick.h). The name is read into name (for the object route).
 * 0 or -errno: answered; 1: take the object route. */
static int stat_one_name(struct syscall_stop *s, const struct meta_call *c, const struct stat_arg *a, char *name)
{
	int err = 0;
	if (c->path == 0 && c->null_is_empty && (c->at_flags & AT_EMPTY_PATH))
		name[0] = '\0';
	else
		err = read_name(s, c->path, name);
	if (err)
		return err;
	if (!stat_quick_may(s->t, c->dirfd, name, c->at_flags))
		return 1;
	if (!notify_still_valid())
		return -EINTR;
	union {
		struct stat st;
		struct statx stx;
	} out;
	if (act_as_tracee(s->t, false) != 0)
		return 1;
	int rc = stat_quick(s->t, c->dirfd, name, c->at_flags, c->follow, a->statx, a->mask, a->sync, &out);
	act_as_done();
	if (rc)
		return 1;
	size_t size = a->statx ? sizeof(out.stx) : sizeof(out.st);
	return mem_write(s->t->tid, a->buf, &out, size) ? -EFAULT : 0;
}

enum action handle_meta_stat(struct syscall_stop *s)
{
	if (!s->notified)
		return handle_path_ptrace(s); /* another ABI's layout */
	struct meta_call c = {.dirfd = AT_FDCWD, .follow = true};
	struct stat_arg a = {0};
	int known = AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT;
	if (s->id == SC_stat || s->id == SC_lstat) {
		c.path = s->args[0], a.buf = s->args[1];
		c.follow = s->id == SC_stat;
	} else if (s->id == SC_newfstatat) {
		c.dirfd = (int)s->args[0], c.path = s->args[1], a.buf = s->args[2], c.at_flags = (int)s->args[3];
	} else if (s->id == SC_statx) {
		c.dirfd = (int)s->args[0], c.path = s->args[1], c.at_flags = (int)s->args[2];
		a.mask = (unsigned)s->args[3], a.buf = s->args[4], a.statx = true;
		a.sync = c.at_flags & AT_STATX_SYNC_TYPE;
		known |= AT_STATX_SYNC_TYPE;
		if (a.sync == AT_STATX_SYNC_TYPE)
			return done(s, -EINVAL, 0);
	} else {
		return done(s, -ENOSYS, 0);
	}
	if (c.at_flags & ~known)
		return done(s, -EINVAL, 0);
	if (c.at_flags & AT_SYMLINK_NOFOLLOW)
		c.follow = false;
	c.null_is_empty = true; /* Linux 6.11: NULL with AT_EMPTY_PATH */
	long ret = 0;
	if (s->abi->word_size == 4 && (s->id == SC_stat || s->id == SC_lstat)) {
		/* i386's stat and lstat: the compat struct stat */
		uint64_t buf = a.buf;
		int err = with_object(s, &c, do_compat_stat, &buf, &ret);
		return done(s, err, ret);
	}
	char name[PATH_MAX];
	int err = 1;
	err = stat_one_name(s, &c, &a, name);
	if (err == 1)
		c.name = name;
	if (err == 1)
		err = with_object(s, &c, do_stat, &a, &ret);
	return done(s, err, ret);
}

/* i386's struct stat64 as the kernel fills it (cp_stat64): 96 bytes,
 * 4-byte alignment; the padding is left as it was. */
struct stat64_i386 {
	uint64_t dev;
	uint32_t pad0, ino32, mode, nlink, uid, gid;
	uint64_t rdev;
	uint32_t pad3;
	int64_t size;
	uint32_t blksize;
	uint64_t blocks;
	uint32_t atime, atime_nsec, mtime, mtime_nsec, ctime, ctime_nsec;
	uint64_t ino;
} __attribute__((packed));
_Static_assert(sizeof(struct stat64_i386) == 96, "i386 struct stat64");

static long do_stat64(int fd, struct syscall_stop *s, void *p)
{
	uint64_t buf = *(uint64_t *)p;
	struct stat st;
	if (fstatat(fd, "", &st, AT_EMPTY_PATH) < 0)
		return -errno;
	act_as_done(); /* memory is written with the supervisor's rights */
	struct stat64_i386 o;
	if (mem_read(s->t->tid, buf, &o, sizeof(o)))
		return -EFAULT;
	o.dev = st.st_dev, o.ino32 = (uint32_t)st.st_ino, o.ino = st.st_ino;
	o.mode = st.st_mode, o.nlink = (uint32_t)st.st_nlink, o.uid = st.st_uid, o.gid = st.st_gid;
	o.rdev = st.st_rdev, o.size = st.st_size, o.blksize = (uint32_t)st.st_blksize, o.blocks = (uint64_t)st.st_blocks;
	o.atime = (uint32_t)st.st_atim.tv_sec, o.atime_nsec = (uint32_t)st.st_atim.tv_nsec;
	o.mtime = (uint32_t)st.st_mtim.tv_sec, o.mtime_nsec = (uint32_t)st.st_mtim.tv_nsec;
	o.ctime = (uint32_t)st.st_ctim.tv_sec, o.ctime_nsec = (uint32_t)st.st_ctim.tv_nsec;
	return mem_write(s->t->tid, buf, &o, sizeof(o)) ? -EFAULT : 0;
}

/* i386's struct __old_kernel_stat as cp_old_stat fills it */
struct old_stat_i386 {
	uint16_t dev, ino, mode, nlink, uid, gid, rdev, pad;
	uint32_t size, atime, mtime, ctime;
};
_Static_assert(sizeof(struct old_stat_i386) == 32, "i386 __old_kernel_stat");

static long do_oldstat(int fd, struct syscall_stop *s, void *p)
{
	uint64_t buf = *(uint64_t *)p;
	struct stat st;
	if (fstatat(fd, "", &st, AT_EMPTY_PATH) < 0)
		return -errno;
	act_as_done();
	if (st.st_ino > 0xffff || st.st_nlink > 0xffff || st.st_size > 0x7fffffff)
		return -EOVERFLOW;
	struct old_stat_i386 o = {
		.dev = (uint16_t)((major(st.st_dev) << 8) | minor(st.st_dev)),
		.ino = (uint16_t)st.st_ino,
		.mode = (uint16_t)st.st_mode,
		.nlink = (uint16_t)st.st_nlink,
		.uid = (uint16_t)(st.st_uid > 0xffff ? 65534 : st.st_uid), /* the overflow id */
		.gid = (uint16_t)(st.st_gid > 0xffff ? 65534 : st.st_gid),
		.rdev = (uint16_t)((major(st.st_rdev) << 8) | minor(st.st_rdev)),
		.size = (uint32_t)st.st_size,
		.atime = (uint32_t)st.st_atim.tv_sec,
		.mtime = (uint32_t)st.st_mtim.tv_sec,
		.ctime = (uint32_t)st.st_ctim.tv_sec,
	};
	return mem_write(s->t->tid, buf, &o, sizeof(o)) ? -EFAULT : 0;
}

/* i386's struct stat (x86's struct compat_stat: stat and lstat, 106 and
 * 107) as the kernel's cp_compat_stat fills it: 64 bytes, zeroed first. */
struct compat_stat_i386 {
	uint32_t dev, ino;
	uint16_t mode, nlink, uid, gid;
	uint32_t rdev, size, blksize, blocks;
	uint32_t atime, atime_nsec, mtime, mtime_nsec, ctime, ctime_nsec;
	uint32_t unused4, unused5;
};
_Static_assert(sizeof(struct compat_stat_i386) == 64, "x86 struct compat_stat");

static long do_compat_stat(int fd, struct syscall_stop *s, void *p)
{
	uint64_t buf = *(uint64_t *)p;
	struct stat st;
	if (fstatat(fd, "", &st, AT_EMPTY_PATH) < 0)
		return -errno;
	act_as_done(); /* memory is written with the supervisor's rights */
	/* the kernel's EOVERFLOW: an inode number, link count or size (above
	 * MAX_NON_LFS) that does not fit; ids above 16 bits become the
	 * overflow id, as high2lowuid gives them. st_dev and st_rdev are in
	 * the kernel's 32-bit encoding already (new_encode_dev). */
	if (st.st_ino > 0xffffffffu || st.st_nlink > 0xffff || st.st_size > 0x7fffffff)
		return -EOVERFLOW;
	struct compat_stat_i386 o = {
		.dev = (uint32_t)st.st_dev,
		.ino = (uint32_t)st.st_ino,
		.mode = (uint16_t)st.st_mode,
		.nlink = (uint16_t)st.st_nlink,
		.uid = (uint16_t)(st.st_uid > 0xffff ? 65534 : st.st_uid),
		.gid = (uint16_t)(st.st_gid > 0xffff ? 65534 : st.st_gid),
		.rdev = (uint32_t)st.st_rdev,
		.size = (uint32_t)st.st_size,
		.blksize = (uint32_t)st.st_blksize,
		.blocks = (uint32_t)st.st_blocks,
		.atime = (uint32_t)st.st_atim.tv_sec,
		.atime_nsec = (uint32_t)st.st_atim.tv_nsec,
		.mtime = (uint32_t)st.st_mtim.tv_sec,
		.mtime_nsec = (uint32_t)st.st_mtim.tv_nsec,
		.ctime = (uint32_t)st.st_ctim.tv_sec,
		.ctime_nsec = (uint32_t)st.st_ctim.tv_nsec,
	};
	return mem_write(s->t->tid, buf, &o, sizeof(o)) ? -EFAULT : 0;
}

/* i386's stat64, lstat64, fstatat64, oldstat, oldlstat: run on the object
 * like stat. */
enum action handle_meta_stat64(struct syscall_stop *s)
{
	if (!s->notified)
		return handle_path_ptrace(s); /* a stop of ptrace's */
	struct meta_call c = {.dirfd = AT_FDCWD, .path = s->args[0], .follow = s->id == SC_stat64 || s->id == SC_oldstat};
	uint64_t buf = s->args[1];
	if (s->id == SC_fstatat64) {
		c.dirfd = (int)s->args[0], c.path = s->args[1], buf = s->args[2], c.at_flags = (int)s->args[3];
		c.null_is_empty = true;
		if (c.at_flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
			return done(s, -EINVAL, 0);
		c.follow = !(c.at_flags & AT_SYMLINK_NOFOLLOW);
	}
	long ret = 0;
	bool old = s->id == SC_oldstat || s->id == SC_oldlstat;
	int err = with_object(s, &c, old ? do_oldstat : do_stat64, &buf, &ret);
	return done(s, err, ret);
}

/* ---- access ---- */

static long do_access(int fd, struct syscall_stop *s, void *p)
{
	(void)s;
	int *mode_flags = p;
	return syscall(SYS_faccessat2, fd, "", mode_flags[0], AT_EMPTY_PATH | mode_flags[1]) < 0 ? -errno : 0;
}

enum action handle_meta_access(struct syscall_stop *s)
{
	if (!s->notified)
		return handle_path_ptrace(s); /* another ABI's layout */
	struct meta_call c = {.dirfd = AT_FDCWD, .follow = true};
	int mf[2] = {0, 0};
	if (s->id == SC_access) {
		c.path = s->args[0], mf[0] = (int)s->args[1];
	} else {
		c.dirfd = (int)s->args[0], c.path = s->args[1], mf[0] = (int)s->args[2];
		if (s->id == SC_faccessat2)
			c.at_flags = (int)s->args[3];
	}
	if (c.at_flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_EACCESS))
		return done(s, -EINVAL, 0);
	if (mf[0] & ~7)
		return done(s, -EINVAL, 0);
	c.follow = !(c.at_flags & AT_SYMLINK_NOFOLLOW);
	mf[1] = c.at_flags & AT_EACCESS;
	long ret = 0;
	int err = with_object(s, &c, do_access, mf, &ret);
	return done(s, err, ret);
}

/* ---- chmod, chown, utimensat ---- */

static long do_chmod(int fd, struct syscall_stop *s, void *p)
{
	(void)s;
	return syscall(SYS_fchmodat2, fd, "", *(mode_t *)p, AT_EMPTY_PATH) < 0 ? -errno : 0;
}

enum action handle_meta_chmod(struct syscall_stop *s)
{
	if (!s->notified)
		return handle_path_ptrace(s); /* another ABI's layout */
	struct meta_call c = {.dirfd = AT_FDCWD, .follow = true, .change = true};
	mode_t mode;
	if (s->id == SC_chmod) {
		c.path = s->args[0], mode = (mode_t)s->args[1];
	} else {
		c.dirfd = (int)s->args[0], c.path = s->args[1], mode = (mode_t)s->args[2];
		if (s->id == SC_fchmodat2)
			c.at_flags = (int)s->args[3];
	}
	if (c.at_flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return done(s, -EINVAL, 0);
	c.follow = !(c.at_flags & AT_SYMLINK_NOFOLLOW);
	long ret = 0;
	int err = with_object(s, &c, do_chmod, &mode, &ret);
	return done(s, err, ret);
}

static long do_chown(int fd, struct syscall_stop *s, void *p)
{
	(void)s;
	uint32_t *ids = p;
	return fchownat(fd, "", (uid_t)ids[0], (gid_t)ids[1], AT_EMPTY_PATH) < 0 ? -errno : 0;
}

/* chown/lchown (64-bit ABI: 32-bit ids), chown32/lchown32 (i386),
 * fchownat. */
enum action handle_meta_chown(struct syscall_stop *s)
{
	if (!s->notified)
		return handle_path_ptrace(s); /* another ABI's layout */
	struct meta_call c = {.dirfd = AT_FDCWD, .follow = true, .change = true};
	uint32_t ids[2];
	if (s->id == SC_fchownat) {
		c.dirfd = (int)s->args[0], c.path = s->args[1], c.at_flags = (int)s->args[4];
		ids[0] = (uint32_t)s->args[2], ids[1] = (uint32_t)s->args[3];
	} else {
		c.path = s->args[0], ids[0] = (uint32_t)s->args[1], ids[1] = (uint32_t)s->args[2];
		c.follow = s->id == SC_chown || s->id == SC_chown32;
		if (s->abi->word_size == 4 && (s->id == SC_chown || s->id == SC_lchown))
			for (int i = 0; i < 2; i++) /* i386's 16-bit ids: 0xffff is -1 */
				ids[i] = (uint16_t)ids[i] == 0xffff ? (uint32_t)-1 : (uint16_t)ids[i];
	}
	if (c.at_flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return done(s, -EINVAL, 0);
	if (c.at_flags & AT_SYMLINK_NOFOLLOW)
		c.follow = false;
	long ret = 0;
	int err = with_object(s, &c, do_chown, ids, &ret);
	return done(s, err, ret);
}

static long do_utimens(int fd, struct syscall_stop *s, void *p)
{
	(void)s;
	return utimensat(fd, "", p, AT_EMPTY_PATH) < 0 ? -errno : 0;
}

/* utimensat (64-bit ABI), utimensat_time64 (i386): two 64-bit timespecs. */
enum action handle_meta_utimens(struct syscall_stop *s)
{
	if (!s->notified)
		return handle_path_ptrace(s); /* another ABI's layout */
	struct meta_call c = {.dirfd = (int)s->args[0], .path = s->args[1], .at_flags = (int)s->args[3],
			      .follow = true, .change = true, .null_is_empty = true};
	if (c.at_flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return done(s, -EINVAL, 0);
	c.follow = !(c.at_flags & AT_SYMLINK_NOFOLLOW);
	if (c.path == 0)
		c.at_flags |= AT_EMPTY_PATH; /* futimens: the descriptor itself */
	struct timespec ts[2], *tsp = NULL;
	if (s->args[2]) {
		struct {
			int64_t sec, nsec;
		} t64[2];
		if (mem_read(s->t->tid, s->args[2], t64, sizeof(t64)))
			return done(s, -EFAULT, 0);
		for (int i = 0; i < 2; i++) {
			ts[i].tv_sec = (time_t)t64[i].sec;
			ts[i].tv_nsec = s->abi->word_size == 4 ? (long)(int32_t)t64[i].nsec : (long)t64[i].nsec;
		}
		tsp = ts;
	}
	long ret = 0;
	int err = with_object(s, &c, do_utimens, tsp, &ret);
	return done(s, err, ret);
}

/* utime(path, utimbuf), utimes(path, timeval[2]), futimesat(dirfd, path,
 * timeval[2]): the older forms, in the caller's ABI's word size, run as
 * utimensat on the object (NULL: now). */
enum action handle_meta_utime(struct syscall_stop *s)
{
	if (!s->notified)
		return handle_path_ptrace(s); /* a stop of ptrace's */
	struct meta_call c = {.dirfd = AT_FDCWD, .path = s->args[0], .follow = true, .change = true};
	uint64_t times = s->args[1];
	if (s->id == SC_futimesat) {
		c.dirfd = (int)s->args[0], c.path = s->args[1];
		times = s->args[2];
	}
	struct timespec ts[2], *tsp = NULL;
	if (times) {
		unsigned ws = s->abi->word_size;
		unsigned char raw[32];
		if (mem_read(s->t->tid, times, raw, 4 * ws))
			return done(s, -EFAULT, 0);
		int64_t w[4];
		for (int i = 0; i < 4; i++) {
			int32_t v32;
			memcpy(ws == 4 ? (void *)&v32 : (void *)&w[i], raw + i * ws, ws);
			if (ws == 4)
				w[i] = v32;
		}
		if (s->id == SC_utime) { /* actime, modtime: whole seconds */
			ts[0] = (struct timespec){.tv_sec = (time_t)w[0]};
			ts[1] = (struct timespec){.tv_sec = (time_t)w[1]};
		} else { /* {sec, usec} twice */
			for (int i = 0; i < 2; i++) {
				if (w[2 * i + 1] < 0 || w[2 * i + 1] >= 1000000)
					return done(s, -EINVAL, 0);
				ts[i] = (struct timespec){.tv_sec = (time_t)w[2 * i], .tv_nsec = (long)w[2 * i + 1] * 1000};
			}
		}
		tsp = ts;
	}
	long ret = 0;
	int err = with_object(s, &c, do_utimens, tsp, &ret);
	return done(s, err, ret);
}

/* ---- inotify_add_watch: the watch is put on the object, through the
 * supervisor's copy of the caller's inotify descriptor (one instance: the
 * watch descriptor is the caller's) ---- */

struct watch_arg {
	int inotify;
	uint32_t mask;
};

static long do_add_watch(int fd, struct syscall_stop *s, void *p)
{
	(void)s;
	struct watch_arg *w = p;
	char link[64];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	/* the magic link leads to the object itself, a symbolic link too
	 * (IN_DONT_FOLLOW was applied when it was resolved) */
	int wd = inotify_add_watch(w->inotify, link, w->mask & ~(uint32_t)IN_DONT_FOLLOW);
	return wd < 0 ? -errno : wd;
}

enum action handle_meta_inotify(struct syscall_stop *s)
{
	if (!s->notified)
		return handle_path_ptrace(s); /* a stop of ptrace's */
	struct watch_arg w = {.mask = (uint32_t)s->args[2]};
	struct meta_call c = {.dirfd = AT_FDCWD, .path = s->args[1], .follow = !(w.mask & IN_DONT_FOLLOW)};
	if (!(w.mask & IN_ALL_EVENTS) || ((w.mask & IN_MASK_ADD) && (w.mask & IN_MASK_CREATE)))
		return done(s, -EINVAL, 0);
	w.inotify = tracee_dup_fd(s->t, (int)s->args[0]);
	if (w.inotify < 0)
		return done(s, w.inotify == -ESRCH ? -ESRCH : -EBADF, 0);
	/* the kernel's order: a descriptor that is not an inotify one is
	 * EINVAL before the path is looked at */
	char link[64], what[32];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", w.inotify);
	ssize_t n = readlink(link, what, sizeof(what) - 1);
	if (n <= 0 || (what[n] = '\0', strcmp(what, "anon_inode:inotify") != 0)) {
		close(w.inotify);
		return done(s, -EINVAL, 0);
	}
	long ret = 0;
	int err = with_object(s, &c, do_add_watch, &w, &ret);
	close(w.inotify);
	return done(s, err, ret);
}

enum action handle_meta_absent(struct syscall_stop *s)
{
	return done(s, -ENOSYS, 0);
}

/* ---- truncate, statfs ---- */

static long do_truncate(int fd, struct syscall_stop *s, void *p)
{
	(void)s;
	struct stat st;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	char link[64];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	int w = open(link, O_WRONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (w < 0)
		return -errno;
	long rc = ftruncate(w, *(off_t *)p) < 0 ? -errno : 0;
	close(w);
	return rc;
}

enum action handle_meta_truncate(struct syscall_stop *s)
{
	if (!s->notified)
		return handle_path_ptrace(s); /* another ABI's layout */
	struct meta_call c = {.dirfd = AT_FDCWD, .path = s->args[0], .follow = true, .change = true};
	off_t len = (off_t)s->args[1];
	if (s->id == SC_truncate64) /* i386: the length in two words */
		len = (off_t)((uint32_t)s->args[1] | ((uint64_t)(uint32_t)s->args[2] << 32));
	else if (s->abi->word_size == 4)
		len = (off_t)(int32_t)s->args[1];
	if (len < 0)
		return done(s, -EINVAL, 0);
	long ret = 0;
	int err = with_object(s, &c, do_truncate, &len, &ret);
	return done(s, err, ret);
}

/* i386's struct statfs and struct statfs64 as the kernel fills them
 * (put_compat_statfs, put_compat_statfs64) */
struct statfs_i386 {
	uint32_t type, bsize, blocks, bfree, bavail, files, ffree, fsid[2], namelen, frsize, flags, spare[4];
};
struct statfs64_i386 {
	uint32_t type, bsize;
	uint64_t blocks, bfree, bavail, files, ffree;
	uint32_t fsid[2], namelen, frsize, flags, spare[4];
} __attribute__((packed));
_Static_assert(sizeof(struct statfs_i386) == 64 && sizeof(struct statfs64_i386) == 84, "i386 statfs");

struct statfs_arg {
	uint64_t buf;
	enum { STATFS_NATIVE, STATFS_I386, STATFS64_I386 } layout;
};

static long do_statfs(int fd, struct syscall_stop *s, void *p)
{
	struct statfs_arg *a = p;
	struct statfs sf;
	if (fstatfs(fd, &sf) < 0)
		return -errno;
	act_as_done();
	const uint64_t high = 0xffffffff00000000ULL;
	uint32_t fsid[2];
	memcpy(fsid, &sf.f_fsid, sizeof(fsid));
	if (a->layout == STATFS_I386) {
		if (((uint64_t)sf.f_blocks | sf.f_bfree | sf.f_bavail | (uint64_t)sf.f_bsize | (uint64_t)sf.f_frsize) & high ||
		    ((uint64_t)sf.f_files != ~0ULL && ((uint64_t)sf.f_files & high)) ||
		    ((uint64_t)sf.f_ffree != ~0ULL && ((uint64_t)sf.f_ffree & high)))
			return -EOVERFLOW;
		struct statfs_i386 o = {.type = (uint32_t)sf.f_type, .bsize = (uint32_t)sf.f_bsize,
					.blocks = (uint32_t)sf.f_blocks, .bfree = (uint32_t)sf.f_bfree,
					.bavail = (uint32_t)sf.f_bavail, .files = (uint32_t)sf.f_files,
					.ffree = (uint32_t)sf.f_ffree, .fsid = {fsid[0], fsid[1]},
					.namelen = (uint32_t)sf.f_namelen, .frsize = (uint32_t)sf.f_frsize,
					.flags = (uint32_t)sf.f_flags};
		return mem_write(s->t->tid, a->buf, &o, sizeof(o)) ? -EFAULT : 0;
	}
	if (a->layout == STATFS64_I386) {
		if (((uint64_t)sf.f_bsize | (uint64_t)sf.f_frsize) & high)
			return -EOVERFLOW;
		struct statfs64_i386 o = {.type = (uint32_t)sf.f_type, .bsize = (uint32_t)sf.f_bsize,
					  .blocks = sf.f_blocks, .bfree = sf.f_bfree, .bavail = sf.f_bavail,
					  .files = sf.f_files, .ffree = sf.f_ffree, .fsid = {fsid[0], fsid[1]},
					  .namelen = (uint32_t)sf.f_namelen, .frsize = (uint32_t)sf.f_frsize,
					  .flags = (uint32_t)sf.f_flags};
		return mem_write(s->t->tid, a->buf, &o, sizeof(o)) ? -EFAULT : 0;
	}
	return mem_write(s->t->tid, a->buf, &sf, sizeof(sf)) ? -EFAULT : 0;
}

/* statfs, and i386's statfs (32-bit fields) and statfs64(path, size, buf). */
enum action handle_meta_statfs(struct syscall_stop *s)
{
	if (!s->notified)
		return handle_path_ptrace(s); /* a stop of ptrace's */
	struct meta_call c = {.dirfd = AT_FDCWD, .path = s->args[0], .follow = true};
	struct statfs_arg a = {.buf = s->args[1], .layout = s->abi->word_size == 4 ? STATFS_I386 : STATFS_NATIVE};
	if (s->id == SC_statfs64) {
		if ((uint32_t)s->args[1] != sizeof(struct statfs64_i386))
			return done(s, -EINVAL, 0);
		a.buf = s->args[2], a.layout = STATFS64_I386;
	}
	long ret = 0;
	int err = with_object(s, &c, do_statfs, &a, &ret);
	return done(s, err, ret);
}

/* ---- extended attributes: on /proc/self/fd/N, which leads to exactly
 * the object (a symlink itself when it was opened without following) ---- */

#define XATTR_MAX 65536

struct xattr_arg {
	enum { XA_GET, XA_SET, XA_LIST, XA_REMOVE } op; /* XA_SET: handled apart */
	char name[256];
	uint64_t value;
	size_t size;
	int flags;
};

static long do_xattr(int fd, struct syscall_stop *s, void *p)
{
	struct xattr_arg *a = p;
	char link[64];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	size_t size = a->size > XATTR_MAX ? XATTR_MAX : a->size;
	char *buf = size ? malloc(size) : NULL;
	if (size && !buf)
		return -ENOMEM;
	long rc;
	switch (a->op) {
	case XA_SET:
		rc = -EINVAL;
		break;
	case XA_REMOVE:
		rc = removexattr(link, a->name) < 0 ? -errno : 0;
		break;
	case XA_LIST:
		rc = listxattr(link, buf, size);
		rc = rc < 0 ? -errno : rc;
		break;
	case XA_GET:
	default:
		rc = getxattr(link, a->name, buf, size);
		rc = rc < 0 ? -errno : rc;
		break;
	}
	if (rc > 0 && size && (a->op == XA_GET || a->op == XA_LIST)) {
		act_as_done();
		if (mem_write(s->t->tid, a->value, buf, (size_t)rc))
			rc = -EFAULT;
	}
	free(buf);
	return rc;
}

enum action handle_meta_xattr(struct syscall_stop *s)
{
	if (!s->notified)
		return handle_path_ptrace(s); /* another ABI's layout */
	struct meta_call c = {.dirfd = AT_FDCWD, .path = s->args[0], .follow = true};
	static __thread struct xattr_arg a;
	memset(&a, 0, sizeof(a));
	enum sc_id id = s->id;
	c.follow = !(id == SC_lgetxattr || id == SC_lsetxattr || id == SC_llistxattr || id == SC_lremovexattr);
	if (id == SC_getxattr || id == SC_lgetxattr) {
		a.op = XA_GET, a.value = s->args[2], a.size = (size_t)s->args[3];
	} else if (id == SC_setxattr || id == SC_lsetxattr) {
		a.op = XA_SET, a.value = s->args[2], a.size = (size_t)s->args[3], a.flags = (int)s->args[4];
		c.change = true;
	} else if (id == SC_listxattr || id == SC_llistxattr) {
		a.op = XA_LIST, a.value = s->args[1], a.size = (size_t)s->args[2];
	} else {
		a.op = XA_REMOVE;
		c.change = true;
	}
	if (a.op != XA_LIST) {
		int err = mem_read_string(s->t->tid, s->args[1], a.name, sizeof(a.name));
		if (err)
			return done(s, err == -ENAMETOOLONG ? -ERANGE : -EFAULT, 0);
	}
	if (a.op == XA_SET && a.size > XATTR_MAX)
		return done(s, -E2BIG, 0);
	long ret = 0;
	int err;
	if (a.op == XA_SET) {
		/* the value is read once, here; the worker writes this copy */
		char *val = a.size ? malloc(a.size) : NULL;
		if (a.size && (!val || mem_read(s->t->tid, a.value, val, a.size))) {
			free(val);
			return done(s, val ? -EFAULT : -ENOMEM, 0);
		}
		struct meta_call c2 = c;
		/* setxattr through the object with the copied value */
		char path[PATH_MAX];
		err = read_name(s, c2.path, path);
		if (!err && !notify_still_valid())
			err = -EINTR;
		if (!err && (err = act_as_tracee(s->t, false)) == 0) {
			int fd = path_object(s->t, c2.dirfd, path, 0, c2.follow, true);
			if (fd >= 0) {
				char link[64];
				snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
				ret = setxattr(link, a.name, val, a.size, a.flags) < 0 ? -errno : 0;
				close(fd);
			} else {
				err = fd;
			}
			act_as_done();
		}
		free(val);
		return done(s, err, ret);
	}
	err = with_object(s, &c, do_xattr, &a, &ret);
	return done(s, err, ret);
}
