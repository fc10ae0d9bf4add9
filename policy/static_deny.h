/* Denials the kernel's seccomp filter decides from registers alone: the
 * syscall number and, at most, one argument compared under a mask. Read like
 * FreeBSD's prison_priv_check: each row has its reason. */
#ifndef JAIL_POLICY_STATIC_DENY_H
#define JAIL_POLICY_STATIC_DENY_H

#include <stdbool.h>
#include <stdint.h>

#include "../arch/syscalls.h"
#include "jail.h"

#define DENY_ALWAYS (-1) /* arg: deny whatever the arguments */
#define NO_ALLOW (-1)    /* allow: no allow.* flag lifts this row */

struct static_deny {
	enum sc_id id;
	int arg;          /* argument index, or DENY_ALWAYS */
	uint64_t mask;    /* deny when (arg & mask) == value */
	uint64_t value;
	int err;          /* errno the caller gets */
	int allow;        /* allow.* flag that lifts the row, or NO_ALLOW */
	const char *reason;
};

extern const struct static_deny static_denies[];
extern const unsigned static_deny_count;

/* Does this row apply to jail j (its allow.* flag is off)? */
bool static_deny_applies(const struct static_deny *d, const struct jail *j);

#endif
