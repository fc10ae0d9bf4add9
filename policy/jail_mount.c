/* SPDX-License-Identifier: BSD-2-Clause */
#include "jail_mount.h"

#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

#ifndef MS_NOSYMFOLLOW
#define MS_NOSYMFOLLOW 256
#endif

/* fstab(5)'s vis(3) encoding of a field (\040 for a space, \\): decoded in
 * place; -1 if malformed. */
static int unvis_field(char *s)
{
	char *w = s;
	for (const char *r = s; *r; r++) {
		if (*r != '\\') {
			*w++ = *r;
			continue;
		}
		if (r[1] >= '0' && r[1] <= '3' && r[2] >= '0' && r[2] <= '7' && r[3] >= '0' && r[3] <= '7') {
			*w++ = (char)((r[1] - '0') * 64 + (r[2] - '0') * 8 + (r[3] - '0'));
			r += 3;
		} else if (r[1] == '\\') {
			*w++ = '\\';
			r++;
		} else if (r[1] == 's') {
			*w++ = ' ';
			r++;
		} else if (r[1] == 't') {
			*w++ = '\t';
			r++;
		} else {
			return -1;
		}
	}
	*w = '\0';
	return 0;
}

struct flag_word {
	const char *word;
	unsigned long set, clear;
};

static const struct flag_word flag_words[] = {
	{"ro", MS_RDONLY, 0},          {"rdonly", MS_RDONLY, 0},   {"rw", 0, MS_RDONLY},
	{"nosuid", MS_NOSUID, 0},      {"suid", 0, MS_NOSUID},     {"nodev", MS_NODEV, 0},
	{"dev", 0, MS_NODEV},          {"noexec", MS_NOEXEC, 0},   {"exec", 0, MS_NOEXEC},
	{"noatime", MS_NOATIME, 0},    {"atime", 0, MS_NOATIME},   {"sync", MS_SYNCHRONOUS, 0},
	{"async", 0, MS_SYNCHRONOUS},  {"nosymfollow", MS_NOSYMFOLLOW, 0},
	/* fstab(5)'s words for mount -a and fsck: nothing for one mount */
	{"defaults", 0, 0},            {"auto", 0, 0},             {"noauto", 0, 0},
	{"late", 0, 0},                {"failok", 0, 0},
};

static const struct flag_word *flag_word(const char *w)
{
	for (size_t i = 0; i < sizeof(flag_words) / sizeof(flag_words[0]); i++)
		if (strcmp(flag_words[i].word, w) == 0)
			return &flag_words[i];
	return NULL;
}

static int append_data(char *data, size_t size, const char *w)
{
	size_t used = strlen(data);
	int n = snprintf(data + used, size - used, "%s%s", used ? "," : "", w);
	return n < 0 || (size_t)n >= size - used ? -1 : 0;
}

/* FreeBSD's names for file systems a Linux kernel has under another name,
 * or that a jail here has already. */
static int map_type(struct jail_mount *m)
{
	static const char *const provided[] = {"procfs", "linprocfs", "fdescfs", NULL};
	for (int i = 0; provided[i]; i++)
		if (strcmp(m->type, provided[i]) == 0) {
			m->kind = JAIL_MOUNT_PROVIDED;
			return 0;
		}
	if (strcmp(m->type, "nullfs") == 0) {
		m->kind = JAIL_MOUNT_BIND;
		return 0;
	}
	if (strcmp(m->type, "devfs") == 0)
		return -1; /* mount.devfs gives the jail its /dev */
	m->kind = JAIL_MOUNT_FS;
	snprintf(m->linux_type, sizeof(m->linux_type), "%s", strcmp(m->type, "linsysfs") == 0 ? "sysfs" : m->type);
	return 0;
}

int jail_mount_parse(const char *param, const char *line, struct jail_mount *out, char *err, size_t errlen)
{
	char copy[2 * PATH_MAX + 512];
	char *field[4] = {NULL, NULL, NULL, NULL};
	int n = 0;
	memset(out, 0, sizeof(*out));
	if (strlen(line) >= sizeof(copy)) {
		snprintf(err, errlen, "%s: %.64s...: fstab parse error", param, line);
		return -1;
	}
	strcpy(copy, line);
	char *hash = strchr(copy, '#'); /* fstab(5): a comment to the end of the line */
	if (hash)
		*hash = '\0';
	char *save = NULL;
	for (char *w = strtok_r(copy, " \t\f\v\r\n", &save); w && n < 4; w = strtok_r(NULL, " \t\f\v\r\n", &save)) {
		if (n <= 1 && unvis_field(w)) {
			snprintf(err, errlen, "%s: %s: fstab parse error", param, line);
			return -1;
		}
		field[n++] = w;
	}
	if (n == 0)
		return 0;
	if (n < 3) {
		snprintf(err, errlen, "%s: %s: missing information", param, line);
		return -1;
	}
	if (strlen(field[0]) >= sizeof(out->dev) || strlen(field[1]) >= sizeof(out->dir) ||
	    strlen(field[2]) >= sizeof(out->type) || (field[3] && strlen(field[3]) >= sizeof(out->opts))) {
		snprintf(err, errlen, "%s: %s: fstab parse error", param, line);
		return -1;
	}
	strcpy(out->dev, field[0]);
	strcpy(out->dir, field[1]);
	strcpy(out->type, field[2]);
	if (field[3])
		strcpy(out->opts, field[3]);
	if (out->dir[0] != '/') {
		snprintf(err, errlen, "%s: %s: not an absolute pathname", param, out->dir);
		return -1;
	}
	if (map_type(out)) {
		snprintf(err, errlen, "%s: %s: devfs: not supported here: mount.devfs gives the jail its /dev", param,
			 out->dir);
		return -1;
	}
	char opts[sizeof(out->opts)];
	strcpy(opts, out->opts);
	for (char *w = strtok_r(opts, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		const struct flag_word *f = flag_word(w);
		if (f) {
			out->flags = (out->flags | f->set) & ~f->clear;
			continue;
		}
		/* FreeBSD's tmpfs says inodes=, Linux's nr_inodes= */
		char mapped[sizeof(out->data)];
		if (strncmp(w, "inodes=", 7) == 0 && strcmp(out->type, "tmpfs") == 0)
			snprintf(mapped, sizeof(mapped), "nr_%s", w);
		else
			snprintf(mapped, sizeof(mapped), "%s", w);
		if (out->kind == JAIL_MOUNT_BIND || append_data(out->data, sizeof(out->data), mapped)) {
			snprintf(err, errlen, "%s: %s: %s: unknown option", param, line, w);
			return -1;
		}
	}
	return 1;
}

void jail_mount_describe(const struct jail_mount *m, char *buf, size_t size)
{
	if (m->opts[0])
		snprintf(buf, size, "/sbin/mount -t %s -o %s %s %s", m->type, m->opts, m->dev, m->dir);
	else
		snprintf(buf, size, "/sbin/mount -t %s %s %s", m->type, m->dev, m->dir);
}

unsigned long long jail_mount_attr(unsigned long flags)
{
	unsigned long long a = 0;
	a |= flags & MS_RDONLY ? MOUNT_ATTR_RDONLY : 0;
	a |= flags & MS_NOSUID ? MOUNT_ATTR_NOSUID : 0;
	a |= flags & MS_NODEV ? MOUNT_ATTR_NODEV : 0;
	a |= flags & MS_NOEXEC ? MOUNT_ATTR_NOEXEC : 0;
	a |= flags & MS_NOATIME ? MOUNT_ATTR_NOATIME : 0;
	a |= flags & MS_NOSYMFOLLOW ? MOUNT_ATTR_NOSYMFOLLOW : 0;
	return a;
}
