/* SPDX-License-Identifier: BSD-2-Clause */
/* The capabilities a jailed process may hold: FreeBSD's list of privileges
 * jailed root keeps (prison_priv_check's "allowed" cases), mapped to Linux
 * capabilities. Default deny: every capability not listed is dropped from
 * all sets (bounding, permitted, effective, inheritable, ambient) before
 * the jailed command runs, so the kernel refuses what needs it even where
 * the seccomp filter cannot see the arguments. */
#ifndef JAIL_POLICY_PRIV_CAPS_H
#define JAIL_POLICY_PRIV_CAPS_H

#include <stdint.h>

#include "jail.h"

struct priv_cap {
	int cap;          /* CAP_* */
	int allow;        /* allow.* flag it needs, or NO_ALLOW_NEEDED */
	const char *reason;
};

#define NO_ALLOW_NEEDED (-1)

extern const struct priv_cap priv_caps[];
extern const unsigned priv_cap_count;

/* Bit mask (1 << CAP_*) of the capabilities jail j lets its processes
 * hold; 0 if allow.suser is off (uid 0 is an ordinary user). */
uint64_t jail_kept_capabilities(const struct jail *j);

#endif
