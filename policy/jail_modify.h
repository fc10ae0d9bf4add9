/* SPDX-License-Identifier: BSD-2-Clause */
/* jail -m: which changes a running jail takes, as FreeBSD's jail_set(2)
 * with JAIL_UPDATE decides, narrowed to what this design can apply live. */
#ifndef JAIL_POLICY_JAIL_MODIFY_H
#define JAIL_POLICY_JAIL_MODIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "jail.h"

/* May jail `from` become `to`? `running`: the jail has processes. The
 * host and domain names, persist, children.max, allow.set_hostname and
 * the addresses within a family the jail already uses are read live and
 * change at any time. The rest of what a process's filters and
 * capabilities hold (allow.*, securelevel, sysv*, ip4/ip6, a family's
 * first address or its last) changes only while no process runs (the
 * next process gets it); osrelease, osreldate and path never (FreeBSD:
 * "... cannot be changed after creation"); securelevel is never lowered.
 * 0, or -1 with the message in err. */
int jail_modify_check(const struct jail *from, const struct jail *to, bool running, char *err, size_t errlen);

/* Applies a checked change: copies into dst the parameters that may
 * change (names, addresses and their modes, allow.*, persist, limits,
 * the kept parameters), never the path, name, jid or osrelease others
 * read from other threads. */
void jail_modify_apply(struct jail *dst, const struct jail *src);

#endif
