/* SPDX-License-Identifier: BSD-2-Clause */
#include "registry.h"

#include "control.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

/* Longest "/N.sock" suffix: the directory must leave room for it. */
#define SOCK_SUFFIX_MAX sizeof("/999999.sock")

/* How many /tmp/jail-UID[.N] names a user tries when others are taken. */
#define TMP_CANDIDATES 8

/* Is dir ours to use: a directory (not a symlink) of euid, closed to
 * everyone else? 1 yes, 0 it does not exist, -1 it is someone else's or
 * open (its problem in why). */
static int private_dir(const char *dir, uid_t euid, char *why, size_t whylen)
{
	struct stat st;
	if (lstat(dir, &st) < 0) {
		if (errno == ENOENT)
			return 0;
		snprintf(why, whylen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode) || st.st_uid != euid || (st.st_mode & 077)) {
		snprintf(why, whylen,
			 "%s: not a private directory of uid %u (%s, owner %u, mode %03o); refusing to use it", dir,
			 (unsigned)euid, S_ISLNK(st.st_mode) ? "a symlink" : S_ISDIR(st.st_mode) ? "a directory" : "not a directory",
			 (unsigned)st.st_uid, (unsigned)(st.st_mode & 0777));
		return -1;
	}
	return 1;
}

/* Makes dir (mode 0700) and checks it; 1 ours, -1 not (why). */
static int make_private_dir(const char *dir, uid_t euid, char *why, size_t whylen)
{
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		snprintf(why, whylen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	return private_dir(dir, euid, why, whylen) == 1 ? 1 : -1;
}

/* /tmp/jail-UID, or when another user took that name first (any user can
 * make it in /tmp), /tmp/jail-UID.1 ... .7: every tool picks the first
 * that is already ours, else makes the first free one, so all find the
 * same registry. A name someone else holds is never used or followed. */
static int choose_tmp_dir(struct registry *r, uid_t euid, char *err, size_t errlen)
{
	char cand[TMP_CANDIDATES][64], why[PATH_MAX + 128] = "";
	int state[TMP_CANDIDATES];
	for (int i = 0; i < TMP_CANDIDATES; i++) {
		if (i == 0)
			snprintf(cand[i], sizeof(cand[i]), "/tmp/jail-%u", (unsigned)euid);
		else
			snprintf(cand[i], sizeof(cand[i]), "/tmp/jail-%u.%d", (unsigned)euid, i);
		char w[PATH_MAX + 128];
		state[i] = private_dir(cand[i], euid, w, sizeof(w));
		if (state[i] == 1) {
			snprintf(r->dir, sizeof(r->dir), "%s", cand[i]);
			return 0;
		}
		if (state[i] < 0 && !why[0])
			snprintf(why, sizeof(why), "%s", w);
	}
	for (int i = 0; i < TMP_CANDIDATES; i++) {
		if (state[i] != 0)
			continue;
		char w[PATH_MAX + 128];
		if (make_private_dir(cand[i], euid, w, sizeof(w)) == 1) {
			snprintf(r->dir, sizeof(r->dir), "%s", cand[i]);
			return 0;
		}
		if (!why[0])
			snprintf(why, sizeof(why), "%s", w);
	}
	snprintf(err, errlen, "%s (and /tmp/jail-%u.1 to .%d are taken too)", why, (unsigned)euid,
		 TMP_CANDIDATES - 1);
	return -1;
}

int registry_open(struct registry *r, char *err, size_t errlen)
{
	uid_t euid = geteuid();
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	struct stat st;

	r->lock_fd = -1;
	if (euid == 0) {
		snprintf(r->dir, sizeof(r->dir), "/run/jail");
	} else if (xdg && xdg[0] == '/' && lstat(xdg, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == euid &&
		   !(st.st_mode & 022) && strlen(xdg) + sizeof("/jail") + SOCK_SUFFIX_MAX <= sizeof(((struct sockaddr_un *)0)->sun_path)) {
		snprintf(r->dir, sizeof(r->dir), "%s/jail", xdg);
	} else {
		return choose_tmp_dir(r, euid, err, errlen);
	}
	/* /run/jail and $XDG_RUNTIME_DIR/jail: only we (or root) can make
	 * them; still, a foreign or open one is refused */
	return make_private_dir(r->dir, euid, err, errlen) == 1 ? 0 : -1;
}

void registry_close(struct registry *r)
{
	registry_unlock(r);
}

int registry_lock(struct registry *r)
{
	char path[PATH_MAX + 16];
	snprintf(path, sizeof(path), "%s/.lock", r->dir);
	/* a fresh open file description each time: a lock inherited across
	 * fork must not count as ours */
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return -errno;
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			int e = -errno;
			close(fd);
			return e;
		}
	}
	r->lock_fd = fd;
	return 0;
}

void registry_unlock(struct registry *r)
{
	if (r->lock_fd >= 0)
		close(r->lock_fd);
	r->lock_fd = -1;
}

static void unlink_entry(const struct registry *r, int jid)
{
	char path[PATH_MAX + 32];
	snprintf(path, sizeof(path), "%s/%d.sock", r->dir, jid);
	unlink(path);
	snprintf(path, sizeof(path), "%s/%d.jail", r->dir, jid);
	unlink(path);
}

/* "N.jail" / "N.sock": N, or -1. */
static int file_jid(const char *name, const char *suffix)
{
	char *end;
	if (name[0] < '1' || name[0] > '9')
		return -1;
	long n = strtol(name, &end, 10);
	if (strcmp(end, suffix) != 0 || n < 1 || n > REGISTRY_MAX_JID)
		return -1;
	return (int)n;
}

static int cmp_entry(const void *a, const void *b)
{
	return ((const struct reg_entry *)a)->jid - ((const struct reg_entry *)b)->jid;
}

/* Nested jails (docs/nested-jails.md): a tool run for a jailed caller
 * sees only the descendants of that jail, named relative to it. */
static int scope_jid;

void registry_set_scope(int jid)
{
	scope_jid = jid;
}

int registry_scope(void)
{
	return scope_jid;
}

static int list_all(struct registry *r, struct reg_entry **out);

/* Is e beneath jail `top` (following the parent links of list)? */
static bool descends(const struct reg_entry *list, int n, const struct reg_entry *e, int top)
{
	int parent = e->parent;
	for (int depth = 0; parent > 0 && depth <= n; depth++) {
		if (parent == top)
			return true;
		int next = 0;
		for (int i = 0; i < n; i++)
			if (list[i].jid == parent)
				next = list[i].parent;
		parent = next;
	}
	return false;
}

int registry_list(struct registry *r, struct reg_entry **out)
{
	int n = list_all(r, out);
	if (n <= 0 || !scope_jid)
		return n;
	struct reg_entry *list = *out;
	char prefix[JAIL_NAME_MAX + 1] = "";
	for (int i = 0; i < n; i++)
		if (list[i].jid == scope_jid)
			snprintf(prefix, sizeof(prefix), "%s.", list[i].name);
	size_t plen = strlen(prefix);
	int kept = 0;
	struct reg_entry *mine = malloc((size_t)n * sizeof(*mine));
	if (!mine) {
		free(list);
		*out = NULL;
		return -ENOMEM;
	}
	for (int i = 0; i < n; i++) {
		if (!plen || !descends(list, n, &list[i], scope_jid) || strncmp(list[i].name, prefix, plen) != 0)
			continue;
		struct reg_entry e = list[i];
		memmove(e.name, e.name + plen, strlen(e.name + plen) + 1);
		if (e.parent == scope_jid)
			e.parent = 0;
		mine[kept++] = e;
	}
	free(list);
	*out = mine;
	return kept;
}

int registry_full_name(struct registry *r, const char *name, char *full, size_t size)
{
	if (!scope_jid)
		return snprintf(full, size, "%s", name) < (int)size ? 0 : -ENAMETOOLONG;
	struct reg_entry *list;
	int n = list_all(r, &list), rc = -ESRCH;
	for (int i = 0; i < n; i++)
		if (list[i].jid == scope_jid)
			rc = snprintf(full, size, "%s.%s", list[i].name, name) < (int)size ? 0 : -ENAMETOOLONG;
	free(list);
	return n < 0 ? n : rc;
}

static int list_all(struct registry *r, struct reg_entry **out)
{
	DIR *d = opendir(r->dir);
	struct dirent *de;
	struct reg_entry *list = NULL;
	int n = 0, cap = 0;

	*out = NULL;
	if (!d)
		return -errno;
	int dfd = dirfd(d);
	while ((de = readdir(d))) {
		int jid = file_jid(de->d_name, ".sock");
		if (jid > 0) {
			char entry[32];
			snprintf(entry, sizeof(entry), "%d.jail", jid);
			if (faccessat(dfd, entry, F_OK, AT_SYMLINK_NOFOLLOW) < 0 && errno == ENOENT)
				unlinkat(dfd, de->d_name, 0); /* a socket left without its entry */
			continue;
		}
		jid = file_jid(de->d_name, ".jail");
		if (jid < 0)
			continue;
		int fd = openat(dfd, de->d_name, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
		if (fd < 0)
			continue;
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			/* nobody holds it: its supervisor is gone */
			unlink_entry(r, jid);
			close(fd);
			continue;
		}
		struct reg_entry e = {.jid = jid};
		char buf[JAIL_NAME_MAX + 16];
		ssize_t len = pread(fd, buf, sizeof(buf) - 1, 0);
		close(fd);
		if (len < 0)
			continue;
		buf[len] = '\0';
		char *nl = strrchr(buf, '\n'); /* the name has none (nest_create.c) */
		if (nl) {
			*nl = '\0';
			e.parent = (int)strtol(nl + 1, NULL, 10);
		}
		size_t nlen = strlen(buf);
		if (nlen >= sizeof(e.name))
			continue; /* not an entry of ours */
		memcpy(e.name, buf, nlen + 1);
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			struct reg_entry *bigger = realloc(list, (size_t)cap * sizeof(*list));
			if (!bigger) {
				free(list);
				closedir(d);
				return -ENOMEM;
			}
			list = bigger;
		}
		list[n++] = e;
	}
	closedir(d);
	if (n)
		qsort(list, (size_t)n, sizeof(*list), cmp_entry);
	*out = list;
	return n;
}

/* FreeBSD: a key that is a number (no leading zero) is a jid. */
static int key_jid(const char *key)
{
	char *end;
	if (key[0] < '1' || key[0] > '9')
		return 0;
	long n = strtol(key, &end, 10);
	return *end || n > 2147483647L ? 0 : (int)n;
}

int registry_find(struct registry *r, const char *key, struct reg_entry *out)
{
	struct reg_entry *list;
	int n = registry_list(r, &list);
	int jid = key_jid(key);
	int rc = -ENOENT;

	for (int i = 0; i < n; i++)
		if (jid ? list[i].jid == jid : strcmp(list[i].name, key) == 0) {
			*out = list[i];
			rc = 0;
			break;
		}
	free(list);
	return n < 0 ? n : rc;
}

static int read_last_jid(int fd)
{
	char buf[16];
	ssize_t len = pread(fd, buf, sizeof(buf) - 1, 0);
	if (len <= 0)
		return 0;
	buf[len] = '\0';
	int last = atoi(buf);
	return last > 0 && last <= REGISTRY_MAX_JID ? last : 0;
}

static void write_last_jid(int fd, int jid)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%d\n", jid);
	if (ftruncate(fd, 0) == 0 && pwrite(fd, buf, (size_t)len, 0) != len) {
		/* only a hint for the next allocation */
	}
}

static bool jid_taken(const struct reg_entry *list, int n, int jid)
{
	for (int i = 0; i < n; i++)
		if (list[i].jid == jid)
			return true;
	return false;
}

int registry_sock_addr(const struct registry *r, int jid, struct sockaddr_un *addr)
{
	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	int len = snprintf(addr->sun_path, sizeof(addr->sun_path), "%s/%d.sock", r->dir, jid);
	return len < 0 || (size_t)len >= sizeof(addr->sun_path) ? -ENAMETOOLONG : 0;
}

static int make_socket(const struct registry *r, int jid, char *err, size_t errlen)
{
	struct sockaddr_un addr;
	if (registry_sock_addr(r, jid, &addr)) {
		snprintf(err, errlen, "%s: %s", r->dir, strerror(ENAMETOOLONG));
		return -1;
	}
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return -1;
	}
	unlink(addr.sun_path);
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(fd, 16) < 0) {
		snprintf(err, errlen, "%s: %s", addr.sun_path, strerror(errno));
		close(fd);
		unlink(addr.sun_path);
		return -1;
	}
	return fd;
}

int registry_create(struct registry *r, struct jail *j, struct reg_handle *h, char *err, size_t errlen)
{
	struct reg_entry *list;
	int n = list_all(r, &list);
	int jid = j->jid;

	h->jid = 0;
	h->entry_fd = h->listen_fd = -1;
	if (n < 0) {
		snprintf(err, errlen, "%s: %s", r->dir, strerror(-n));
		return -1;
	}
	/* jail(8) looks the jail up by jid if one is given, else by name */
	if (jid && jid_taken(list, n, jid)) {
		snprintf(err, errlen, "\"%d\" already exists", jid);
		goto fail;
	}
	/* a child made inside its parent is named as the parent names it
	 * ("c", not "p.c": the parent's own name is not its to see) */
	const char *shown = scope_jid && strrchr(j->name, '.') ? strrchr(j->name, '.') + 1 : j->name;
	for (int i = 0; j->name[0] && i < n; i++)
		if (strcmp(list[i].name, j->name) == 0) {
			/* by jid: the kernel's words; by name: jail(8)'s */
			if (jid)
				snprintf(err, errlen, "jail \"%s\" already exists", shown);
			else
				snprintf(err, errlen, "\"%s\" already exists", shown);
			goto fail;
		}
	if (jid > REGISTRY_MAX_JID) {
		snprintf(err, errlen, "jid %d: out of range (at most %d)", jid, REGISTRY_MAX_JID);
		goto fail;
	}
	if (!jid) {
		/* like FreeBSD, jids grow: a jid just freed is not given again at once */
		int last = read_last_jid(r->lock_fd);
		for (int k = 1; k <= REGISTRY_MAX_JID && !jid; k++) {
			int cand = (last + k - 1) % REGISTRY_MAX_JID + 1;
			if (!jid_taken(list, n, cand))
				jid = cand;
		}
		if (!jid) {
			snprintf(err, errlen, "no available jail IDs");
			goto fail;
		}
	}
	if (jail_check_name(j->name, jid)) {
		snprintf(err, errlen, "name cannot be numeric (unless it is the jid)");
		goto fail;
	}
	if (!j->name[0])
		snprintf(j->name, sizeof(j->name), "%d", jid);
	char path[PATH_MAX + 32];
	snprintf(path, sizeof(path), "%s/%d.jail", r->dir, jid);
	h->entry_fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (h->entry_fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto fail;
	}
	char content[JAIL_NAME_MAX + 16];
	int len = snprintf(content, sizeof(content), "%s\n%d", j->name, j->parent);
	if (flock(h->entry_fd, LOCK_EX | LOCK_NB) < 0 || write(h->entry_fd, content, (size_t)len) != (ssize_t)len) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto fail_entry;
	}
	h->listen_fd = make_socket(r, jid, err, errlen);
	if (h->listen_fd < 0)
		goto fail_entry;
	write_last_jid(r->lock_fd, jid);
	h->jid = j->jid = jid;
	free(list);
	return 0;
fail_entry:
	unlink(path);
	close(h->entry_fd);
	h->entry_fd = -1;
fail:
	free(list);
	return -1;
}

void registry_remove(struct registry *r, struct reg_handle *h)
{
	if (h->jid <= 0)
		return;
	int locked = registry_lock(r) == 0;
	unlink_entry(r, h->jid);
	if (locked)
		registry_unlock(r);
	if (h->listen_fd >= 0)
		close(h->listen_fd);
	if (h->entry_fd >= 0)
		close(h->entry_fd);
	h->listen_fd = h->entry_fd = -1;
	h->jid = 0;
}

int registry_connect(struct registry *r, const char *key, struct reg_entry *e, int timeout_s)
{
	struct sockaddr_un addr;
	int rc = registry_lock(r);
	if (rc)
		return rc;
	rc = registry_find(r, key, e);
	registry_unlock(r);
	if (rc)
		return rc;
	if (registry_sock_addr(r, e->jid, &addr))
		return -ENAMETOOLONG;
	rc = ctl_connect(addr.sun_path, timeout_s);
	/* refused: its supervisor died since we looked */
	return rc == -ECONNREFUSED ? -ENOENT : rc;
}
