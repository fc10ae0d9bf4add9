/* SPDX-License-Identifier: BSD-2-Clause */
#include "jail_mounts.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../../policy/cmdline.h"
#include "../../policy/jail_mount.h"

static struct jail_mount planned[JAIL_MOUNT_MAX];
static int nplanned;
static char label[JAIL_NAME_MAX + 2]; /* "NAME: " as jail(8) prefixes its warnings */
static char jail_path[PATH_MAX];
static int nlines; /* planned[0..nlines) are mount's, the rest mount.fstab's */

/* The mounts made, each held by a descriptor of its root (for unmounting
 * exactly it), in the order made. */
static int mounted[JAIL_MOUNT_MAX];
static int nmounted;

static int add_entry(const char *param, const char *line, char *err, size_t errlen)
{
	struct jail_mount m;
	char why[PATH_MAX + 256];
	int rc = jail_mount_parse(param, line, &m, why, sizeof(why));
	if (rc < 0) {
		snprintf(err, errlen, "%s%s", label, why);
		return -1;
	}
	if (rc == 0)
		return 0;
	if (nplanned == JAIL_MOUNT_MAX) {
		snprintf(err, errlen, "%s%s: too many entries", label, param);
		return -1;
	}
	planned[nplanned++] = m;
	return 0;
}

static int read_fstab(const char *file, char *err, size_t errlen)
{
	FILE *f = fopen(file, "re");
	if (!f) {
		snprintf(err, errlen, "%smount.fstab: %s: %s", label, file, strerror(errno));
		return -1;
	}
	char line[2 * PATH_MAX + 512];
	int rc = 0;
	while (rc == 0 && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		rc = add_entry("mount.fstab", line, err, errlen);
	}
	fclose(f);
	return rc;
}

/* Below the jail's path: is dir one of its descendants? */
static const char *beneath_jail(const char *dir)
{
	size_t n = strlen(jail_path);
	if (strcmp(jail_path, "/") == 0 || strncmp(dir, jail_path, n) != 0 || dir[n] != '/')
		return NULL;
	return dir + n + 1;
}

/* FreeBSD's check of a mount point: beneath the jail's path every
 * component exists and none is a symbolic link. */
static int check_dir(const char *param, const char *dir, char *err, size_t errlen)
{
	const char *rest = beneath_jail(dir);
	if (!rest)
		return 0;
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s", dir);
	for (char *p = path + (rest - dir);; p++) {
		char *slash = strchr(p, '/');
		if (slash)
			*slash = '\0';
		struct stat st;
		if (lstat(path, &st) < 0) {
			snprintf(err, errlen, "%s%s: %s: %s", label, param, path, strerror(errno));
			return -1;
		}
		if (S_ISLNK(st.st_mode)) {
			snprintf(err, errlen, "%s%s: %s is a symbolic link", label, param, path);
			return -1;
		}
		if (!slash)
			return 0;
		*slash = '/';
		p = slash;
	}
}

int jail_mounts_check(const struct jail_cmdline *cl, char *err, size_t errlen)
{
	nplanned = 0;
	snprintf(label, sizeof(label), "%s%s", cl->jail.name, cl->jail.name[0] ? ": " : "");
	snprintf(jail_path, sizeof(jail_path), "%s", cl->jail.path[0] ? cl->jail.path : "/");
	for (int i = 0; cl->mount[i]; i++)
		if (add_entry("mount", cl->mount[i], err, errlen))
			return -1;
	nlines = nplanned;
	if (cl->mount_fstab && read_fstab(cl->mount_fstab, err, errlen))
		return -1;
	for (int i = 0; i < nplanned; i++) {
		if (planned[i].kind == JAIL_MOUNT_PROVIDED)
			continue;
		if (geteuid() != 0) {
			char what[2 * PATH_MAX + 320];
			jail_mount_describe(&planned[i], what, sizeof(what));
			snprintf(err, errlen, "%s%s: %s (mounting needs root)", label, what, strerror(EPERM));
			return -1;
		}
	}
	return 0;
}

/* A mount point or a nullfs source, opened once: beneath the jail's path
 * (where the jail's root may have put a symbolic link since it last ran)
 * without following a symbolic link or leaving it, elsewhere as the host
 * names it. */
static int open_dir(const char *dir)
{
	const char *rest = beneath_jail(dir);
	if (!rest)
		return open(dir, O_PATH | O_CLOEXEC);
	int top = open(jail_path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (top < 0)
		return -1;
	struct open_how how = {.flags = O_PATH | O_CLOEXEC, .resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH};
	int fd = (int)syscall(SYS_openat2, top, rest, &how, sizeof(how));
	int saved = errno;
	close(top);
	errno = saved;
	return fd;
}

/* A new file system of m's type, not attached yet: its mount descriptor,
 * or -1 (errno). */
static int make_fs(const struct jail_mount *m)
{
	int fs = fsopen(m->linux_type, FSOPEN_CLOEXEC);
	if (fs < 0)
		return -1;
	int rc = fsconfig(fs, FSCONFIG_SET_STRING, "source", m->dev, 0);
	char data[sizeof(m->data)], *save = NULL;
	snprintf(data, sizeof(data), "%s", m->data);
	for (char *w = strtok_r(data, ",", &save); w && rc == 0; w = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(w, '=');
		if (eq) {
			*eq = '\0';
			rc = fsconfig(fs, FSCONFIG_SET_STRING, w, eq + 1, 0);
		} else {
			rc = fsconfig(fs, FSCONFIG_SET_FLAG, w, NULL, 0);
		}
	}
	if (rc == 0 && (m->flags & MS_RDONLY))
		rc = fsconfig(fs, FSCONFIG_SET_FLAG, "ro", NULL, 0);
	if (rc == 0 && (m->flags & MS_SYNCHRONOUS))
		rc = fsconfig(fs, FSCONFIG_SET_FLAG, "sync", NULL, 0);
	if (rc == 0)
		rc = fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0);
	int mnt = rc == 0 ? fsmount(fs, FSMOUNT_CLOEXEC, 0) : -1;
	int saved = errno;
	close(fs);
	errno = saved;
	return mnt;
}

/* m, mounted: the descriptor of its root, or -1 (errno). */
static int mount_one(const struct jail_mount *m)
{
	int mnt;
	if (m->kind == JAIL_MOUNT_BIND) {
		int src = open_dir(m->dev);
		if (src < 0)
			return -1;
		mnt = open_tree(src, "", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_EMPTY_PATH);
		int saved = errno;
		close(src);
		errno = saved;
	} else {
		mnt = make_fs(m);
	}
	if (mnt < 0)
		return -1;
	struct mount_attr attr = {.attr_set = jail_mount_attr(m->flags)};
	int dir = -1;
	if ((attr.attr_set && mount_setattr(mnt, "", AT_EMPTY_PATH, &attr, sizeof(attr)) < 0) ||
	    (dir = open_dir(m->dir)) < 0 ||
	    move_mount(mnt, "", dir, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0) {
		int saved = errno;
		close(mnt);
		if (dir >= 0)
			close(dir);
		errno = saved;
		return -1;
	}
	close(dir);
	return mnt;
}

int jail_mounts_mount(char *err, size_t errlen)
{
	for (int i = 0; i < nplanned; i++) {
		if (planned[i].kind == JAIL_MOUNT_PROVIDED)
			continue;
		/* checked as each is mounted: an earlier mount may make its point */
		if (check_dir(i < nlines ? "mount" : "mount.fstab", planned[i].dir, err, errlen)) {
			jail_mounts_unmount();
			return -1;
		}
		int mnt = mount_one(&planned[i]);
		if (mnt < 0) {
			char what[2 * PATH_MAX + 320];
			jail_mount_describe(&planned[i], what, sizeof(what));
			snprintf(err, errlen, "%s%s: %s", label, what,
				 errno == ELOOP   ? "a symbolic link beneath the jail's path"
				 : errno == EXDEV ? "the mount point leaves the jail's path"
						  : strerror(errno));
			jail_mounts_unmount();
			return -1;
		}
		mounted[nmounted++] = mnt;
	}
	return 0;
}

void jail_mounts_unmount(void)
{
	while (nmounted > 0) {
		int mnt = mounted[--nmounted];
		char self[64];
		snprintf(self, sizeof(self), "/proc/self/fd/%d", mnt);
		/* detached: our own descriptor keeps it busy otherwise */
		if (umount2(self, MNT_DETACH) < 0) {
			/* unmounted already (by the host's root) */
		}
		close(mnt);
	}
}
