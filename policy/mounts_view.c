/* SPDX-License-Identifier: BSD-2-Clause */
/* FreeBSD's enforce_statfs over Linux's mount table files. A record is a
 * line (mounts, mountinfo) or a "device ..." line with the lines that
 * follow it (mountstats). The kernel prints them in the same order in the
 * three files, leaving out the same mounts (those not reachable from the
 * process's root), so record i of mounts or mountstats is line i of
 * mountinfo, which gives its mount id. Mount points are printed with
 * space, tab, newline and backslash as \ooo. */
#include "mounts_view.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "path.h"

int mounts_kind_of(const char *name)
{
	if (strcmp(name, "mounts") == 0)
		return MOUNTS_MOUNTS;
	if (strcmp(name, "mountinfo") == 0)
		return MOUNTS_MOUNTINFO;
	if (strcmp(name, "mountstats") == 0)
		return MOUNTS_MOUNTSTATS;
	return -1;
}

struct buf {
	char *p;
	size_t len, cap;
	bool oom;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t c = (b->len + n + 1) * 2;
		char *q = realloc(b->p, c);
		if (!q) {
			b->oom = true;
			return;
		}
		b->p = q;
		b->cap = c;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* The printed (escaped) field of n bytes, unescaped into out. */
static int unescape(const char *s, size_t n, char *out, size_t size)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\\' && i + 3 < n && s[i + 1] >= '0' && s[i + 1] <= '3' &&
		    s[i + 2] >= '0' && s[i + 2] <= '7' && s[i + 3] >= '0' && s[i + 3] <= '7') {
			c = (char)((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
			i += 3;
		}
		if (o + 1 >= size)
			return -ENAMETOOLONG;
		out[o++] = c;
	}
	out[o] = '\0';
	return 0;
}

/* s as the kernel prints a mount point. */
static void put_escaped(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\') {
			char e[5];
			snprintf(e, sizeof(e), "\\%03o", (unsigned char)*s);
			put(b, e, 4);
		} else {
			put(b, s, 1);
		}
	}
}

/* The start and length of field k (0-based, space-separated) of a line. */
static bool field(const char *line, size_t n, int k, size_t *at, size_t *flen)
{
	size_t i = 0;
	for (int f = 0;; f++) {
		size_t s = i;
		while (i < n && line[i] != ' ')
			i++;
		if (f == k) {
			*at = s;
			*flen = i - s;
			return i > s;
		}
		if (i >= n)
			return false;
		i++;
	}
}

/* Where the mount point of a record is (its first line, n bytes). */
static bool mount_point(enum mounts_kind kind, const char *line, size_t n, size_t *at, size_t *flen)
{
	if (kind == MOUNTS_MOUNTS)
		return field(line, n, 1, at, flen);
	if (kind == MOUNTS_MOUNTINFO)
		return field(line, n, 4, at, flen);
	/* device DEV mounted on MP with fstype ... (DEV has no space) */
	size_t a, l;
	if (!field(line, n, 0, &a, &l) || l != 6 || memcmp(line, "device", 6) != 0)
		return false;
	static const char on[] = " mounted on ", with[] = " with fstype ";
	const char *p = memmem(line, n, on, sizeof(on) - 1);
	if (!p)
		return false;
	size_t s = (size_t)(p - line) + sizeof(on) - 1;
	const char *e = memmem(line + s, n - s, with, sizeof(with) - 1);
	if (!e)
		return false;
	*at = s;
	*flen = (size_t)(e - line) - s;
	return *flen > 0;
}

/* The length of the record at text (mountstats: up to the next "device "
 * line), newline included. */
static size_t record_len(enum mounts_kind kind, const char *text, size_t len)
{
	size_t i = 0;
	do {
		const char *nl = memchr(text + i, '\n', len - i);
		i = nl ? (size_t)(nl - text) + 1 : len;
	} while (kind == MOUNTS_MOUNTSTATS && i < len && !(len - i >= 7 && memcmp(text + i, "device ", 7) == 0));
	return i;
}

/* The mount id and mount point (unescaped) of mountinfo line `line`. */
static int info_line(const char *line, size_t n, long *id, char *mp, size_t size)
{
	size_t a, l;
	if (!field(line, n, 0, &a, &l))
		return -EAGAIN;
	char num[24];
	if (l >= sizeof(num))
		return -EAGAIN;
	memcpy(num, line + a, l);
	num[l] = '\0';
	char *end;
	*id = strtol(num, &end, 10);
	if (*end)
		return -EAGAIN;
	if (!field(line, n, 4, &a, &l))
		return -EAGAIN;
	return unescape(line + a, l, mp, size);
}

long mounts_view_filter(enum mounts_kind kind, const struct mounts_scope *scope, const char *info, size_t ilen,
			const char *text, size_t len, char **out)
{
	struct buf b = {NULL, 0, 0, false};
	size_t at = 0, iat = 0;
	int err = 0;
	char printed[PATH_MAX], host[PATH_MAX], guest[PATH_MAX], other[PATH_MAX];
	put(&b, "", 0);
	while (at < len && !err) {
		size_t rl = record_len(kind, text + at, len - at);
		const char *rec = text + at;
		const char *nl = memchr(rec, '\n', rl);
		size_t first = nl ? (size_t)(nl - rec) : rl;
		size_t mpa, mpl;
		long id;
		if (!mount_point(kind, rec, first, &mpa, &mpl)) {
			err = -EAGAIN; /* not a line the kernel prints */
			break;
		}
		if ((err = unescape(rec + mpa, mpl, printed, sizeof(printed))))
			break;
		if (kind == MOUNTS_MOUNTINFO) {
			err = info_line(rec, first, &id, other, sizeof(other));
		} else {
			/* line i of mountinfo: the same mount point, else the table moved */
			if (iat >= ilen) {
				err = -EAGAIN;
				break;
			}
			const char *inl = memchr(info + iat, '\n', ilen - iat);
			size_t il = inl ? (size_t)(inl - info) - iat : ilen - iat;
			err = info_line(info + iat, il, &id, other, sizeof(other));
			if (!err && strcmp(other, printed) != 0)
				err = -EAGAIN;
			iat += il + (inl ? 1 : 0);
		}
		if (err)
			break;
		/* where it is on the host: the process's root + what was printed */
		if (printed[0] != '/') {
			err = -EAGAIN;
			break;
		}
		if ((err = path_join(scope->pid_root, printed + 1, host, sizeof(host))))
			break;
		bool shown = false;
		if (id == scope->root_mnt_id) {
			shown = true;
			strcpy(guest, "/");
		} else if (scope->enforce_statfs == 1 && path_within(scope->jail_root, host)) {
			shown = true;
			if ((err = path_host_to_guest(scope->jail_root, host, guest, sizeof(guest))))
				break;
		}
		if (shown) {
			put(&b, rec, mpa);
			put_escaped(&b, guest);
			put(&b, rec + mpa + mpl, rl - mpa - mpl);
		}
		at += rl;
	}
	if (!err && kind != MOUNTS_MOUNTINFO && iat < ilen)
		err = -EAGAIN; /* mountinfo has more: the table moved */
	if (!err && b.oom)
		err = -ENOMEM;
	if (err) {
		free(b.p);
		*out = NULL;
		return err;
	}
	*out = b.p;
	return (long)b.len;
}
