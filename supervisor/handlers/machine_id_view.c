/* SPDX-License-Identifier: BSD-2-Clause */
/* What a jail reads as its machine's identity (FreeBSD: host.hostuuid,
 * kern.hostuuid, and host.hostid, kern.hostid). Linux programs read
 * /etc/machine-id (systemd, journald, dbus; /var/lib/dbus/machine-id is
 * dbus's older name for it) and /etc/hostid (glibc's gethostid(3), hostid(1),
 * ZFS, SPL). Only when the parameter was given: by default the jail
 * reads its root's files (the host's in a jail at /), FreeBSD's default of
 * inheriting the host's identity. The files are recognised by the object
 * the open reached, compared with the same names resolved in the jail's
 * root now (RESOLVE_IN_ROOT); a name that does not exist there is
 * recognised by the directory it was looked up in, judged the same way,
 * so that gethostid works in a root without /etc/hostid. */
#include "machine_id_view.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../../policy/jail.h"
#include "../../policy/path.h"
#include "../engine/tracee.h"
#include "path_object.h"
#include "sealed_text.h"

enum id_kind { ID_NONE, ID_UUID, ID_HOSTID };

static const struct {
	const char *dir, *name;
	enum id_kind kind;
} id_files[] = {
	{"etc", "machine-id", ID_UUID},
	{"var/lib/dbus", "machine-id", ID_UUID},
	{"etc", "hostid", ID_HOSTID},
};
#define N_FILES (sizeof(id_files) / sizeof(id_files[0]))

static bool wanted(const struct jail *j, enum id_kind k)
{
	return k == ID_UUID ? j->hostuuid_set : j->hostid_set;
}

/* rel resolved in the jail's root (root: an O_PATH descriptor of it), its
 * device and inode in *st; false if it does not resolve. */
static bool in_root(int root, const char *rel, struct stat *st)
{
	struct open_how h = {.flags = O_PATH | O_CLOEXEC, .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS};
	int fd = (int)syscall(SYS_openat2, root, rel, &h, sizeof(h));
	if (fd < 0)
		return false;
	bool ok = fstat(fd, st) == 0;
	close(fd);
	return ok;
}

static bool same(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Which identity file the object fd is (fd >= 0), or, for a name that
 * did not resolve (fd == -ENOENT), the one that name would be. */
static enum id_kind which(struct tracee *t, int root, int dirfd, const char *path, int fd)
{
	const struct jail *j = t->jail;
	if (fd >= 0) {
		struct stat st, cand;
		if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
			return ID_NONE;
		for (size_t i = 0; i < N_FILES; i++) {
			char rel[64];
			snprintf(rel, sizeof(rel), "%s/%s", id_files[i].dir, id_files[i].name);
			if (wanted(j, id_files[i].kind) && in_root(root, rel, &cand) && same(&st, &cand))
				return id_files[i].kind;
		}
		return ID_NONE;
	}
	char parent[PATH_MAX], last[NAME_MAX + 1];
	bool slash;
	if (path_split_last(path, parent, sizeof(parent), last, sizeof(last), &slash) || slash)
		return ID_NONE;
	bool named = false;
	for (size_t i = 0; i < N_FILES; i++)
		named |= wanted(j, id_files[i].kind) && strcmp(last, id_files[i].name) == 0;
	if (!named)
		return ID_NONE;
	int dir = path_object(t, dirfd, parent[0] ? parent : ".", 0, true, false);
	if (dir < 0)
		return ID_NONE;
	struct stat st, cand;
	enum id_kind k = ID_NONE;
	if (fstat(dir, &st) == 0)
		for (size_t i = 0; i < N_FILES && k == ID_NONE; i++)
			if (wanted(j, id_files[i].kind) && strcmp(last, id_files[i].name) == 0 &&
			    in_root(root, id_files[i].dir, &cand) && same(&st, &cand))
				k = id_files[i].kind;
	close(dir);
	return k;
}

/* The UUID as systemd writes a machine id: 32 lowercase hex digits (the
 * dashes dropped); a host.hostuuid that is no UUID as it was given. */
static size_t machine_id_text(const char *uuid, char *out, size_t size)
{
	size_t n = 0;
	bool hex = true;
	for (const char *c = uuid; *c && hex; c++) {
		if (*c == '-')
			continue;
		if (!isxdigit((unsigned char)*c) || n >= 32)
			hex = false;
		else
			out[n++] = (char)tolower((unsigned char)*c);
	}
	if (!hex || n != 32)
		n = (size_t)snprintf(out, size - 1, "%s", uuid);
	out[n++] = '\n';
	return n;
}

int machine_id_view_open(struct tracee *t, int dirfd, const char *path, int fd, int flags)
{
	const struct jail *j = t->jail;
	if ((!j->hostuuid_set && !j->hostid_set) || (fd < 0 && fd != -ENOENT) || (flags & (O_PATH | O_CREAT)) ||
	    (flags & O_ACCMODE) != O_RDONLY)
		return fd;
	int root = open(j->path[0] ? j->path : "/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root < 0) {
		int e = -errno;
		if (fd >= 0)
			close(fd);
		return e;
	}
	enum id_kind k = which(t, root, dirfd, path, fd);
	close(root);
	if (k == ID_NONE)
		return fd;
	if (fd >= 0)
		close(fd);
	if (k == ID_HOSTID) {
		uint32_t id = (uint32_t)j->hostid; /* glibc reads an int32_t */
		return sealed_text_fd("jail-hostid", (const char *)&id, sizeof(id), flags);
	}
	char text[80];
	size_t n = machine_id_text(j->hostuuid, text, sizeof(text));
	return sealed_text_fd("jail-machine-id", text, n, flags);
}
