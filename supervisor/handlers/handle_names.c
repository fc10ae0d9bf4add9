/* SPDX-License-Identifier: BSD-2-Clause */
/* Calls that make, remove or rename names: mkdir, mknod, rmdir, unlink,
 * rename, link, symlink and their *at forms, served from user
 * notification. Each path's directory is resolved once, by the kernel,
 * into a supervisor descriptor (path_object: inside the root, or as the
 * /proc guard judges it at the host's /), and the call runs as its *at
 * form on that descriptor and the last component, with the caller's
 * credentials and umask. The kernel then looks up one component in a
 * directory already checked, and never follows a symlink there for these
 * calls: no name is walked again after the check (docs/engine.md). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../engine/memory.h"
#include "../engine/notify.h"
#include "../engine/tracee.h"
#include "../fs/fs_root.h"
#include "act_as.h"
#include "handlers.h"
#include "path_object.h"

/* A path split into its directory (resolved by path_object) and the last
 * component, which keeps its trailing slashes: the kernel applies their
 * rules (a directory is meant) without following a symlink there for the
 * calls here. */
struct name {
	int dirfd; /* the supervisor's descriptor of the directory, or -1 */
	char last[PATH_MAX];
	bool trailing_slash;
	bool is_root; /* the name was "/" (slashes only) */
};

static void name_close(struct name *n)
{
	if (n->dirfd >= 0)
		close(n->dirfd);
	n->dirfd = -1;
}

/* Resolves path (of the caller, relative to dirfd) into n. */
static int name_of(struct syscall_stop *s, int dirfd, uint64_t addr, struct name *n)
{
	n->dirfd = -1;
	n->is_root = false;
	char path[PATH_MAX], dir[PATH_MAX];
	int err = mem_read_string(s->t->tid, addr, path, sizeof(path));
	if (err)
		return err == -ENAMETOOLONG ? err : -EFAULT;
	if (path[0] == '\0')
		return -ENOENT;
	size_t end = strlen(path);
	while (end > 1 && path[end - 1] == '/')
		end--;
	n->trailing_slash = path[end] == '/';
	size_t start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	if (start == end) {
		/* slashes only: "/" itself, a directory that is there and
		 * cannot go (mkdir EEXIST, unlink EISDIR; rmdir and rename
		 * EBUSY: run()) */
		snprintf(dir, sizeof(dir), "/");
		snprintf(n->last, sizeof(n->last), ".");
		n->is_root = true;
	} else {
		snprintf(n->last, sizeof(n->last), "%s", path + start);
		if (start == 0)
			snprintf(dir, sizeof(dir), ".");
		else
			snprintf(dir, sizeof(dir), "%.*s", (int)start, path);
	}
	/* too long for the kernel as a host path under the root: as on an
	 * equivalent tree outside the jail (stat and open answer the same) */
	char abs[PATH_MAX];
	const struct fs_root *in;
	if (s->t->root && fs_guest_in_root(s->t, dirfd, path, abs, sizeof(abs), &in) == 0 &&
	    strlen(in->host) + strlen(abs) >= PATH_MAX)
		return -ENAMETOOLONG;
	int fd = path_object(s->t, dirfd, dir, 0, true, true);
	if (fd < 0)
		return fd;
	n->dirfd = fd;
	return 0;
}

enum kind { MKDIR, MKNOD, RMDIR, UNLINK, RENAME, LINK, SYMLINK };

struct call {
	enum kind kind;
	int dir1;        /* dirfd of the (first) path */
	uint64_t path1;
	int dir2;        /* rename, link: the new name; symlink: its place */
	uint64_t path2;
	uint64_t target; /* symlink: the link's contents */
	unsigned mode, flags;
	uint64_t dev;
};

/* The call's arguments, by syscall. false if not one of ours. */
static bool decode(const struct syscall_stop *s, struct call *c)
{
	const uint64_t *a = s->args;
	int cwd = AT_FDCWD;
	*c = (struct call){.dir1 = cwd, .dir2 = cwd};
	switch ((int)s->id) {
	case SC_mkdir: *c = (struct call){MKDIR, cwd, a[0], cwd, 0, 0, (unsigned)a[1], 0, 0}; break;
	case SC_mkdirat: *c = (struct call){MKDIR, (int)a[0], a[1], cwd, 0, 0, (unsigned)a[2], 0, 0}; break;
	case SC_mknod: *c = (struct call){MKNOD, cwd, a[0], cwd, 0, 0, (unsigned)a[1], 0, a[2]}; break;
	case SC_mknodat: *c = (struct call){MKNOD, (int)a[0], a[1], cwd, 0, 0, (unsigned)a[2], 0, a[3]}; break;
	case SC_rmdir: *c = (struct call){RMDIR, cwd, a[0], cwd, 0, 0, 0, AT_REMOVEDIR, 0}; break;
	case SC_unlink: *c = (struct call){UNLINK, cwd, a[0], cwd, 0, 0, 0, 0, 0}; break;
	case SC_unlinkat:
		*c = (struct call){(a[2] & AT_REMOVEDIR) ? RMDIR : UNLINK, (int)a[0], a[1], cwd, 0, 0, 0, (unsigned)a[2], 0};
		break;
	case SC_rename: *c = (struct call){RENAME, cwd, a[0], cwd, a[1], 0, 0, 0, 0}; break;
	case SC_renameat: *c = (struct call){RENAME, (int)a[0], a[1], (int)a[2], a[3], 0, 0, 0, 0}; break;
	case SC_renameat2: *c = (struct call){RENAME, (int)a[0], a[1], (int)a[2], a[3], 0, 0, (unsigned)a[4], 0}; break;
	case SC_link: *c = (struct call){LINK, cwd, a[0], cwd, a[1], 0, 0, 0, 0}; break;
	case SC_linkat: *c = (struct call){LINK, (int)a[0], a[1], (int)a[2], a[3], 0, 0, (unsigned)a[4], 0}; break;
	case SC_symlink: *c = (struct call){SYMLINK, cwd, 0, cwd, a[1], a[0], 0, 0, 0}; break;
	case SC_symlinkat: *c = (struct call){SYMLINK, cwd, 0, (int)a[1], a[2], a[0], 0, 0, 0}; break;
	default: return false;
	}
	return true;
}

/* link's old name with a trailing slash would make the kernel follow a
 * symlink there, outside the check: the answer without it (a directory
 * cannot be linked, anything else is not a directory). */
static int link_old_with_slash(struct syscall_stop *s, const struct call *c)
{
	char path[PATH_MAX];
	if (mem_read_string(s->t->tid, c->path1, path, sizeof(path)))
		return -EFAULT;
	int fd = path_object(s->t, c->dir1, path, 0, true, false);
	if (fd < 0)
		return fd;
	struct stat st;
	int err = fstat(fd, &st) == 0 && S_ISDIR(st.st_mode) ? -EPERM : -ENOTDIR;
	close(fd);
	return err;
}

static long run(struct syscall_stop *s, const struct call *c)
{
	struct name a = {.dirfd = -1}, b = {.dirfd = -1};
	char target[PATH_MAX];
	long ret;
	int err = 0;
	if (c->kind == SYMLINK) {
		err = mem_read_string(s->t->tid, c->target, target, sizeof(target));
		if (err)
			return err == -ENAMETOOLONG ? err : -EFAULT;
		if (target[0] == '\0')
			return -ENOENT;
	}
	if (c->kind == LINK && (c->flags & ~(unsigned)(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)))
		return -EINVAL;
	bool follow_old = c->kind == LINK && (c->flags & AT_SYMLINK_FOLLOW);
	bool empty_old = false; /* linkat(fd, "", ..., AT_EMPTY_PATH) */
	char old[PATH_MAX];
	if (c->kind == LINK && (c->flags & (AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))) {
		int e = mem_read_string(s->t->tid, c->path1, old, sizeof(old));
		if (e)
			return e == -ENAMETOOLONG ? e : -EFAULT;
		/* with a name, AT_EMPTY_PATH means nothing */
		empty_old = (c->flags & AT_EMPTY_PATH) && old[0] == '\0';
	}
	if (follow_old || empty_old) {
		/* the old name's object itself, followed inside the root, or
		 * the caller's descriptor's object. It is linked through the
		 * supervisor's /proc/self/fd link, as the kernel lets anyone
		 * link an open file (the kernel's own AT_EMPTY_PATH rule looks
		 * at who opened the file: here the supervisor opens them) */
		a.dirfd = path_object(s->t, c->dir1, old, empty_old ? AT_EMPTY_PATH : 0, true, false);
		if (a.dirfd < 0)
			return a.dirfd;
		snprintf(a.last, sizeof(a.last), "/proc/self/fd/%d", a.dirfd);
	} else if (c->kind != SYMLINK && (err = name_of(s, c->dir1, c->path1, &a))) {
		return err;
	}
	if ((c->kind == RENAME || c->kind == LINK || c->kind == SYMLINK) && (err = name_of(s, c->dir2, c->path2, &b))) {
		name_close(&a);
		return err;
	}
	if (c->kind == LINK && !follow_old && !empty_old && a.trailing_slash) {
		ret = link_old_with_slash(s, c);
		goto out;
	}
	/* what was read belongs to this call: the caller is still in it */
	if (!notify_still_valid()) {
		ret = -EINTR;
		goto out;
	}
	if (((c->kind == RMDIR || (c->kind == UNLINK && (c->flags & AT_REMOVEDIR))) && a.is_root) ||
	    (c->kind == RENAME && (a.is_root || b.is_root))) {
		ret = -EBUSY; /* the kernel's for the root (LAST_ROOT) */
		goto out;
	}
	switch (c->kind) {
	case MKDIR: ret = mkdirat(a.dirfd, a.last, (mode_t)c->mode); break;
	case MKNOD: ret = mknodat(a.dirfd, a.last, (mode_t)c->mode, (dev_t)c->dev); break;
	case RMDIR:
	case UNLINK: ret = unlinkat(a.dirfd, a.last, (int)c->flags); break;
	case RENAME: ret = syscall(SYS_renameat2, a.dirfd, a.last, b.dirfd, b.last, c->flags); break;
	case LINK:
		/* followed: the supervisor's descriptor of the object, through
		 * its own /proc/self/fd link (as the kernel lets anyone link an
		 * O_TMPFILE file) */
		ret = follow_old || empty_old
			      ? linkat(AT_FDCWD, a.last, b.dirfd, b.last, AT_SYMLINK_FOLLOW)
			      : linkat(a.dirfd, a.last, b.dirfd, b.last, (int)(c->flags & ~(unsigned)AT_EMPTY_PATH));
		break;
	case SYMLINK: ret = symlinkat(target, b.dirfd, b.last); break;
	default: ret = -1, errno = ENOSYS; break;
	}
	if (ret < 0)
		ret = -errno;
out:
	name_close(&a);
	name_close(&b);
	return ret;
}

enum action handle_names(struct syscall_stop *s)
{
	if (!s->notified)
		return handle_path_ptrace(s); /* another ABI's layout */
	struct call c;
	if (!decode(s, &c)) {
		s->retval = -ENOSYS;
		return ACT_RETURN;
	}
	bool creates = c.kind == MKDIR || c.kind == MKNOD || c.kind == SYMLINK;
	int err = act_as_tracee(s->t, creates);
	if (err) {
		s->retval = err;
		return ACT_RETURN;
	}
	s->retval = run(s, &c);
	act_as_done();
	return ACT_RETURN;
}
