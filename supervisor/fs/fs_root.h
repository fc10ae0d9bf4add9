/* SPDX-License-Identifier: BSD-2-Clause */
/* A jailed process's root directory and the guest <-> host translation of
 * path names under it: chroot(2) semantics done in the supervisor, with the
 * kernel resolving each name inside the root (openat2 RESOLVE_IN_ROOT).
 * All functions return 0 or -errno (the errno the tracee gets). */
#ifndef JAIL_SUPERVISOR_FS_ROOT_H
#define JAIL_SUPERVISOR_FS_ROOT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "../engine/root_ref.h"

struct tracee;

/* Opens host directory path as a root (a new reference). */
int fs_root_open(const char *path, struct fs_root **out);

/* How a syscall treats a symbolic link in the last component. */
enum fs_follow {
	FS_NOFOLLOW,      /* act on the link itself (lstat, unlink, rename...) */
	FS_FOLLOW,        /* follow; a dangling link is ENOENT (stat, chdir...) */
	FS_FOLLOW_CREATE, /* follow; a dangling link names the file to create (open O_CREAT) */
	FS_PARENT,        /* never follow, even with a trailing slash: the call acts on the
			   * name in its directory (mkdir, rmdir, unlink, rename, symlink...) */
};

static inline bool fs_follows(enum fs_follow f)
{
	return f == FS_FOLLOW || f == FS_FOLLOW_CREATE;
}

/* Translates path `guest` of tracee t, relative to dirfd (AT_FDCWD or one
 * of t's descriptors) when not absolute, into the host path the kernel
 * must be given. `..` clamps at t's root, symlinks resolve inside it. */
int fs_guest_to_host(struct tracee *t, int dirfd, const char *guest, enum fs_follow follow,
		     char *host, size_t size);

/* Opens what guest names (as fs_guest_to_host resolves it, following or
 * not its last symlink) as an O_PATH descriptor of the supervisor's: 0 and
 * *fd, or -errno (the errno the tracee gets), or 1 if the name is not
 * inside t's root (the host's /proc or /dev, no root at all) and must be
 * translated instead. */
int fs_guest_open(struct tracee *t, int dirfd, const char *guest, bool follow, int *fd);

struct open_how;
/* Opens what guest names with how's flags, mode and resolve flags, the
 * kernel resolving every component inside t's root (RESOLVE_IN_ROOT, no
 * magic links): the open itself is the one resolution, so no rename race
 * can move it out. 0 and *fd (close-on-exec), -errno, or 1 if the name is
 * not inside t's root (the host's /proc or /dev, no root at all, "." of a
 * removed directory): proc_hide_open() then. */
int fs_guest_open_how(struct tracee *t, int dirfd, const char *guest, const struct open_how *how, int *fd);

/* Where guest (relative to dirfd when not absolute) lies, for a caller
 * that has the kernel resolve it itself beneath a root (RESOLVE_IN_ROOT;
 * handlers/caller_open.c): 0, *in the root to resolve from (t's root, or
 * the jail's private /dev/shm: dev_shm.h) and p the absolute path beneath
 * it. 1 if the name is not inside a root of t's (the host's /proc or
 * /dev, no root at all, "." of a removed directory): the caller
 * translates it instead. Or -errno. */
int fs_guest_in_root(struct tracee *t, int dirfd, const char *guest, char *p, size_t size,
		     const struct fs_root **in);

/* May t open the object fd (the supervisor's, just opened for t) with
 * open flags `flags`? The rules t's Landlock layers would apply, judged on
 * the object: no writing beneath /proc or /sys (any file system there),
 * and in a jail with its own root nothing outside it but the host's /proc
 * (read) and the safe /dev nodes (in_root: the kernel resolved it inside
 * the root; only the file system is judged). 0 or -EACCES. */
int fs_object_allowed(const struct tracee *t, int fd, int flags, bool in_root);

/* The guest's name for host path `host` as seen by t; -EXDEV if the guest
 * cannot name it (outside the root and not a shared host path). */
int fs_host_to_guest(const struct tracee *t, const char *host, char *guest, size_t size);

/* The guest's name of t's current directory (for getcwd). */
int fs_guest_cwd(const struct tracee *t, char *guest, size_t size);

/* Does r show the host's /dev/<name> (len bytes, no slash)? The names of
 * its dev_mask (policy/devfs_rules.h), when it shows the host's /dev. */
bool fs_dev_shows(const struct fs_root *r, const char *name, size_t len);

/* mount.devfs: is host path host (or descriptor fd's object) in r's own
 * /dev, which the jail's devfs covers (absent)? */
bool fs_dev_covered(const struct fs_root *r, const char *host);
bool fs_dev_covered_fd(const struct fs_root *r, int fd);

struct jail;
/* Opens j's root with its /dev as j's mount.devfs and devfs_ruleset say
 * (docs/dev.md). 0, or -errno with jail(8)'s message in err. */
int fs_root_open_jail(const struct jail *j, struct fs_root **out, char *err, size_t errlen);

#endif
