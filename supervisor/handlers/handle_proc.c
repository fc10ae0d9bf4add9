/* SPDX-License-Identifier: BSD-2-Clause */
/* /proc shows only the jail's processes. Two halves:
 *
 * - Paths: a path that leads into a procfs is judged by
 *   fs/proc_hide.c (proc_hide_check). The syscall then runs on the
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

#include "../fs/dev_shm.h"
#include "../fs/dev_view.h"
#include "../fs/fs_root.h"
#include "handlers.h"
#include "../engine/memory.h"
#include "../engine/notify.h"
#include "../fs/path_table.h"
#include "../fs/proc_hide.h"
#include "../engine/procfs.h"
#include "../engine/scratch.h"
#include "../engine/tracee.h"
#include "visibility.h"


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
		proc_hide_chroot_seen();
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


/* Keeps the records of buf (len bytes) that keep(t, name, length) wants;
 * the new length. */
static size_t filter_records(const struct tracee *t, char *buf, size_t len,
			     bool (*keep)(const struct tracee *t, const char *name, size_t nl))
{
	size_t in = 0, out = 0;
	while (in < len) {
		struct dirent64_hdr *d = (struct dirent64_hdr *)(buf + in);
		unsigned short rl = d->d_reclen;
		if (rl == 0 || in + rl > len)
			break;
		if (keep(t, d->d_name, strlen(d->d_name))) {
			if (out != in)
				memmove(buf + out, buf + in, rl);
			out += rl;
		}
		in += rl;
	}
	return out;
}

/* A procfs root's entry the jail may see: no other process's pid, no file
 * that lists pids. */
static bool proc_root_shows(const struct tracee *t, const char *name, size_t nl)
{
	return (!proc_all_digits(name, nl) || nl >= 12 || vis_pid(t, (pid_t)atol(name))) &&
	       !proc_hide_lists_pids(name, nl);
}

#define DEVPTS_MAGIC 0x1cd1
#define MAX_OWN_PTYS 256

/* Is g (a descriptor of the supervisor's) the root of the host's devpts,
 * listed by a jail whose root has no /dev (it sees the host's /dev/pts)? */
static bool pts_root_of_jail(const struct tracee *t, int g)
{
	struct statfs sf;
	struct stat st;
	return t->root && t->root->host_dev && fstatfs(g, &sf) == 0 && sf.f_type == DEVPTS_MAGIC &&
	       fstat(g, &st) == 0 && S_ISDIR(st.st_mode) && st.st_ino == 1;
}

/* Keeps the records of a /dev/pts listing (buf, len bytes) that name a pty
 * of the jail's own (dev_view.h) or no pty (., .., ptmx); the new length. */
static size_t filter_pts_root(const long *own, int nown, char *buf, size_t len)
{
	size_t in = 0, out = 0;
	while (in < len) {
		struct dirent64_hdr *d = (struct dirent64_hdr *)(buf + in);
		unsigned short rl = d->d_reclen;
		if (rl == 0 || in + rl > len)
			break;
		size_t nl = strlen(d->d_name);
		bool keep = !proc_all_digits(d->d_name, nl);
		if (!keep && nl < 12) {
			long idx = atol(d->d_name);
			for (int i = 0; i < nown && !keep; i++)
				keep = own[i] == idx;
		}
		if (keep) {
			if (out != in)
				memmove(buf + out, buf + in, rl);
			out += rl;
		}
		in += rl;
	}
	return out;
}

/* Is g the host's /dev, listed by a jail with mount.devfs (its /dev)? */
static bool dev_root_of_jail(const struct tracee *t, int g)
{
	struct stat st, dev;
	return t->root && t->root->dev_own && fstat(g, &st) == 0 && stat("/dev", &dev) == 0 &&
	       st.st_dev == dev.st_dev && st.st_ino == dev.st_ino;
}

/* A /dev entry the jail's ruleset shows (fs_dev_shows), its own /dev/shm,
 * "." and "..". */
static bool dev_root_shows(const struct tracee *t, const char *name, size_t nl)
{
	return strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || fs_dev_shows(t->root, name, nl) ||
	       (strcmp(name, "shm") == 0 && dev_shm_root());
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
	if (g == -EBADF && s->notified) {
		s->retval = -EBADF; /* the answer the kernel would give */
		return ACT_RETURN;
	}
	if (g == -EBADF)
		return ACT_CONTINUE; /* not a descriptor of the tracee: the kernel says so */
	if (g < 0 && s->notified) {
		/* never CONTINUE from a notification: another thread could put
		 * a procfs root at that number before the kernel reads it */
		s->retval = g;
		return ACT_RETURN;
	}
	if (g < 0) {
		/* cannot take it: never let a procfs root be read unfiltered */
		char link[64];
		struct statfs sf;
		struct stat st;
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)s->t->tid, fd);
		/* nor the host's /dev/pts in a root without /dev */
		if (s->t->root && s->t->root->host_dev && statfs(link, &sf) == 0 && sf.f_type == DEVPTS_MAGIC) {
			s->retval = g;
			return ACT_RETURN;
		}
		/* nor the host's /dev of a jail with mount.devfs */
		struct stat dev;
		if (s->t->root && s->t->root->dev_own && stat(link, &st) == 0 && stat("/dev", &dev) == 0 &&
		    st.st_dev == dev.st_dev && st.st_ino == dev.st_ino) {
			s->retval = g;
			return ACT_RETURN;
		}
		if (statfs(link, &sf) == 0 && sf.f_type != PROC_SUPER_MAGIC)
			return ACT_CONTINUE;
		if (statfs(link, &sf) == 0 && stat(link, &st) == 0 && st.st_ino != PROC_ROOT_INO)
			return ACT_CONTINUE;
		s->retval = g;
		return ACT_RETURN;
	}
	bool proc_root = proc_is_fd_proc_root(g);
	bool pts_root = !proc_root && pts_root_of_jail(s->t, g);
	bool dev_root = !proc_root && !pts_root && dev_root_of_jail(s->t, g);
	bool native64 = s->id == SC_getdents64 && s->abi == abi_supported[0];
	if (!proc_root && !pts_root && !dev_root && !native64) {
		close(g);
		return ACT_CONTINUE; /* a ptrace stop (other ABIs are not notified) */
	}
	/* the offset moves below: only for a caller still in the call */
	if (s->notified && !notify_still_valid()) {
		close(g);
		s->retval = -EINTR;
		return ACT_RETURN;
	}
	/* the ptys the jail may see, once per call (a walk of its descriptors) */
	long own[MAX_OWN_PTYS];
	int nown = pts_root ? dev_view_own_ptys(s->t, own, MAX_OWN_PTYS) : 0;
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
			ret = (long)filter_records(s->t, buf, got, proc_root_shows);
		else if (pts_root)
			ret = (long)filter_pts_root(own, nown, buf, got);
		else if (dev_root)
			ret = (long)filter_records(s->t, buf, got, dev_root_shows);
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
