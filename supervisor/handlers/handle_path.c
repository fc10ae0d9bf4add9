/* SPDX-License-Identifier: BSD-2-Clause */
/* Path confinement: every path argument is translated from the jail's view
 * (guest) to the host's at the seccomp stop, written to the scratch area,
 * and the syscall runs on it (fs_root.c does the resolution). Outputs that
 * hold host paths (getcwd, readlink of /proc magic links) are emulated in
 * the guest's terms. chroot(2) is emulated: it changes the root the
 * supervisor resolves in. */
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <signal.h>
#include <unistd.h>

#include "../fs/fs_root.h"
#include "act_as.h"
#include "caller_open.h"
#include "handlers.h"
#include "../engine/inject.h"
#include "../engine/memory.h"
#include "../engine/notify.h"
#include "../fs/path_table.h"
#include "../fs/proc_hide.h"
#include "../engine/procfs.h"
#include "../engine/scratch.h"
#include "../engine/tracee.h"
#include "../../policy/path.h"

#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452 /* Linux 6.6; newer than Debian 12's headers */
#endif

#define SLOT_PATH(i) ((size_t)(i) * PATH_MAX)

/* O_CREAT|O_EXCL (EEXIST on any symlink) and O_CREAT|O_NOFOLLOW (ELOOP on
 * one) never follow the last name: the kernel decides on it. */
static enum fs_follow open_follow(uint64_t flags)
{
	if ((flags & O_CREAT) && (flags & (O_EXCL | O_NOFOLLOW)))
		return FS_PARENT;
	if (flags & O_NOFOLLOW)
		return FS_NOFOLLOW;
	return (flags & O_CREAT) ? FS_FOLLOW_CREATE : FS_FOLLOW;
}

static enum fs_follow follow_of(const struct path_spec *ps, int rule, const struct syscall_stop *s)
{
	uint64_t flags = ps->flags >= 0 ? s->args[ps->flags] : 0;
	switch ((enum path_follow_rule)rule) {
	case PF_NOFOLLOW:
		return FS_NOFOLLOW;
	case PF_PARENT:
		return FS_PARENT;
	case PF_AT_NOFOLLOW:
		return (flags & AT_SYMLINK_NOFOLLOW) ? FS_NOFOLLOW : FS_FOLLOW;
	case PF_AT_FOLLOW:
		return (flags & AT_SYMLINK_FOLLOW) ? FS_FOLLOW : FS_NOFOLLOW;
	case PF_OPEN:
		return open_follow(flags);
	case PF_CREAT:
		return FS_FOLLOW_CREATE;
	case PF_INOTIFY:
		return (flags & IN_DONT_FOLLOW) ? FS_NOFOLLOW : FS_FOLLOW;
	case PF_FOLLOW:
	case PF_NONE:
	default:
		return FS_FOLLOW;
	}
}

/* Reads the path at addr of t; 0 or -errno. */
static int read_path(struct tracee *t, uint64_t addr, char *buf)
{
	int err = mem_read_string(t->tid, addr, buf, PATH_MAX);
	return err == -ENAMETOOLONG ? -ENAMETOOLONG : err ? -EFAULT : 0;
}

/* rmdir of "/", "x/.." or "x/.": the kernel's errors for those last
 * components (the host path it gets names the directory as "D/."). */
static int rmdir_last_error(const char *guest)
{
	size_t end = strlen(guest);
	while (end > 0 && guest[end - 1] == '/')
		end--;
	if (end == 0)
		return guest[0] == '/' ? -EBUSY : 0;
	size_t start = end;
	while (start > 0 && guest[start - 1] != '/')
		start--;
	if (end - start == 2 && guest[start] == '.' && guest[start + 1] == '.')
		return -ENOTEMPTY;
	if (end - start == 1 && guest[start] == '.')
		return -EINVAL;
	return 0;
}

/* Translates path slot i in place: s->args then points into the scratch area. */
static int translate_slot(struct syscall_stop *s, const struct path_spec *ps, int i, unsigned *changed)
{
	const struct path_slot *sl = &ps->slot[i];
	uint64_t addr = s->args[sl->path];
	if (addr == 0 && ps->null_ok)
		return 0;
	char guest[PATH_MAX], host[PATH_MAX];
	int err = read_path(s->t, addr, guest);
	if (err)
		return err;
	if (guest[0] == '\0') {
		if (ps->empty_ok && ps->flags >= 0 && (s->args[ps->flags] & AT_EMPTY_PATH))
			return 0; /* the descriptor itself */
		return -ENOENT;
	}
	int dirfd = sl->dirfd >= 0 ? (int)s->args[sl->dirfd] : AT_FDCWD;
	err = fs_guest_to_host(s->t, dirfd, guest, follow_of(ps, sl->rule, s), host, sizeof(host));
	if (err)
		return err;
	if (s->id == SC_rmdir || (s->id == SC_unlinkat && (s->args[2] & AT_REMOVEDIR))) {
		err = rmdir_last_error(guest);
		if (err)
			return err;
	}
	uint64_t where;
	err = scratch_put(s->t, SLOT_PATH(i), host, strlen(host) + 1, &where);
	if (err)
		return err;
	s->args[sl->path] = where;
	*changed |= 1u << sl->path;
	return 0;
}

/* The credentials that decide path lookups and attribute changes, from
 * /proc/<tid>/status (or the supervisor's own with tid 0): every uid and
 * gid, the supplementary groups, and the capabilities that override file
 * permissions. */
struct lookup_creds {
	char uid[64], gid[64], groups[2048];
	unsigned long long caps;
};

#define LOOKUP_CAPS                                                                               \
	((1ULL << CAP_CHOWN) | (1ULL << CAP_DAC_OVERRIDE) | (1ULL << CAP_DAC_READ_SEARCH) |       \
	 (1ULL << CAP_FOWNER) | (1ULL << CAP_FSETID))

static int read_lookup_creds(pid_t tid, struct lookup_creds *c)
{
	char path[64], line[4096];
	if (tid)
		snprintf(path, sizeof(path), "/proc/%d/status", tid);
	else
		snprintf(path, sizeof(path), "/proc/thread-self/status");
	FILE *f = fopen(path, "re");
	if (!f)
		return -errno;
	int found = 0;
	memset(c, 0, sizeof(*c));
	while (fgets(line, sizeof(line), f)) {
		char *v = strchr(line, ':');
		if (!v)
			continue;
		*v++ = '\0';
		v += strspn(v, " \t");
		if (strcmp(line, "Uid") == 0)
			found |= 1, snprintf(c->uid, sizeof(c->uid), "%s", v);
		else if (strcmp(line, "Gid") == 0)
			found |= 2, snprintf(c->gid, sizeof(c->gid), "%s", v);
		else if (strcmp(line, "Groups") == 0 && strlen(v) < sizeof(c->groups) - 1)
			found |= 4, snprintf(c->groups, sizeof(c->groups), "%s", v); /* else: other */
		else if (strcmp(line, "CapEff") == 0)
			found |= 8, c->caps = strtoull(v, NULL, 16) & LOOKUP_CAPS;
	}
	fclose(f);
	return found == 15 ? 0 : -EIO;
}

/* Does the supervisor look names up with the tracee's rights? Checked in
 * /proc once per thread, again after exec and set*id/setgroups/capset.
 * Run by a normal user, a jailed process has the supervisor's
 * credentials; run by root, the jail's root (uid 0 with CAP_CHOWN,
 * CAP_DAC_*, CAP_FOWNER, CAP_FSETID) has the same rights in lookups until
 * it changes its credentials. jexec -U enters with other credentials. */
static bool lookups_as_tracee(struct tracee *t)
{
	static struct lookup_creds self;
	static int have_self = -1;
	if (have_self < 0)
		have_self = read_lookup_creds(0, &self) == 0;
	if (t->creds == CREDS_UNKNOWN) {
		struct lookup_creds c;
		bool same = have_self && read_lookup_creds(t->tid, &c) == 0 &&
			    strcmp(c.uid, self.uid) == 0 && strcmp(c.gid, self.gid) == 0 &&
			    strcmp(c.groups, self.groups) == 0 && c.caps == self.caps;
		t->creds = same ? CREDS_SAME : CREDS_OTHER;
	}
	return t->creds == CREDS_SAME;
}

/* set*id, setgroups, capset: the thread's credentials are checked again
 * before the supervisor next looks a name up for it. */
enum action handle_creds_change(struct syscall_stop *s)
{
	tracee_forget_creds(s->t);
	return ACT_CONTINUE;
}

/* For the calls the supervisor does itself on the tracee's behalf: opens
 * (O_PATH) the object that path (relative to dirfd, flags' AT_EMPTY_PATH
 * and AT_SYMLINK_NOFOLLOW) names in the tracee's root. 0 with *fd, -errno,
 * or 1: the kernel should run the call as it is (the descriptor itself, or
 * fs_guest_open's own 1). */
static int open_guest_object(struct syscall_stop *s, int dirfd, uint64_t path, int flags, int *fd)
{
	char guest[PATH_MAX];
	int err = read_path(s->t, path, guest);
	if (err)
		return err;
	if (guest[0] == '\0' && (flags & AT_EMPTY_PATH))
		return 1;
	return fs_guest_open(s->t, dirfd, guest, !(flags & AT_SYMLINK_NOFOLLOW), fd);
}

/* stat, lstat, newfstatat and statx on a name inside the root are answered
 * from the supervisor's own descriptor of what the kernel resolved inside
 * the root: no window between the check and the use, so a rename or symlink
 * race cannot show a host file's metadata (Landlock does not cover stat).
 * Returns false to translate the name instead (a descriptor's own stat, a
 * host /proc or /dev name, a layout this supervisor does not share). */
static bool stat_emulated(struct syscall_stop *s)
{
	int dirfd = AT_FDCWD, flags = 0;
	uint64_t path, buf, mask = 0;
	bool is_statx = s->id == SC_statx;
	bool native = s->abi == abi_supported[0];
	if (s->id == SC_stat && native) {
		path = s->args[0], buf = s->args[1];
	} else if (s->id == SC_lstat && native) {
		path = s->args[0], buf = s->args[1], flags = AT_SYMLINK_NOFOLLOW;
	} else if (s->id == SC_newfstatat && native) {
		dirfd = (int)s->args[0], path = s->args[1], buf = s->args[2], flags = (int)s->args[3];
	} else if (is_statx) {
		dirfd = (int)s->args[0], path = s->args[1], flags = (int)s->args[2];
		mask = (unsigned)s->args[3], buf = s->args[4];
	} else {
		return false;
	}
	int known = AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT |
		    (is_statx ? AT_STATX_SYNC_TYPE : 0);
	if ((flags & ~known) || !lookups_as_tracee(s->t) || path == 0)
		return false; /* the kernel's EINVAL; another's permissions; fstat */
	int fd = -1;
	int err = open_guest_object(s, dirfd, path, flags, &fd);
	if (err == 1)
		return false;
	if (!err) {
		if (is_statx) {
			struct statx stx;
			if (statx(fd, "", AT_EMPTY_PATH | (flags & AT_STATX_SYNC_TYPE), (unsigned)mask, &stx) < 0)
				err = -errno;
			else if (mem_write(s->t->tid, buf, &stx, sizeof(stx)))
				err = -EFAULT;
		} else {
			struct stat st;
			if (fstatat(fd, "", &st, AT_EMPTY_PATH) < 0)
				err = -errno;
			else if (mem_write(s->t->tid, buf, &st, sizeof(st)))
				err = -EFAULT;
		}
		close(fd);
	}
	s->retval = err;
	return true;
}

/* chmod and chown on a name inside the root act on the supervisor's
 * descriptor of what the kernel resolved inside the root, for the same
 * reason as stat: Landlock does not govern them, and a rename race must
 * not change a host file's mode or owner. Returns false to translate. */
static bool attr_emulated(struct syscall_stop *s)
{
	int dirfd = AT_FDCWD, flags = 0, path_arg;
	bool native = s->abi == abi_supported[0], is_chown = true;
	enum sc_id id = s->id;
	if (id == SC_chmod || id == SC_fchmodat || id == SC_fchmodat2) {
		is_chown = false;
		path_arg = id == SC_chmod ? 0 : 1;
		if (id != SC_chmod)
			dirfd = (int)s->args[0];
		if (id == SC_fchmodat2)
			flags = (int)s->args[3];
	} else if (((id == SC_chown || id == SC_lchown) && native) || id == SC_chown32 ||
		   id == SC_lchown32) {
		path_arg = 0;
		if (id == SC_lchown || id == SC_lchown32)
			flags = AT_SYMLINK_NOFOLLOW;
	} else if (id == SC_fchownat) {
		dirfd = (int)s->args[0], path_arg = 1, flags = (int)s->args[4];
	} else {
		return false;
	}
	if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) || !lookups_as_tracee(s->t) ||
	    s->args[path_arg] == 0)
		return false;
	char guest[PATH_MAX];
	int err = read_path(s->t, s->args[path_arg], guest);
	if (!err && guest[0] == '\0' && (flags & AT_EMPTY_PATH))
		return false; /* the descriptor itself */
	int fd = -1;
	if (!err)
		err = fs_guest_open(s->t, dirfd, guest, !(flags & AT_SYMLINK_NOFOLLOW), &fd);
	if (err == 1)
		return false;
	if (!err) {
		long rc;
		if (is_chown)
			rc = fchownat(fd, "", (uid_t)s->args[path_arg + 1], (gid_t)s->args[path_arg + 2],
				      AT_EMPTY_PATH);
		else
			rc = syscall(SYS_fchmodat2, fd, "", (mode_t)s->args[path_arg + 1], AT_EMPTY_PATH);
		err = rc < 0 ? -errno : 0;
		close(fd);
	}
	s->retval = err;
	return true;
}

/* access, faccessat, faccessat2 and utimensat: as attr_emulated (existence
 * and permissions are metadata; times are written). Returns false to
 * translate. */
static bool access_times_emulated(struct syscall_stop *s)
{
	int dirfd = AT_FDCWD, flags = 0, known = AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH;
	uint64_t path;
	enum sc_id id = s->id;
	bool times = false;
	if (id == SC_access) {
		path = s->args[0];
	} else if (id == SC_faccessat || id == SC_faccessat2) {
		dirfd = (int)s->args[0], path = s->args[1];
		flags = id == SC_faccessat2 ? (int)s->args[3] : 0;
		known |= AT_EACCESS;
	} else if ((id == SC_utimensat && s->abi == abi_supported[0]) ||
		   (id == SC_utimensat_time64 && s->abi->word_size == 4)) {
		dirfd = (int)s->args[0], path = s->args[1], flags = (int)s->args[3];
		times = true;
	} else {
		return false;
	}
	if ((flags & ~known) || path == 0 || !lookups_as_tracee(s->t))
		return false;
	struct timespec ts[2], *tsp = NULL;
	if (times && s->args[2]) {
		/* two struct timespec with 64-bit fields: x86_64's, and i386's time64 */
		struct {
			int64_t sec;
			int64_t nsec;
		} t64[2];
		if (mem_read(s->t->tid, s->args[2], t64, sizeof(t64))) {
			s->retval = -EFAULT;
			return true;
		}
		for (int i = 0; i < 2; i++) {
			ts[i].tv_sec = (time_t)t64[i].sec;
			/* i386 time64: the upper half of tv_nsec is padding */
			ts[i].tv_nsec = s->abi->word_size == 4 ? (long)(int32_t)t64[i].nsec : (long)t64[i].nsec;
		}
		tsp = ts;
	}
	int fd = -1;
	int err = open_guest_object(s, dirfd, path, flags, &fd);
	if (err == 1)
		return false;
	if (!err) {
		long rc;
		if (times)
			rc = utimensat(fd, "", tsp, AT_EMPTY_PATH);
		else
			rc = syscall(SYS_faccessat2, fd, "", (int)(id == SC_access ? s->args[1] : s->args[2]),
				     AT_EMPTY_PATH | (flags & AT_EACCESS));
		err = rc < 0 ? -errno : 0;
		close(fd);
	}
	s->retval = err;
	return true;
}

/* linkat(fd, "", newdirfd, newpath, AT_EMPTY_PATH): the kernel lets the
 * opener of fd link it without CAP_DAC_READ_SEARCH (its open-time
 * credentials are the caller's). The descriptors the jail opened were
 * opened by the supervisor (handle_open.c), so the supervisor links them:
 * on its own copy of fd, into the new name's parent resolved inside the
 * root, with one checked name. Returns false to translate instead. */
static bool linkat_empty_emulated(struct syscall_stop *s)
{
	if (s->id != SC_linkat || !(s->args[4] & AT_EMPTY_PATH) || (s->args[4] & ~(uint64_t)(AT_EMPTY_PATH | AT_SYMLINK_FOLLOW)))
		return false;
	char old[PATH_MAX], guest[PATH_MAX], parent[PATH_MAX], last[NAME_MAX + 1];
	bool slash;
	if (read_path(s->t, s->args[1], old) || old[0] != '\0' || read_path(s->t, s->args[3], guest) ||
	    path_split_last(guest, parent, sizeof(parent), last, sizeof(last), &slash) || last[0] == '\0' || slash)
		return false;
	int pfd = -1;
	if (fs_guest_open(s->t, (int)s->args[2], parent[0] ? parent : ".", true, &pfd) != 0)
		return false;
	int g = tracee_dup_fd(s->t, (int)s->args[0]);
	int err = g;
	if (g >= 0 && (err = act_as_tracee(s->t, false)) == 0) {
		err = linkat(g, "", pfd, last, AT_EMPTY_PATH) < 0 ? -errno : 0;
		act_as_done();
	}
	if (g >= 0)
		close(g);
	close(pfd);
	s->retval = err;
	return true;
}

enum action handle_path(struct syscall_stop *s)
{
	const struct path_spec *ps = path_spec_of(s->id);
	if (!ps)
		return ACT_CONTINUE;
	if (linkat_empty_emulated(s))
		return ACT_RETURN;
	if ((s->id == SC_stat || s->id == SC_lstat || s->id == SC_newfstatat || s->id == SC_statx) &&
	    stat_emulated(s))
		return ACT_RETURN;
	if (attr_emulated(s) || access_times_emulated(s))
		return ACT_RETURN;
	unsigned changed = 0;
	for (int i = 0; i < 2 && ps->slot[i].rule != PF_NONE; i++) {
		int err = translate_slot(s, ps, i, &changed);
		if (err) {
			s->retval = err;
			return ACT_RETURN;
		}
	}
	for (int a = 0; a < 6; a++)
		if (changed & (1u << a))
			stop_set_arg(s, a, s->args[a]);
	return ACT_CONTINUE;
}

/* getcwd(buf, size): the guest's name of the current directory. */
enum action handle_getcwd(struct syscall_stop *s)
{
	char guest[PATH_MAX];
	int err = fs_guest_cwd(s->t, guest, sizeof(guest));
	if (err) {
		s->retval = err == -EACCES ? -ENOENT : err;
		return ACT_RETURN;
	}
	size_t len = strlen(guest) + 1;
	if (s->args[1] < len)
		s->retval = -ERANGE;
	else if (mem_write(s->t->tid, s->args[0], guest, len))
		s->retval = -EFAULT;
	else
		s->retval = (long)len;
	return ACT_RETURN;
}

/* readlink(path, buf, size) and readlinkat(dirfd, path, buf, size): read
 * in the supervisor; a /proc magic link's host target is shown as the
 * guest names it. */
enum action handle_readlink(struct syscall_stop *s)
{
	int at = s->id == SC_readlinkat ? 1 : 0;
	int dirfd = at ? (int)s->args[0] : AT_FDCWD;
	uint64_t buf = s->args[at + 1];
	long bufsiz = (long)(int)s->args[at + 2];
	char guest[PATH_MAX], host[PATH_MAX], target[PATH_MAX], shown[PATH_MAX];
	int err = bufsiz <= 0 ? -EINVAL : read_path(s->t, s->args[at], guest);
	if (!err && guest[0] == '\0')
		err = -ENOENT;
	/* served from a notification: what was read belongs to this call */
	if (!err && s->notified && !notify_still_valid())
		err = -EINTR;
	/* a link inside the root is read through the supervisor's own
	 * descriptor of it: a rename race cannot show a host link's text;
	 * at the host's / the /proc guard's object (another process's entry
	 * is absent) */
	int fd = -1;
	bool at_host_root = !s->t->root || strcmp(s->t->root->host, "/") == 0;
	host[0] = '\0';
	/* resolved and read with the caller's rights: a link in a directory
	 * it may not search is not its to read */
	bool acting = false;
	if (!err) {
		err = act_as_tracee(s->t, false);
		acting = !err;
	}
	if (!err && at_host_root) {
		fd = proc_hide_open(s->t, dirfd, guest, false);
		err = fd < 0 ? fd : 0;
	} else if (!err) {
		err = fs_guest_open(s->t, dirfd, guest, false, &fd);
		if (err == 1)
			err = fs_guest_to_host(s->t, dirfd, guest, FS_NOFOLLOW, host, sizeof(host));
	}
	if (err) {
		if (fd >= 0)
			close(fd);
		if (acting)
			act_as_done();
		s->retval = err;
		return ACT_RETURN;
	}
	ssize_t n;
	if (fd >= 0) {
		n = readlinkat(fd, "", target, sizeof(target) - 1);
		if (n < 0 && errno == ENOENT)
			errno = EINVAL; /* not a link: readlink's answer */
		int e = errno;
		close(fd);
		errno = e;
	} else {
		n = readlink(host, target, sizeof(target) - 1);
	}
	int e = errno;
	act_as_done(); /* the rest needs the supervisor's rights */
	if (n < 0) {
		s->retval = -e;
		return ACT_RETURN;
	}
	target[n] = '\0';
	const char *out = target;
	if (strncmp(host, "/proc/", 6) == 0 && target[0] == '/') {
		if (fs_host_to_guest(s->t, target, shown, sizeof(shown)) == 0)
			out = shown;
		if (tracee_exe_for_link(s->t, host, shown, sizeof(shown)))
			out = shown;
	}
	size_t len = strlen(out);
	if (len > (size_t)bufsiz)
		len = (size_t)bufsiz;
	if (mem_write(s->t->tid, buf, out, len))
		s->retval = -EFAULT;
	else
		s->retval = (long)len;
	return ACT_RETURN;
}

/* chroot(path): root inside the jail may narrow its own root (FreeBSD
 * allows chroot in a jail); the supervisor resolves in the new root from
 * then on, for every thread of the process and its future children. */
enum action handle_chroot(struct syscall_stop *s)
{
	char guest[PATH_MAX], host[PATH_MAX];
	int err = read_path(s->t, s->args[0], guest);
	if (!err && proc_status_field(s->t->tid, "Uid", 1) != 0)
		err = -EPERM;
	if (!err)
		err = fs_guest_to_host(s->t, AT_FDCWD, guest, FS_FOLLOW, host, sizeof(host));
	struct stat st;
	if (!err && stat(host, &st) < 0)
		err = -errno;
	if (!err && !S_ISDIR(st.st_mode))
		err = -ENOTDIR;
	/* the host's /dev the jail sees some nodes of is no root for it */
	if (!err && s->t->root && s->t->root->host_dev && !path_within(s->t->root->host, host) &&
	    path_within("/dev", host))
		err = -EACCES;
	struct fs_root *root = NULL;
	if (!err)
		err = fs_root_open(host, &root);
	if (!err) {
		/* the host's /proc and /dev show through only where the jail's did */
		root->host_proc = root->host_proc && s->t->root && s->t->root->host_proc;
		root->host_dev = root->host_dev && s->t->root && s->t->root->host_dev;
		if (s->t->root)
			root->dev_mask = s->t->root->dev_mask;
		tracee_set_root(s->t->tgid, root);
		fs_root_unref(root);
	}
	s->retval = err;
	return ACT_RETURN;
}

/* chdir and O_PATH opens (a directory or O_PATH descriptor cannot be
 * handed over by ADDFD, and chdir changes the caller's own state).
 *
 * In a jail with its own root the caller opens the name itself beneath
 * the root (caller_open.h): an O_PATH open returns that descriptor, chdir
 * is fchdir to it. No name is walked twice. 1 if the name is not inside
 * the root (the host's /proc or /dev, "." of a removed directory): the
 * route below. Else ACT_RETURN's value is in s->retval. */
static int open_by_caller(struct syscall_stop *s, int dirfd, const char *guest, uint64_t flags)
{
	struct tracee *t = s->t;
	char abs[PATH_MAX];
	const struct fs_root *in;
	int err = fs_guest_in_root(t, dirfd, guest, abs, sizeof(abs), &in);
	if (err == 1)
		return 1;
	struct injection inj;
	if (!err)
		err = inject_begin(&inj, t, s->abi);
	if (err) {
		s->retval = err;
		return 0;
	}
	long res = caller_open_in_root(&inj, in, abs, flags, 0);
	if (res >= 0 && s->id == SC_chdir) {
		long fd = res;
		uint64_t a[6] = {(uint64_t)fd, 0, 0, 0, 0, 0};
		if ((err = inject_call(&inj, abi_nr(s->abi, SC_fchdir), a, &res)))
			res = err;
		caller_close(&inj, fd);
		/* a sibling thread may have put another directory at that
		 * number between the judgement and the fchdir */
		if (res == 0 && (err = caller_judge(t, "cwd"))) {
			kill(t->tgid, SIGKILL);
			res = err;
		}
	}
	if (inj.at_exit)
		inject_finish(&inj); /* the original call counts as done */
	s->retval = res;
	return 0;
}

/* Elsewhere (the host's / and the shared /proc and /dev) they still run in
 * the caller on a translated host path or the /proc guard's. So the object
 * the name resolves to is recorded first, and at the exit stop the
 * caller's new cwd or descriptor must be that object: if a rename race
 * made the kernel reach another one, the process is killed (it holds an
 * unchecked directory or descriptor; docs/engine.md). */
static enum action expect_object(struct syscall_stop *s, int dirfd, uint64_t path, uint64_t flags)
{
	struct tracee *t = s->t;
	t->expect_set = false;
	char guest[PATH_MAX];
	int fd = -1;
	bool rooted = t->root && strcmp(t->root->host, "/") != 0;
	bool follow = !(flags & O_NOFOLLOW);
	int err = read_path(t, path, guest);
	if (!err && rooted && open_by_caller(s, dirfd, guest, flags) == 0)
		return ACT_RETURN;
	if (!err && rooted) {
		err = fs_guest_open(t, dirfd, guest, follow, &fd);
	} else if (!err) {
		/* the host's /: the object as the /proc guard judges it */
		fd = proc_hide_open(t, dirfd, guest, follow);
		err = fd < 0 ? fd : 0;
	}
	if (err < 0) {
		/* the answer inside the root: never translate a name that
		 * did not resolve there (a race could make it resolve later) */
		s->retval = err;
		return ACT_RETURN;
	}
	if (err == 0) {
		struct stat st;
		if (fstat(fd, &st) == 0) {
			t->expect_set = true;
			t->expect_dev = st.st_dev;
			t->expect_ino = st.st_ino;
		}
		close(fd);
	}
	enum action act = rooted ? handle_path(s) : handle_proc_guard(s);
	if (act == ACT_CONTINUE && t->expect_set)
		return ACT_EXIT_STOP;
	t->expect_set = false;
	return act;
}

enum action handle_chdir(struct syscall_stop *s)
{
	return expect_object(s, AT_FDCWD, s->args[0], O_PATH | O_DIRECTORY | O_CLOEXEC);
}

long handle_expect_exit(struct syscall_stop *s)
{
	struct tracee *t = s->t;
	if (!t->expect_set || s->retval < 0)
		return s->retval;
	t->expect_set = false;
	struct stat st;
	int ok;
	if (s->id == SC_chdir) {
		char link[64];
		snprintf(link, sizeof(link), "/proc/%d/cwd", (int)t->tid);
		ok = stat(link, &st) == 0;
	} else {
		int g = tracee_dup_fd(t, (int)s->retval);
		ok = g >= 0 && fstat(g, &st) == 0;
		if (g >= 0)
			close(g);
	}
	if (!ok || st.st_dev != t->expect_dev || st.st_ino != t->expect_ino) {
		static unsigned said;
		if (said++ < 3)
			fprintf(stderr, "jail: %d: a rename race reached an object outside the check; killed\n",
				(int)t->tgid);
		kill(t->tgid, SIGKILL);
		return -EACCES;
	}
	return s->retval;
}

/* An O_PATH open at a ptrace stop (handle_open.c). */
enum action handle_opath(struct syscall_stop *s)
{
	bool at = s->id == SC_openat;
	uint64_t flags = s->args[at ? 2 : 1];
	return expect_object(s, at ? (int)s->args[0] : AT_FDCWD, s->args[at ? 1 : 0],
			     flags & (O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
}

enum action handle_path_ptrace(struct syscall_stop *s)
{
	return s->t->root && strcmp(s->t->root->host, "/") != 0 ? handle_path(s) : handle_proc_guard(s);
}

/* Calls that would reach the host's mounts or devices by path. */
enum action handle_path_denied(struct syscall_stop *s)
{
	s->retval = -EPERM;
	return ACT_RETURN;
}
