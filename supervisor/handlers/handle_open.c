/* SPDX-License-Identifier: BSD-2-Clause */
/* open, creat, openat and openat2, served from user notification: the
 * supervisor opens the object itself, with the caller's credentials and
 * umask, and hands the descriptor over (seccomp ADDFD with SEND). The
 * kernel resolves the name once, in the supervisor, inside the caller's
 * root; nothing is resolved again afterwards, so a rename race cannot
 * move the open out (docs/engine.md). */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "../../policy/path.h"
#include "../engine/memory.h"
#include "../engine/notify.h"
#include "../engine/tracee.h"
#include "../fs/dev_view.h"
#include "../fs/fs_root.h"
#include "../fs/proc_hide.h"
#include "act_as.h"
#include "handlers.h"
#include "nest_channel.h"
#include "../../policy/nest.h"
#include "machine_id_view.h"
#include "proc_mounts_view.h"
#include "proc_net_view.h"
#include "proc_sys_view.h"

#define VALID_FLAGS                                                                                  \
	(O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | O_NONBLOCK | O_DSYNC | O_ASYNC | \
	 O_DIRECT | O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC | O_PATH | O_TMPFILE | O_SYNC)
#define PATH_FLAGS (O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC)
#define VALID_RESOLVE                                                                                \
	(RESOLVE_NO_XDEV | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH | RESOLVE_IN_ROOT | \
	 RESOLVE_CACHED)

static bool creates(uint64_t flags)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE;
}

/* open(2)'s flags as the kernel reads them (unknown bits ignored). */
static void how_of(uint64_t flags, uint64_t mode, struct open_how *h)
{
	flags = (uint32_t)flags & VALID_FLAGS;
	if (flags & O_PATH)
		flags &= PATH_FLAGS;
	h->flags = flags;
	h->mode = creates(flags) ? mode & 07777 : 0;
	h->resolve = 0;
}

/* With every notification thread but this one busy (notify_block_begin
 * false) an open that may wait must not take the last one: it runs with
 * O_NONBLOCK added, and stands if it did not have to wait (a regular file,
 * a device, a FIFO's writer that found a reader; O_NONBLOCK is taken off
 * again unless the caller asked for it). A FIFO's reader, or a writer
 * with no reader (ENXIO), would have waited: ENFILE. fd is the open's
 * result, errno its error. */
static int open_at_cap(int fd, int flags)
{
	if (fd < 0)
		return errno == ENXIO ? -ENFILE : -errno;
	struct stat st;
	if (fstat(fd, &st) < 0 || (S_ISFIFO(st.st_mode) && (flags & O_ACCMODE) == O_RDONLY)) {
		close(fd);
		return -ENFILE;
	}
	int fl = fcntl(fd, F_GETFL);
	if (!(flags & O_NONBLOCK) && (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0)) {
		close(fd);
		return -ENFILE;
	}
	return fd;
}

/* /dev/tty means the caller's controlling terminal, not the supervisor's:
 * opened by the device its /proc/<tid>/stat names. */
static int open_ctty(const struct tracee *t, int flags)
{
	char path[64];
	dev_t ctty;
	if (dev_view_ctty(t->tid, &ctty))
		return -ENXIO;
	unsigned maj = major(ctty), min = minor(ctty);
	if (maj >= 136 && maj <= 143)
		snprintf(path, sizeof(path), "/dev/pts/%u", min + (maj - 136) * 256);
	else if (maj == 4 && min < 64)
		snprintf(path, sizeof(path), "/dev/tty%u", min);
	else if (maj == 4)
		snprintf(path, sizeof(path), "/dev/ttyS%u", min - 64);
	else if (maj == 5 && min == 1)
		snprintf(path, sizeof(path), "/dev/console");
	else
		return -ENXIO;
	bool at_cap = !notify_block_begin();
	int fd;
	do
		fd = open(path, (flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC)) | O_CLOEXEC | O_NOCTTY |
					(at_cap ? O_NONBLOCK : 0));
	while (fd < 0 && errno == EINTR && notify_still_valid());
	int err = fd < 0 ? -errno : 0;
	notify_block_end();
	if (at_cap) {
		errno = -err;
		fd = err = open_at_cap(fd, flags);
	}
	if (fd < 0)
		return err;
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISCHR(st.st_mode) || st.st_rdev != makedev(maj, min)) {
		close(fd);
		return -ENXIO;
	}
	return fd;
}

static bool is_dev_tty(int fd)
{
	struct stat st;
	return fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == makedev(5, 0);
}

/* The final open of object obj (an O_PATH descriptor, taken): the same
 * inode, reopened through /proc/self/fd with the caller's flags. */
static int reopen(const struct tracee *t, int obj, const struct open_how *how)
{
	int flags = (int)how->flags;
	struct stat st;
	int fd, err = 0;
	if (fstat(obj, &st) < 0) {
		err = -errno;
	} else if ((flags & O_CREAT) && (flags & O_EXCL)) {
		err = -EEXIST;
	} else if ((flags & O_DIRECTORY) && !S_ISDIR(st.st_mode)) {
		err = -ENOTDIR;
	} else if (flags & O_PATH) {
		return obj;
	} else if (S_ISLNK(st.st_mode)) {
		err = -ELOOP;
	} else {
		/* judged before it is opened: O_TRUNC must not reach it */
		err = fs_object_allowed(t, obj, flags, false);
	}
	if (err) {
		close(obj);
		return err;
	}
	if (S_ISCHR(st.st_mode) && st.st_rdev == makedev(5, 0)) {
		close(obj);
		return open_ctty(t, flags);
	}
	bool waits = !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode); /* a FIFO or a device */
	bool at_cap = waits && !notify_block_begin();
	do {
		if ((flags & O_TMPFILE) == O_TMPFILE) {
			fd = openat(obj, ".", (flags & ~O_CLOEXEC) | O_CLOEXEC, (mode_t)how->mode);
		} else {
			char link[64];
			snprintf(link, sizeof(link), "/proc/self/fd/%d", obj);
			fd = open(link, (flags & ~(O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC)) | O_CLOEXEC | O_NOCTTY |
						(at_cap ? O_NONBLOCK : 0));
		}
	} while (fd < 0 && errno == EINTR && waits && notify_still_valid());
	err = fd < 0 ? -errno : 0;
	if (waits)
		notify_block_end();
	if (at_cap) {
		errno = -err;
		fd = err = open_at_cap(fd, flags);
	}
	close(obj);
	return fd < 0 ? err : fd;
}

/* A new file in the directory of the name (which did not exist, or has a
 * trailing slash): parent resolved and judged as an object, then one name
 * created in it. A trailing slash is the kernel's EISDIR, once the
 * directories before it resolve. */
static int create_in_parent(const struct tracee *t, int dirfd, const char *path, const struct open_how *how,
			    bool rooted)
{
	char parent[PATH_MAX], last[NAME_MAX + 1];
	bool slash;
	int err = path_split_last(path, parent, sizeof(parent), last, sizeof(last), &slash);
	if (err)
		return err;
	if (last[0] == '\0')
		return -EISDIR;
	int pfd = proc_hide_open(t, dirfd, parent[0] ? parent : ".", true);
	if (pfd < 0)
		return pfd;
	if (slash) {
		close(pfd);
		return -EISDIR;
	}
	err = fs_object_allowed(t, pfd, O_RDONLY, false);
	if (err) {
		close(pfd);
		return err;
	}
	struct open_how h = *how;
	h.flags |= O_CLOEXEC | ((h.flags & O_PATH) ? 0 : O_NOCTTY);
	/* in a jail with its own root, the one name may not lead out */
	h.resolve = RESOLVE_NO_MAGICLINKS | (rooted ? RESOLVE_BENEATH : 0);
	bool at_cap = !notify_block_begin();
	if (at_cap)
		h.flags |= O_NONBLOCK;
	long fd;
	do
		fd = syscall(SYS_openat2, pfd, last, &h, sizeof(h));
	while (fd < 0 && errno == EINTR && notify_still_valid());
	err = fd < 0 ? -errno : 0;
	notify_block_end();
	if (at_cap) {
		errno = -err;
		fd = err = open_at_cap((int)fd, (int)how->flags);
	}
	close(pfd);
	return fd < 0 ? err : (int)fd;
}

/* Where the kernel cannot confine the walk to a root (the host's /proc and
 * /dev in a jail with a root; everything at the host's /): the object is
 * resolved and judged first (O_PATH), then reopened. */
static int open_judged(const struct tracee *t, int dirfd, const char *path, const struct open_how *how,
		       bool rooted)
{
	uint64_t flags = how->flags;
	bool follow = !(flags & O_NOFOLLOW) && !((flags & O_CREAT) && (flags & O_EXCL));
	int obj;
	if (how->resolve) {
		/* the caller's own resolve flags, followed by the guard's own
		 * walk: the kernel never walks the caller's path (its ".." could
		 * pass through a hidden process's directory, a swapped symlink
		 * between two walks leading there) */
		obj = proc_hide_open_resolve(t, dirfd, path, follow, how->resolve);
		if (obj >= 0 && (flags & O_DIRECTORY)) {
			struct stat st;
			if (fstat(obj, &st) == 0 && !S_ISDIR(st.st_mode)) {
				close(obj);
				return -ENOTDIR;
			}
		}
		if (obj >= 0) {
			int err = fs_object_allowed(t, obj, O_RDONLY, false);
			if (err) {
				close(obj);
				return err;
			}
		}
	} else if ((flags & O_CREAT) && path[strlen(path) - 1] == '/') {
		return create_in_parent(t, dirfd, path, how, rooted);
	} else {
		obj = proc_hide_open(t, dirfd, path, follow);
	}
	if (obj == -ENOENT && (flags & O_CREAT) && !how->resolve)
		return create_in_parent(t, dirfd, path, how, rooted);
	if (obj < 0)
		return obj;
	return reopen(t, obj, how);
}

/* In a jail with its own root, /proc's links (self, thread-self; a
 * process's cwd, root, exe, fd/N, map_files/X, ns/X) are followed by
 * rewriting the path: under RESOLVE_NO_SYMLINKS or RESOLVE_NO_MAGICLINKS,
 * does the absolute path follow one (the kernel's ELOOP)? procfs fixes
 * these names, so they tell. */
static bool refuses_proc_link(const char *path, const struct open_how *how)
{
	bool no_symlinks = how->resolve & RESOLVE_NO_SYMLINKS;
	if (!(how->resolve & (RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS)) || strncmp(path, "/proc/", 6) != 0)
		return false;
	bool follow_last = !(how->flags & O_NOFOLLOW);
	char comp[8][NAME_MAX + 1];
	int n = 0;
	for (const char *p = path + 6; *p && n < 8;) {
		size_t l = strcspn(p, "/");
		if (l && l <= NAME_MAX) {
			memcpy(comp[n], p, l);
			comp[n++][l] = '\0';
		}
		p += l;
		p += strspn(p, "/");
	}
	if (n == 0)
		return false;
	bool self = strcmp(comp[0], "self") == 0 || strcmp(comp[0], "thread-self") == 0;
	if (self && no_symlinks && (n > 1 || follow_last))
		return true;
	int i = 1;
	if (i + 1 < n && strcmp(comp[i], "task") == 0)
		i += 2;
	if (i >= n)
		return false;
	bool last = i == n - 1;
	if ((!strcmp(comp[i], "cwd") || !strcmp(comp[i], "root") || !strcmp(comp[i], "exe")) && (!last || follow_last))
		return true;
	bool dir_of_links = !strcmp(comp[i], "fd") || !strcmp(comp[i], "map_files") || !strcmp(comp[i], "ns");
	return dir_of_links && i + 1 < n && (i + 1 < n - 1 || follow_last);
}

/* The whole open, as t, of path relative to dirfd: a descriptor or -errno. */
static int open_object(struct tracee *t, int dirfd, const char *path, const struct open_how *how)
{
	bool rooted = t->root && strcmp(t->root->host, "/") != 0;
	if (path[0] == '\0')
		return -ENOENT;
	int fd = -1, err;
	bool in_root = false; /* resolved inside the root by the kernel */
	if (!rooted || (how->resolve & (RESOLVE_BENEATH | RESOLVE_IN_ROOT))) {
		/* the caller's own confinement to dirfd (inside the root), or
		 * no root to confine to */
		fd = open_judged(t, dirfd, path, how, rooted);
	} else {
		/* the one open may be of a FIFO */
		bool at_cap = !notify_block_begin();
		struct open_how nb = *how;
		if (at_cap)
			nb.flags |= O_NONBLOCK;
		do
			err = fs_guest_open_how(t, dirfd, path, &nb, &fd);
		while (err == -EINTR && notify_still_valid());
		notify_block_end();
		if (at_cap && err <= 0) {
			errno = -err;
			fd = open_at_cap(err ? -1 : fd, (int)how->flags);
			err = fd < 0 ? fd : 0;
		}
		if (err == -ENXIO && !(how->flags & O_PATH)) {
			/* the root's own /dev/tty node: the supervisor has no
			 * terminal, the caller may */
			struct open_how p = {.flags = O_PATH | (how->flags & O_NOFOLLOW)};
			int obj = -1;
			if (fs_guest_open_how(t, dirfd, path, &p, &obj) == 0) {
				bool tty = is_dev_tty(obj);
				close(obj);
				if (tty)
					return open_ctty(t, (int)how->flags);
			}
		}
		if (err == 1 && refuses_proc_link(path, how))
			return -ELOOP;
		if (err == 1) {
			/* the host's /proc or /dev: the supervisor's own walk,
			 * after the guest-to-host rewrite of self, root, cwd, fd */
			char host[PATH_MAX], guest[PATH_MAX];
			uint64_t flags = how->flags;
			enum fs_follow f = (flags & O_CREAT) && (flags & (O_EXCL | O_NOFOLLOW)) ? FS_PARENT
					   : (flags & O_NOFOLLOW)                            ? FS_NOFOLLOW
					   : (flags & O_CREAT)                               ? FS_FOLLOW_CREATE
											     : FS_FOLLOW;
			err = fs_guest_to_host(t, dirfd, path, f, host, sizeof(host));
			if (err)
				return err;
			if (path_within(t->root->host, host)) {
				err = fs_host_to_guest(t, host, guest, sizeof(guest));
				if (!err)
					err = fs_guest_open_how(t, AT_FDCWD, guest, how, &fd);
				if (err == 1)
					err = -EACCES;
				if (err)
					return err;
				in_root = true;
			} else {
				fd = open_judged(t, AT_FDCWD, host, how, rooted);
			}
		} else if (err) {
			return err;
		} else {
			in_root = true;
		}
	}
	if (fd < 0)
		return fd;
	if (!(how->flags & O_PATH) && is_dev_tty(fd)) {
		close(fd);
		return open_ctty(t, (int)how->flags);
	}
	err = proc_hide_fd(t, fd);
	if (!err && !(how->flags & O_PATH))
		err = fs_object_allowed(t, fd, (int)how->flags, in_root);
	if (err) {
		close(fd);
		return err;
	}
	return fd;
}

/* openat2's struct open_how, read once: sizes and unknown bits as the
 * kernel judges them. 0 or -errno. */
static int read_how(const struct syscall_stop *s, struct open_how *how)
{
	size_t size = (size_t)s->args[3];
	if (size < sizeof(*how))
		return -EINVAL;
	if (size > 4096)
		return -E2BIG;
	unsigned char buf[4096];
	if (mem_read(s->t->tid, s->args[2], buf, size))
		return -EFAULT;
	for (size_t i = sizeof(*how); i < size; i++)
		if (buf[i])
			return -E2BIG;
	memcpy(how, buf, sizeof(*how));
	if ((how->flags >> 32) || (how->flags & ~(uint64_t)VALID_FLAGS) || (how->resolve & ~(uint64_t)VALID_RESOLVE))
		return -EINVAL;
	if ((how->resolve & RESOLVE_BENEATH) && (how->resolve & RESOLVE_IN_ROOT))
		return -EINVAL;
	if (creates(how->flags) ? (how->mode & ~(uint64_t)07777) != 0 : how->mode != 0)
		return -EINVAL;
	if ((how->flags & O_PATH) && (how->flags & ~(uint64_t)PATH_FLAGS))
		return -EINVAL;
	if ((how->resolve & RESOLVE_CACHED) && (how->flags & (O_TRUNC | O_CREAT | O_TMPFILE)))
		return -EAGAIN;
	return 0;
}

enum action handle_open(struct syscall_stop *s)
{
	if (!s->notified) {
		/* an O_PATH open at a ptrace stop (handlers[].ptrace_if) */
		if (s->id == SC_open || s->id == SC_openat)
			return handle_opath(s);
		/* openat2 whose size has the bit the supervisor's injected
		 * calls use (caller_open.h): its struct would be read again by
		 * the kernel, so it cannot run checked here; as on a kernel
		 * without openat2 */
		if (s->id == SC_openat2) {
			s->retval = -ENOSYS;
			return ACT_RETURN;
		}
		return handle_path_ptrace(s);
	}
	int dirfd = AT_FDCWD;
	uint64_t path;
	struct open_how how = {0};
	int err = 0;
	if (s->id == SC_open) {
		path = s->args[0];
		how_of(s->args[1], s->args[2], &how);
	} else if (s->id == SC_creat) {
		path = s->args[0];
		how_of(O_CREAT | O_WRONLY | O_TRUNC, s->args[1], &how);
	} else if (s->id == SC_openat) {
		dirfd = (int)s->args[0];
		path = s->args[1];
		how_of(s->args[2], s->args[3], &how);
	} else if (s->id == SC_openat2) {
		dirfd = (int)s->args[0];
		path = s->args[1];
		err = read_how(s, &how);
		/* an O_PATH descriptor cannot be handed over (ADDFD refuses
		 * it): as on a kernel without openat2; callers then use openat,
		 * whose O_PATH form takes the ptrace route */
		if (!err && (how.flags & O_PATH))
			err = -ENOSYS;
	} else {
		s->retval = -ENOSYS;
		return ACT_RETURN;
	}
	char name[PATH_MAX];
	if (!err) {
		err = mem_read_string(s->t->tid, path, name, sizeof(name));
		if (err && err != -ENAMETOOLONG)
			err = -EFAULT;
	}
	/* what was read belongs to this call: the caller is still in it */
	if (!err && !notify_still_valid())
		err = -EINTR;
	/* a jailed tool asks for its jail's agent (policy/nest.h) */
	if (!err && (s->id == SC_open || s->id == SC_openat) && strcmp(name, NEST_CHANNEL_PATH) == 0) {
		int fd = nest_channel_open(s->t);
		if (fd >= 0) {
			s->fd = fd;
			s->fd_flags = (how.flags & O_CLOEXEC) ? O_CLOEXEC : 0;
			return ACT_FD;
		}
		err = fd;
	}
	if (!err)
		err = act_as_tracee(s->t, creates(how.flags));
	if (!err) {
		int fd = open_object(s->t, dirfd, name, &how);
		/* /etc/machine-id, /etc/hostid: host.hostuuid, host.hostid */
		fd = machine_id_view_open(s->t, dirfd, name, fd, (int)how.flags);
		act_as_done();
		/* /proc/<pid>/net/tcp and the like: the jail's own lines */
		if (fd >= 0)
			fd = proc_net_view_open(s->t, fd, (int)how.flags);
		/* /proc/sys/kernel/hostname and domainname: the jail's names */
		if (fd >= 0)
			fd = proc_sys_view_open(s->t, fd, (int)how.flags);
		/* the mount table: enforce_statfs */
		if (fd >= 0)
			fd = proc_mounts_view_open(s->t, fd, (int)how.flags);
		if (fd >= 0) {
			s->fd = fd;
			s->fd_flags = (how.flags & O_CLOEXEC) ? O_CLOEXEC : 0;
			return ACT_FD;
		}
		err = fd;
	}
	s->retval = err;
	return ACT_RETURN;
}
