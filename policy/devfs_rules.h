/* SPDX-License-Identifier: BSD-2-Clause */
/* FreeBSD's default devfs rulesets (/etc/defaults/devfs.rules) as the Linux
 * /dev names they show: what a jail with mount.devfs sees in its /dev
 * (docs/dev.md). Pure: the supervisor's fs layer applies the set. */
#ifndef JAIL_POLICY_DEVFS_RULES_H
#define JAIL_POLICY_DEVFS_RULES_H

#include <stdbool.h>
#include <stddef.h>

struct jail;

/* The /dev names a jail may be shown, NULL-terminated; bit i of a mask
 * stands for devfs_names[i]. */
extern const char *const devfs_names[];

/* The set a root without /dev shows when mount.devfs is not given (the
 * fixed safe set: ruleset 4 plus full, without fuse). */
extern const unsigned devfs_default_mask;

/* The ruleset FreeBSD's jail(8) applies with mount.devfs when
 * devfs_ruleset is not given (devfsrules_jail). */
#define DEVFS_JAIL_RULESET 4

/* The names ruleset n shows on a fresh devfs: 0 and *mask, or -1 with the
 * one-line reason in err (a ruleset that hides nothing, one that does not
 * exist). */
int devfs_ruleset_mask(int n, unsigned *mask, char *err, size_t errlen);

/* Bit of name (len bytes, no slash) in the masks, or -1. */
int devfs_name_bit(const char *name, size_t len);

/* Checks j's mount.devfs / devfs_ruleset before the jail is made: 0 (with
 * mount.devfs in a jail with its own root, *mask the names its /dev shows,
 * *on true; a jail at / keeps the host's /dev), or -1 with jail(8)'s
 * message (after "jail: ") in err. */
int jail_devfs(const struct jail *j, bool *on, unsigned *mask, char *err, size_t errlen);

#endif
