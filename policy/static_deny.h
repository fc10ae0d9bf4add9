/* SPDX-License-Identifier: BSD-2-Clause */
/* Denials the kernel's seccomp filter decides from registers alone: the
 * syscall number and, at most, two arguments compared under a mask. Two
 * tables of rows: the supervisor's own integrity (static_deny.c) and jailed
 * root's privileges (priv_table.c, read like FreeBSD's prison_priv_check).
 * Each row has its reason. supervisor/confine/filter.c turns every row into a
 * libseccomp rule for every ABI. */
#ifndef JAIL_POLICY_STATIC_DENY_H
#define JAIL_POLICY_STATIC_DENY_H

#include <stdbool.h>
#include <stdint.h>

#include "../arch/syscalls.h"
#include "jail.h"

#define NO_ALLOW (-1)       /* allow: no allow.* flag lifts this row */
#define DENY_MAX_CONDS 2

enum deny_cmp {
	DENY_CMP_NONE = 0,  /* unused condition slot */
	DENY_CMP_MASKED_EQ, /* holds when (arg & mask) == value */
	DENY_CMP_NE,        /* holds when arg != value */
};

struct deny_cond {
	enum deny_cmp cmp;
	unsigned arg;       /* argument index 0..5 */
	uint64_t mask;
	uint64_t value;
};

struct static_deny {
	enum sc_id id;
	/* Deny when every used condition holds; no condition: deny whatever
	 * the arguments. */
	struct deny_cond cond[DENY_MAX_CONDS];
	int err;            /* errno the caller gets */
	int allow;          /* allow.* flag that lifts the row, or NO_ALLOW */
	/* ABIs whose registers carry the compared arguments, as bits
	 * 1 << SCT_*; 0: every ABI. (i386's old mmap takes its arguments
	 * in memory, for instance.) */
	unsigned only_abis;
	const char *reason;
};

/* Rows are written with these. Conditions: */
#define DC_BITS(n, bits) {DENY_CMP_MASKED_EQ, (n), (bits), (bits)}         /* all of bits set */
#define DC_MASKED(n, m, v) {DENY_CMP_MASKED_EQ, (n), (m), (v)}             /* (arg & m) == v */
#define DC_EQ32(n, v) {DENY_CMP_MASKED_EQ, (n), 0xffffffffu, (uint32_t)(v)} /* an int or u32 argument == v */
#define DC_NE(n, v) {DENY_CMP_NE, (n), 0, (v)}
/* Rows: */
#define DENY(sc, e, al, why) {.id = SC_##sc, .err = (e), .allow = (al), .reason = (why)}
#define DENY_IF(sc, c0, e, al, why) {.id = SC_##sc, .cond = {c0}, .err = (e), .allow = (al), .reason = (why)}
#define DENY_IF2(sc, c0, c1, e, al, why) \
	{.id = SC_##sc, .cond = {c0, c1}, .err = (e), .allow = (al), .reason = (why)}
#define ALLOW_FLAG(name) JAIL_ALLOW_##name

extern const struct static_deny static_denies[];
extern const unsigned static_deny_count;
extern const struct static_deny priv_denies[];
extern const unsigned priv_deny_count;

/* Every row of both tables: start with NULL, NULL after the last. */
const struct static_deny *static_deny_next(const struct static_deny *prev);

/* Row number i over both tables (as static_deny_next walks them), NULL if
 * none; and the number of a row. For tagging filter results. */
const struct static_deny *static_deny_at(unsigned i);
unsigned static_deny_index(const struct static_deny *d);

/* Does this row apply to jail j (its allow.* flag is off)? */
bool static_deny_applies(const struct static_deny *d, const struct jail *j);
/* Does the row deny whatever the arguments? */
bool static_deny_always(const struct static_deny *d);
/* Does the row apply to ABI table t (SCT_*)? */
bool static_deny_on_abi(const struct static_deny *d, enum sc_table t);
/* Would the row deny a call with these arguments (as the kernel filter
 * compares them on an ABI of word_size bytes)? For tests and reports. */
bool static_deny_matches(const struct static_deny *d, const uint64_t args[6], unsigned word_size);
/* The first row that denies call id with these arguments in jail j on ABI
 * table t (word_size bytes a word), NULL if none: the filter's decision,
 * taken again from the syscall number and the registers alone. The
 * supervisor decides with this at every stop, never from the filter's
 * SECCOMP_RET_DATA: a jailed process can stack its own filter whose TRACE
 * data replaces ours. */
const struct static_deny *static_deny_find(const struct jail *j, enum sc_table t, enum sc_id id,
					   const uint64_t args[6], unsigned word_size);

#endif
