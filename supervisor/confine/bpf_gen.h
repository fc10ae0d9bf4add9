/* SPDX-License-Identifier: BSD-2-Clause */
/* A jail's one seccomp filter, from a plan: per ABI and syscall number, a
 * list of rules (an action and the conditions on the arguments under which
 * it applies). The call gets the action of highest seccomp precedence
 * among its rules whose conditions all hold (the first added among equal
 * actions), or plan->unknown when none holds; a number with no rules gets
 * plan->unknown; an ABI not in the plan gets plan->other_arch. That is what
 * the kernel would decide if each rule were a filter of its own, so rules
 * written for several stacked filters keep their meaning in one.
 *
 * The program: the ABI by audit arch, then a binary search over runs of
 * numbers with the same answer, then, for a number whose answer depends
 * on its arguments, its rules in precedence order. Jumps are forward (JA
 * for any distance), so its size is linear in the rules. */
#ifndef JAIL_SUPERVISOR_BPF_GEN_H
#define JAIL_SUPERVISOR_BPF_GEN_H

#include <linux/seccomp.h>
#include <stdbool.h>
#include <stdint.h>

#include "../../policy/static_deny.h" /* struct deny_cond */

struct sock_filter;

#define PLAN_MAX_ABIS 3
#define RULE_MAX_CONDS 3

#define ACT_ALLOW SECCOMP_RET_ALLOW
#define ACT_NOTIFY SECCOMP_RET_USER_NOTIF
#define ACT_KILL_PROCESS SECCOMP_RET_KILL_PROCESS
#define ACT_ERRNO(e) (SECCOMP_RET_ERRNO | ((uint32_t)(e) & SECCOMP_RET_DATA))
#define ACT_TRACE(d) (SECCOMP_RET_TRACE | ((uint32_t)(d) & SECCOMP_RET_DATA))

struct plan_rule {
	uint32_t action;
	unsigned ncond;
	struct deny_cond cond[RULE_MAX_CONDS]; /* all must hold */
};

struct plan_call {
	struct plan_rule *rules;
	unsigned count, cap;
};

struct plan_abi {
	uint32_t audit_arch;
	bool args32;        /* the kernel reads 32-bit arguments: only their low words count */
	uint32_t kill_from; /* numbers from here up kill the process (x32's on x86_64); 0: none */
	unsigned ncalls;    /* calls[nr] for nr < ncalls */
	struct plan_call *calls;
};

struct filter_plan {
	struct plan_abi abi[PLAN_MAX_ABIS];
	unsigned nabi;
	uint32_t unknown;    /* a number no rule answers */
	uint32_t other_arch; /* an ABI not in the plan */
};

/* Adds an ABI whose numbers go up to ncalls - 1; its index, or -errno. */
int plan_add_abi(struct filter_plan *p, uint32_t audit_arch, bool args32, uint32_t kill_from, unsigned ncalls);
/* Adds a rule for number nr of ABI abi: 0, or -errno (-EDOM: nr out of range,
 * -EINVAL: more than RULE_MAX_CONDS conditions). */
int plan_add_rule(struct filter_plan *p, unsigned abi, unsigned nr, uint32_t action, unsigned ncond,
		  const struct deny_cond *cond);
/* The action for a call, by the rules themselves (what the program must
 * compute; the unit test compares the two). */
uint32_t plan_decide(const struct filter_plan *p, const struct seccomp_data *d);
/* The program, malloc'ed; 0, or -E2BIG (longer than the kernel takes) or -ENOMEM. */
int plan_bpf(const struct filter_plan *p, struct sock_filter **prog, unsigned short *len);
void plan_free(struct filter_plan *p);

#endif
