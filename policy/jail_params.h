/* SPDX-License-Identifier: BSD-2-Clause */
/* Every FreeBSD 14 jail parameter jail(8) and jls(8) know beyond the core
 * ones of cmdline_new.c (jid, name, path, host.*name, ip*.addr, persist,
 * allow.*, exec.*, command, stop.timeout): what each means here, its
 * type, its default as jls prints it, and, for the ones Linux has no
 * meaning for, why (docs/parameters.md). */
#ifndef JAIL_POLICY_JAIL_PARAMS_H
#define JAIL_POLICY_JAIL_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

#include "jail.h"

/* Why allow.mount.<fs> cannot be true for a type other than tmpfs and
 * nullfs: the supervisor makes a jailed root's mounts itself (when it runs
 * as root), and only those two are of the jail alone; devfs, procfs and
 * fdescfs the jail has already, the rest would expose host devices. */
#define JAIL_NO_MOUNT_WHY                                                                 \
	"only tmpfs and nullfs mounts are made for a jail here (its /dev, /proc and /dev/fd " \
	"are there already)"

enum jp_type { JP_BOOL, JP_INT, JP_STRING, JP_JAILSYS };

enum jp_kind {
	JPK_FIELD,    /* a field of struct jail with an effect */
	JPK_EXTRA,    /* kept (struct jail's extra) and shown; no effect of its own */
	JPK_READONLY, /* reported by jls, never set */
	JPK_NONE,     /* no Linux meaning: setting it is an error saying why */
};

struct jail_param_def {
	const char *name;
	enum jp_type type;
	enum jp_kind kind;
	bool kernel;      /* a kernel parameter (jls all); else one of jail(8)'s own */
	const char *def;  /* the default as jls prints it (JPK_EXTRA) */
	const char *why;  /* JPK_NONE: the reason */
};

extern const struct jail_param_def jail_params[];
extern const unsigned jail_param_count;

/* The definition of name ("nox" finds boolean x with *negate set), or NULL. */
const struct jail_param_def *jail_param_find(const char *name, bool *negate);

/* Sets one of these parameters (value NULL for a bare boolean). 1 if name
 * is one of them and was set; 0 if it is not one of them; -1 with
 * FreeBSD's message in err ("securelevel: non-integer value \"x\"",
 * "vnet: new: not supported: ...", "children.cur: read-only parameter"). */
int jail_param_set(struct jail *j, const char *name, const char *value, char *err, size_t errlen);

/* Its value in j, as jls prints it (booleans "true"/"false", jailsys
 * "new"/"inherit"/"disable"). buf holds the text. */
const char *jail_param_get(const struct jail *j, const struct jail_param_def *p, char *buf, size_t size);

/* Parses a jailsys value ("new", "inherit", "disable" or 0/1/2). */
int jail_sys_parse(const char *value, enum jail_sys *out);
const char *jail_sys_name(enum jail_sys v);

#endif
