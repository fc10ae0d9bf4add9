/* SPDX-License-Identifier: BSD-2-Clause */
/* FreeBSD's default devfs rulesets on Linux device names (devfs_rules.h).
 *
 * /etc/defaults/devfs.rules: 1 devfsrules_hide_all (hide everything),
 * 2 devfsrules_unhide_basic (null zero crypto random urandom), 3
 * devfsrules_unhide_login (the old BSD ptys, ptmx, pts and what is in it, fd and what is in it,
 * stdin, stdout, stderr), 4 devfsrules_jail (1 + 2 + 3, fuse, zfs), 5
 * devfsrules_jail_vnet (4 + pf). Rulesets 2 and 3 only unhide: applied
 * alone to a fresh devfs they hide nothing, as ruleset 0 (no rules). Linux
 * has no crypto, old BSD pty or pf device. Its /dev/tty (the caller's
 * terminal) stands for what the login rules give a logged-in user; its
 * ttyS* are serial ports, not BSD ptys, and stay hidden. /dev/zfs is left
 * out: Linux's ZFS is not jail-aware, so it would administer the host's
 * pools. */
#include "devfs_rules.h"

#include <stdio.h>
#include <string.h>

#include "jail.h"

enum {
	D_NULL, D_ZERO, D_FULL, D_RANDOM, D_URANDOM, D_TTY, D_PTMX, D_PTS, D_FD,
	D_STDIN, D_STDOUT, D_STDERR, D_FUSE,
};

const char *const devfs_names[] = {
	"null", "zero", "full", "random", "urandom", "tty", "ptmx", "pts",
	"fd", "stdin", "stdout", "stderr", "fuse", NULL,
};

#define BIT(d) (1u << (d))
#define BASIC (BIT(D_NULL) | BIT(D_ZERO) | BIT(D_RANDOM) | BIT(D_URANDOM))
#define LOGIN (BIT(D_TTY) | BIT(D_PTMX) | BIT(D_PTS) | BIT(D_FD) | BIT(D_STDIN) | BIT(D_STDOUT) | BIT(D_STDERR))

const unsigned devfs_default_mask = BASIC | LOGIN | BIT(D_FULL);

int devfs_ruleset_mask(int n, unsigned *mask, char *err, size_t errlen)
{
	switch (n) {
	case 1: /* devfsrules_hide_all */
		*mask = 0;
		return 0;
	case 4: /* devfsrules_jail */
	case 5: /* devfsrules_jail_vnet: pf has no Linux device */
		*mask = BASIC | LOGIN | BIT(D_FUSE);
		return 0;
	case 0:
	case 2:
	case 3:
		snprintf(err, errlen,
			 "devfs_ruleset %d hides no device: the jail would see the host's whole /dev "
			 "(use 4, devfsrules_jail)",
			 n);
		return -1;
	default:
		snprintf(err, errlen, "devfs_ruleset %d: no such ruleset (rulesets 1, 4 and 5 are defined)", n);
		return -1;
	}
}

int devfs_name_bit(const char *name, size_t len)
{
	for (int i = 0; devfs_names[i]; i++)
		if (strlen(devfs_names[i]) == len && strncmp(devfs_names[i], name, len) == 0)
			return i;
	return -1;
}

int jail_devfs(const struct jail *j, bool *on, unsigned *mask, char *err, size_t errlen)
{
	char buf[16];
	const char *v = jail_extra_get(j, "mount.devfs", buf, sizeof(buf));
	*on = v && strcmp(v, "true") == 0;
	*mask = devfs_default_mask;
	if (!*on)
		return 0;
	if (devfs_ruleset_mask(j->devfs_ruleset_set ? j->devfs_ruleset : DEVFS_JAIL_RULESET, mask, err, errlen))
		return -1;
	/* a jail at / shares the host's whole file system, /dev with it (as
	 * a FreeBSD jail at / sees the host's devfs): nothing to cover */
	if (!jail_has_root(j)) {
		*on = false;
		*mask = devfs_default_mask;
	}
	return 0;
}
