/* SPDX-License-Identifier: BSD-2-Clause */
/* allow.mount: jailed root's mount(2) and umount2(2) inside the jail's own
 * root, made by the supervisor when it runs as root (docs/parameters.md,
 * "allow.mount"). FreeBSD's rule (prison_priv_check, vfs_domount): uid 0
 * with allow.mount, enforce_statfs below 2 and the type's allow.mount.<fs>;
 * here the types are tmpfs and nullfs (a bind mount), and a mount's
 * point and a bind's source are resolved once as the caller, inside its
 * root, and the new mount is attached to that object (move_mount). The
 * jail unmounts only mounts it made; the rest are unmounted when the
 * jail ends. Anything else: EPERM. */
#include "handle_mount.h"
#include "handlers.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "../../policy/jail.h"
#include "../../policy/jail_mount.h"
#include "../../policy/path.h"
#include "../engine/creds.h"
#include "../engine/memory.h"
#include "../engine/notify.h"
#include "../engine/procfs.h"
#include "../engine/tracee.h"
#include "../fs/fs_root.h"
#include "act_as.h"
#include "path_object.h"

#define MADE_MAX 256

/* The mounts the jail made: a descriptor of each one's root and its id. */
static struct made {
	int fd;
	uint64_t mnt_id;
	/* what a bind keeps of its source's mount (read-only, nosuid, ...):
	 * never cleared by a remount, as FreeBSD's nullfs stays as
	 * read-only as the file system under it */
	unsigned long long locked;
} made[MADE_MAX];
static int nmade;
static pthread_mutex_t made_lock = PTHREAD_MUTEX_INITIALIZER;

static const char *refused(struct syscall_stop *s, const char *why)
{
	s->refused = why;
	return why;
}

/* FreeBSD's privilege check for a mount of a type gated by allow.mount.fs
 * (NULL: any type, an unmount). */
static int may_mount(struct syscall_stop *s, const char *fs)
{
	char flag[64], buf[16];
	const char *on = NULL;
	if (fs) {
		snprintf(flag, sizeof(flag), "allow.mount.%s", fs);
		on = jail_extra_get(s->t->jail, flag, buf, sizeof(buf));
	}
	const struct jail *j = s->t->jail;
	long euid = proc_status_field(s->t->tid, "Uid", 1);
	if (euid != 0 || !j->allow[JAIL_ALLOW_suser]) {
		refused(s, "mount: only the jail's root mounts (PRIV_VFS_MOUNT)");
		return -EPERM;
	}
	if (!j->allow[JAIL_ALLOW_mount] || j->enforce_statfs >= 2 || (fs && (!on || strcmp(on, "true") != 0))) {
		refused(s, "mount: allow.mount, the type's allow.mount.<fs> and enforce_statfs < 2 are needed");
		return -EPERM;
	}
	if (!s->t->root || strcmp(s->t->root->host, "/") == 0) {
		refused(s, "mount: a jail at / shares the host's tree: nothing is mounted for it");
		return -EPERM;
	}
	if (geteuid() != 0) {
		refused(s, "mount: the jail's supervisor is not root: the kernel lets it mount nothing");
		return -EPERM;
	}
	return 0;
}

/* The object path names for the caller, resolved as it (permissions) and
 * inside its root; it must be the jail's own (beneath the root's host
 * directory, not the host's /proc or /dev the jail is shown). */
static int jail_object(struct syscall_stop *s, uint64_t addr, bool follow, bool change)
{
	char path[PATH_MAX];
	int err = mem_read_string(s->t->tid, addr, path, sizeof(path));
	if (err)
		return err == -ENAMETOOLONG ? err : -EFAULT;
	if (!notify_still_valid())
		return -EINTR;
	if ((err = act_as_tracee(s->t, false)) != 0)
		return err;
	int fd = path_object(s->t, AT_FDCWD, path, 0, follow, change);
	creds_leave(); /* mounting takes the supervisor's own privilege */
	if (fd < 0)
		return fd;
	char link[64], host[PATH_MAX];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, host, sizeof(host) - 1);
	if (n > 0 && n < (ssize_t)sizeof(host) - 1) {
		host[n] = '\0';
		if (path_within(s->t->root->host, host) && !fs_dev_covered(s->t->root, host))
			return fd;
	}
	close(fd);
	refused(s, "mount: outside the jail's own tree");
	return -EPERM;
}

static int mount_id(int fd, uint64_t *id, bool *is_root)
{
	struct statx st;
	if (statx(fd, "", AT_EMPTY_PATH, STATX_MNT_ID, &st) < 0)
		return -errno;
	if (!(st.stx_mask & STATX_MNT_ID))
		return -ENOSYS;
	*id = st.stx_mnt_id;
	*is_root = (st.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) && (st.stx_attributes & STATX_ATTR_MOUNT_ROOT);
	return 0;
}

/* Index of the jail's mount with id, or -1; under made_lock. */
static int find_made(uint64_t id)
{
	for (int i = 0; i < nmade; i++)
		if (made[i].mnt_id == id)
			return i;
	return -1;
}

static unsigned long long attr_of(unsigned long flags)
{
	/* device nodes stay the host's to give (PRIV_DEVFS) */
	return jail_mount_attr(flags) | MOUNT_ATTR_NODEV;
}

/* The caller's options (data: "size=1m,mode=755", ...) given to fs; 0 or
 * -errno. */
static int configure(struct syscall_stop *s, int fs, uint64_t data_addr)
{
	char data[1024] = "";
	if (data_addr && mem_read_string(s->t->tid, data_addr, data, sizeof(data)))
		return -EINVAL;
	int rc = 0;
	char *save = NULL;
	for (char *w = strtok_r(data, ",", &save); w && rc == 0; w = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(w, '=');
		if (eq)
			*eq = '\0';
		rc = eq ? fsconfig(fs, FSCONFIG_SET_STRING, w, eq + 1, 0) : fsconfig(fs, FSCONFIG_SET_FLAG, w, NULL, 0);
	}
	return rc < 0 ? -errno : 0;
}

/* A new tmpfs: its mount descriptor, or -errno. */
static int new_tmpfs(struct syscall_stop *s)
{
	char source[64] = "tmpfs";
	if (s->args[0] && mem_read_string(s->t->tid, s->args[0], source, sizeof(source)))
		return -EFAULT;
	int fs = fsopen("tmpfs", FSOPEN_CLOEXEC);
	if (fs < 0)
		return -errno;
	int rc = fsconfig(fs, FSCONFIG_SET_STRING, "source", source, 0) < 0 ? -errno : 0;
	if (rc == 0)
		rc = configure(s, fs, s->args[4]);
	if (rc == 0 && fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
		rc = -errno;
	int mnt = rc == 0 ? fsmount(fs, FSMOUNT_CLOEXEC, 0) : rc;
	if (mnt < 0 && rc == 0)
		rc = -errno;
	close(fs);
	return rc ? rc : mnt;
}

/* The root of a mount the jail made that path names (the caller's view):
 * its descriptor, or -errno (EINVAL: not a mount point; EPERM: not the
 * jail's). */
static int made_mount_at(struct syscall_stop *s, uint64_t path, bool follow, unsigned long long *locked)
{
	int fd = jail_object(s, path, follow, true);
	if (fd < 0)
		return fd;
	uint64_t id = 0;
	bool is_root = false;
	int err = mount_id(fd, &id, &is_root);
	if (!err && !is_root)
		err = -EINVAL;
	if (!err) {
		pthread_mutex_lock(&made_lock);
		int i = find_made(id);
		if (i < 0)
			err = -EPERM;
		else
			*locked = made[i].locked;
		pthread_mutex_unlock(&made_lock);
		if (err)
			refused(s, "mount: a mount the jail did not make");
	}
	if (err) {
		close(fd);
		return err;
	}
	return fd;
}

/* mount -o remount[,bind],...: a mount the jail made gets new flags (and a
 * tmpfs new options). */
static int remount(struct syscall_stop *s, unsigned long flags)
{
	int err = may_mount(s, NULL);
	if (err)
		return err;
	unsigned long long locked = 0;
	int fd = made_mount_at(s, s->args[1], true, &locked);
	if (fd < 0)
		return fd;
	const unsigned long long all = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC | MOUNT_ATTR_NOATIME |
				       MOUNT_ATTR_NOSYMFOLLOW;
	struct mount_attr attr = {.attr_set = attr_of(flags)};
	attr.attr_clr = all & ~attr.attr_set & ~locked;
	if (attr.attr_clr & MOUNT_ATTR_NOATIME)
		attr.attr_clr |= MOUNT_ATTR__ATIME; /* the access-time mode is one field */
	if (!(flags & MS_BIND) && s->args[4]) {
		int fs = fspick(fd, "", FSPICK_EMPTY_PATH | FSPICK_CLOEXEC);
		err = fs < 0 ? -errno : configure(s, fs, s->args[4]);
		if (!err && fsconfig(fs, FSCONFIG_CMD_RECONFIGURE, NULL, NULL, 0) < 0)
			err = -errno;
		if (fs >= 0)
			close(fs);
	}
	if (!err && mount_setattr(fd, "", AT_EMPTY_PATH, &attr, sizeof(attr)) < 0)
		err = -errno;
	close(fd);
	return err;
}

static int do_mount(struct syscall_stop *s)
{
	unsigned long flags = (unsigned long)s->args[3];
	char type[32] = "";
	if ((flags & (MS_MOVE | MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE)) != 0) {
		refused(s, "mount: only tmpfs and nullfs (bind) mounts, made or remounted");
		return -EPERM;
	}
	if (flags & MS_REMOUNT)
		return remount(s, flags);
	bool bind = flags & MS_BIND;
	if (!bind && (!s->args[2] || mem_read_string(s->t->tid, s->args[2], type, sizeof(type))))
		return -EFAULT;
	if (!bind && strcmp(type, "tmpfs") != 0) {
		refused(s, "mount: only tmpfs and nullfs (bind) mounts");
		return -EPERM;
	}
	int err = may_mount(s, bind ? "nullfs" : "tmpfs");
	if (err)
		return err;
	int mnt;
	unsigned long long locked = 0;
	if (bind) {
		int src = jail_object(s, s->args[0], true, false);
		if (src < 0)
			return src;
		struct statvfs sv;
		if (fstatvfs(src, &sv) < 0) {
			close(src);
			return -EPERM;
		}
		locked |= sv.f_flag & ST_RDONLY ? MOUNT_ATTR_RDONLY : 0;
		locked |= sv.f_flag & ST_NOSUID ? MOUNT_ATTR_NOSUID : 0;
		locked |= sv.f_flag & ST_NOEXEC ? MOUNT_ATTR_NOEXEC : 0;
		mnt = open_tree(src, "", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_EMPTY_PATH |
						 (flags & MS_REC ? AT_RECURSIVE : 0));
		mnt = mnt < 0 ? -errno : mnt;
		close(src);
	} else {
		mnt = new_tmpfs(s);
	}
	if (mnt < 0)
		return mnt;
	int dir = jail_object(s, s->args[1], true, true);
	struct mount_attr attr = {.attr_set = attr_of(flags) | locked};
	uint64_t id = 0;
	bool is_root;
	if (dir < 0) {
		err = dir;
	} else if (mount_setattr(mnt, "", AT_EMPTY_PATH | (flags & MS_REC ? AT_RECURSIVE : 0), &attr, sizeof(attr)) < 0 ||
		   move_mount(mnt, "", dir, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0) {
		err = -errno;
	} else if ((err = mount_id(mnt, &id, &is_root)) == 0) {
		pthread_mutex_lock(&made_lock);
		if (nmade < MADE_MAX) {
			made[nmade++] = (struct made){.fd = mnt, .mnt_id = id, .locked = locked};
			mnt = -1;
		}
		pthread_mutex_unlock(&made_lock);
		if (mnt >= 0) { /* no room to remember it: not kept */
			char self[64];
			snprintf(self, sizeof(self), "/proc/self/fd/%d", mnt);
			umount2(self, MNT_DETACH);
			err = -ENOSPC;
		}
	}
	if (dir >= 0)
		close(dir);
	if (mnt >= 0)
		close(mnt);
	return err;
}

enum action handle_mount(struct syscall_stop *s)
{
	creds_leave(); /* a kept caller's capabilities (creds.h) cannot mount */
	s->retval = s->notified ? do_mount(s) : -EPERM;
	return ACT_RETURN;
}

/* umount2(path, flags), i386's umount(path): a mount the jail made. */
static int do_umount(struct syscall_stop *s)
{
	int flags = s->id == SC_umount2 ? (int)s->args[1] : 0;
	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	int err = may_mount(s, NULL);
	if (err)
		return err;
	int fd = jail_object(s, s->args[0], !(flags & UMOUNT_NOFOLLOW), true);
	if (fd < 0)
		return fd;
	uint64_t id = 0;
	bool is_root = false;
	err = mount_id(fd, &id, &is_root);
	close(fd);
	if (err)
		return err;
	if (!is_root)
		return -EINVAL; /* not a mount point */
	pthread_mutex_lock(&made_lock);
	int i = find_made(id), mnt = -1;
	if (i >= 0) {
		mnt = made[i].fd;
		made[i] = made[--nmade];
	}
	pthread_mutex_unlock(&made_lock);
	if (mnt < 0) {
		refused(s, "umount: a mount the jail did not make");
		return -EPERM;
	}
	char self[64];
	snprintf(self, sizeof(self), "/proc/self/fd/%d", mnt);
	/* detached: the descriptor kept for the jail's end holds it busy */
	err = umount2(self, MNT_DETACH) < 0 ? -errno : 0;
	close(mnt);
	return err;
}

enum action handle_umount(struct syscall_stop *s)
{
	creds_leave();
	s->retval = s->notified ? do_umount(s) : -EPERM;
	return ACT_RETURN;
}

void jail_made_mounts_unmount(void)
{
	pthread_mutex_lock(&made_lock);
	while (nmade > 0) {
		char self[64];
		int mnt = made[--nmade].fd;
		snprintf(self, sizeof(self), "/proc/self/fd/%d", mnt);
		if (umount2(self, MNT_DETACH) < 0) {
			/* under a mount of the jail's unmounted before it */
		}
		close(mnt);
	}
	pthread_mutex_unlock(&made_lock);
}
