/* SPDX-License-Identifier: BSD-2-Clause */
/* The plan of a jail's filter and its classic BPF program (bpf_gen.h). */
#include "bpf_gen.h"

#include <errno.h>
#include <linux/filter.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "filter_load.h" /* FILTER_MAX_INSNS */

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the argument words below are laid out for a little-endian host"
#endif

#define LOW32 0xffffffffull

int plan_add_abi(struct filter_plan *p, uint32_t audit_arch, bool args32, uint32_t kill_from, unsigned ncalls)
{
	if (p->nabi == PLAN_MAX_ABIS)
		return -E2BIG;
	struct plan_abi *a = &p->abi[p->nabi];
	a->calls = calloc(ncalls ? ncalls : 1, sizeof(*a->calls));
	if (!a->calls)
		return -ENOMEM;
	a->audit_arch = audit_arch;
	a->args32 = args32;
	a->kill_from = kill_from;
	a->ncalls = ncalls;
	return (int)p->nabi++;
}

int plan_add_rule(struct filter_plan *p, unsigned abi, unsigned nr, uint32_t action, unsigned ncond,
		  const struct deny_cond *cond)
{
	if (abi >= p->nabi || nr >= p->abi[abi].ncalls)
		return -EDOM;
	if (ncond > RULE_MAX_CONDS)
		return -EINVAL;
	struct plan_call *c = &p->abi[abi].calls[nr];
	if (c->count == c->cap) {
		unsigned cap = c->cap ? c->cap * 2 : 2;
		struct plan_rule *r = realloc(c->rules, cap * sizeof(*r));
		if (!r)
			return -ENOMEM;
		c->rules = r;
		c->cap = cap;
	}
	struct plan_rule *r = &c->rules[c->count++];
	memset(r, 0, sizeof(*r));
	r->action = action;
	r->ncond = ncond;
	if (ncond)
		memcpy(r->cond, cond, ncond * sizeof(*cond));
	return 0;
}

void plan_free(struct filter_plan *p)
{
	for (unsigned i = 0; i < p->nabi; i++) {
		for (unsigned n = 0; n < p->abi[i].ncalls; n++)
			free(p->abi[i].calls[n].rules);
		free(p->abi[i].calls);
	}
	memset(p, 0, sizeof(*p));
}

/* Does a outrank b? The kernel's order: the lower action, as s32. */
static bool outranks(uint32_t a, uint32_t b)
{
	return (int32_t)(a & SECCOMP_RET_ACTION_FULL) < (int32_t)(b & SECCOMP_RET_ACTION_FULL);
}

static bool cond_holds(const struct deny_cond *c, uint64_t arg, bool args32)
{
	if (args32)
		arg &= LOW32;
	if (c->cmp == DENY_CMP_NE)
		return arg != c->value;
	return (arg & c->mask) == c->value;
}

static bool rule_holds(const struct plan_rule *r, const uint64_t args[6], bool args32)
{
	for (unsigned i = 0; i < r->ncond; i++)
		if (r->cond[i].arg > 5 || !cond_holds(&r->cond[i], args[r->cond[i].arg], args32))
			return false;
	return true;
}

static const struct plan_abi *abi_of(const struct filter_plan *p, uint32_t arch)
{
	for (unsigned i = 0; i < p->nabi; i++)
		if (p->abi[i].audit_arch == arch)
			return &p->abi[i];
	return NULL;
}

uint32_t plan_decide(const struct filter_plan *p, const struct seccomp_data *d)
{
	const struct plan_abi *a = abi_of(p, d->arch);
	if (!a)
		return p->other_arch;
	uint32_t nr = (uint32_t)d->nr;
	if (a->kill_from && nr >= a->kill_from)
		return ACT_KILL_PROCESS;
	if (nr >= a->ncalls)
		return p->unknown;
	const struct plan_call *c = &a->calls[nr];
	const struct plan_rule *best = NULL;
	for (unsigned i = 0; i < c->count; i++)
		if (rule_holds(&c->rules[i], (const uint64_t *)d->args, a->args32) &&
		    (!best || outranks(c->rules[i].action, best->action)))
			best = &c->rules[i];
	return best ? best->action : p->unknown;
}

/* The program being written. Jumps go forward: a conditional jump reaches
 * at most 255 instructions, JA any distance; a JA to a label placed later
 * is patched when the program is complete. Counting only (no code): the
 * length of a part, to choose a short jump over it. */
struct emit_code {
	struct sock_filter insn[FILTER_MAX_INSNS];
	unsigned label_at[FILTER_MAX_INSNS]; /* an instruction index, or 0: not placed yet */
	unsigned nlabels;
	struct {
		unsigned insn, label;
	} fix[FILTER_MAX_INSNS];
	unsigned nfix;
};

struct emit {
	unsigned n;
	bool full;
	struct emit_code *c; /* NULL: counting only */
};

#define SHORT_JUMP 255

static void put(struct emit *e, uint16_t code, unsigned jt, unsigned jf, uint32_t k)
{
	if (!e->c) {
		e->n++;
		return;
	}
	if (e->n == FILTER_MAX_INSNS || jt > SHORT_JUMP || jf > SHORT_JUMP) {
		e->full = true;
		return;
	}
	e->c->insn[e->n++] = (struct sock_filter){code, (uint8_t)jt, (uint8_t)jf, k};
}

static unsigned label_new(struct emit *e)
{
	if (!e->c)
		return 0;
	if (e->c->nlabels == FILTER_MAX_INSNS) {
		e->full = true;
		return 0;
	}
	e->c->label_at[e->c->nlabels] = 0;
	return e->c->nlabels++;
}

static void label_here(struct emit *e, unsigned l)
{
	if (e->c)
		e->c->label_at[l] = e->n;
}

static void jump_to(struct emit *e, unsigned label)
{
	if (e->c) {
		if (e->c->nfix == FILTER_MAX_INSNS) {
			e->full = true;
			return;
		}
		e->c->fix[e->c->nfix].insn = e->n;
		e->c->fix[e->c->nfix++].label = label;
	}
	put(e, BPF_JMP | BPF_JA, 0, 0, 0);
}

static void ret(struct emit *e, uint32_t action)
{
	put(e, BPF_RET | BPF_K, 0, 0, action);
}

static void load_word(struct emit *e, unsigned arg, bool high)
{
	put(e, BPF_LD | BPF_W | BPF_ABS, 0, 0,
	    (uint32_t)(offsetof(struct seccomp_data, args) + 8 * arg + (high ? 4 : 0)));
}

/* The distance of a short jump from the next instruction to end. */
static unsigned to(const struct emit *e, unsigned end)
{
	return !e->c ? 0 : end - e->n - 1;
}

/* Falls through if (word & mask) == value, else jumps to end. */
static void word_masked_eq(struct emit *e, unsigned arg, bool high, uint32_t mask, uint32_t value, unsigned end)
{
	if (!mask)
		return; /* 0 == 0 */
	load_word(e, arg, high);
	if (mask != LOW32)
		put(e, BPF_ALU | BPF_AND | BPF_K, 0, 0, mask);
	put(e, BPF_JMP | BPF_JEQ | BPF_K, 0, to(e, end), value);
}

/* Can the condition hold at all? (Bits outside the mask, or above a 32-bit
 * argument, say no.) */
static bool can_hold(const struct deny_cond *c, bool args32)
{
	if (c->cmp == DENY_CMP_NE)
		return true;
	uint64_t mask = args32 ? c->mask & LOW32 : c->mask;
	return !(c->value & ~mask);
}

/* Falls through if the condition holds, else jumps to end (a short jump:
 * a rule is short). */
static void cond_code(struct emit *e, const struct deny_cond *c, bool args32, unsigned end)
{
	uint64_t value = c->value;
	if (c->cmp == DENY_CMP_NE) {
		if (args32 && value > LOW32)
			return; /* a 32-bit argument never equals it: holds */
		if (!args32) {
			/* the high words differ: holds (over the low word's test) */
			load_word(e, c->arg, true);
			put(e, BPF_JMP | BPF_JEQ | BPF_K, 0, 2, (uint32_t)(value >> 32));
		}
		load_word(e, c->arg, false);
		put(e, BPF_JMP | BPF_JEQ | BPF_K, to(e, end), 0, (uint32_t)value);
		return;
	}
	uint64_t mask = args32 ? c->mask & LOW32 : c->mask;
	if (!args32)
		word_masked_eq(e, c->arg, true, (uint32_t)(mask >> 32), (uint32_t)(value >> 32), end);
	word_masked_eq(e, c->arg, false, (uint32_t)mask, (uint32_t)value, end);
}

/* A rule: its conditions, then its action; end is where it goes on when
 * one fails (the next rule). */
static void rule_code(struct emit *e, const struct plan_rule *r, bool args32, unsigned end)
{
	for (unsigned k = 0; k < r->ncond; k++)
		cond_code(e, &r->cond[k], args32, end);
	ret(e, r->action);
}

static unsigned rule_length(const struct plan_rule *r, bool args32)
{
	struct emit c = {0}; /* counting */
	rule_code(&c, r, args32, 0);
	return c.n;
}

/* The rules of a call in the order they are tried: by precedence, equal
 * actions in the order added. */
static unsigned sorted_rules(const struct plan_call *c, const struct plan_rule **out)
{
	unsigned n = 0;
	for (unsigned i = 0; i < c->count; i++) {
		unsigned j = n++;
		for (; j > 0 && outranks(c->rules[i].action, out[j - 1]->action); j--)
			out[j] = out[j - 1];
		out[j] = &c->rules[i];
	}
	return n;
}

/* The action of a call that does not depend on the arguments: its best
 * rule has no condition (or it has no rules). false if it depends. */
static bool fixed_action(const struct filter_plan *p, const struct plan_call *c, uint32_t *action)
{
	const struct plan_rule *best = NULL;
	for (unsigned i = 0; i < c->count; i++)
		if (!best || outranks(c->rules[i].action, best->action))
			best = &c->rules[i];
	if (!best) {
		*action = p->unknown;
		return true;
	}
	if (best->ncond)
		return false;
	*action = best->action;
	return true;
}

/* A run of numbers from start up to the next run's start: one action for
 * all (fixed), or one number whose rules are tried. */
struct run {
	uint32_t start;
	bool fixed;
	uint32_t action;
	const struct plan_call *call;
};

static void call_code(struct emit *e, const struct filter_plan *p, const struct plan_call *c, bool args32)
{
	const struct plan_rule **order = malloc((c->count ? c->count : 1) * sizeof(*order));
	if (!order) {
		e->full = true;
		return;
	}
	unsigned n = sorted_rules(c, order);
	bool ended = false;
	for (unsigned i = 0; i < n && !ended; i++) {
		bool possible = true;
		for (unsigned k = 0; k < order[i]->ncond; k++)
			possible = possible && can_hold(&order[i]->cond[k], args32);
		if (!possible)
			continue;
		rule_code(e, order[i], args32, e->n + rule_length(order[i], args32));
		ended = order[i]->ncond == 0;
	}
	if (!ended)
		ret(e, p->unknown);
	free(order);
}

static void search(struct emit *e, const struct filter_plan *p, const struct run *runs, unsigned lo, unsigned hi,
		   bool args32);

static unsigned search_length(const struct filter_plan *p, const struct run *runs, unsigned lo, unsigned hi,
			      bool args32)
{
	struct emit c = {0}; /* counting */
	search(&c, p, runs, lo, hi, args32);
	return c.n;
}

/* Runs [lo, hi): the number (in A) is at least runs[lo].start and below
 * runs[hi].start. */
static void search(struct emit *e, const struct filter_plan *p, const struct run *runs, unsigned lo, unsigned hi,
		   bool args32)
{
	if (hi - lo == 1) {
		if (runs[lo].fixed)
			ret(e, runs[lo].action);
		else
			call_code(e, p, runs[lo].call, args32);
		return;
	}
	unsigned mid = lo + (hi - lo) / 2;
	unsigned lower = search_length(p, runs, lo, mid, args32);
	if (lower <= SHORT_JUMP) {
		put(e, BPF_JMP | BPF_JGE | BPF_K, lower, 0, runs[mid].start);
		search(e, p, runs, lo, mid, args32);
		search(e, p, runs, mid, hi, args32);
		return;
	}
	unsigned upper = label_new(e);
	put(e, BPF_JMP | BPF_JGE | BPF_K, 0, 1, runs[mid].start);
	jump_to(e, upper);
	search(e, p, runs, lo, mid, args32);
	label_here(e, upper);
	search(e, p, runs, mid, hi, args32);
}

static void abi_code(struct emit *e, const struct filter_plan *p, const struct plan_abi *a)
{
	put(e, BPF_LD | BPF_W | BPF_ABS, 0, 0, offsetof(struct seccomp_data, nr));
	if (a->kill_from) {
		put(e, BPF_JMP | BPF_JGE | BPF_K, 0, 1, a->kill_from);
		ret(e, ACT_KILL_PROCESS);
	}
	struct run *runs = malloc((a->ncalls + 1) * sizeof(*runs));
	if (!runs) {
		e->full = true;
		return;
	}
	unsigned nruns = 0;
	for (unsigned nr = 0; nr <= a->ncalls; nr++) {
		struct run r = {.start = nr, .fixed = true, .action = p->unknown};
		if (nr < a->ncalls) {
			r.call = &a->calls[nr];
			r.fixed = fixed_action(p, r.call, &r.action);
		}
		if (r.fixed && nruns && runs[nruns - 1].fixed && runs[nruns - 1].action == r.action)
			continue; /* the run before goes on */
		runs[nruns++] = r;
	}
	search(e, p, runs, 0, nruns, a->args32);
	free(runs);
}

int plan_bpf(const struct filter_plan *p, struct sock_filter **prog, unsigned short *len)
{
	struct emit real = {.c = calloc(1, sizeof(struct emit_code))}, *e = &real;
	if (!e->c)
		return -ENOMEM;
	unsigned abi_label[PLAN_MAX_ABIS];
	put(e, BPF_LD | BPF_W | BPF_ABS, 0, 0, offsetof(struct seccomp_data, arch));
	for (unsigned i = 0; i < p->nabi; i++) {
		abi_label[i] = label_new(e);
		put(e, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, p->abi[i].audit_arch);
		jump_to(e, abi_label[i]);
	}
	ret(e, p->other_arch);
	for (unsigned i = 0; i < p->nabi; i++) {
		label_here(e, abi_label[i]);
		abi_code(e, p, &p->abi[i]);
	}
	int err = e->full ? -E2BIG : 0;
	for (unsigned i = 0; !err && i < e->c->nfix; i++) {
		unsigned at = e->c->label_at[e->c->fix[i].label];
		if (at <= e->c->fix[i].insn)
			err = -EINVAL; /* never placed: a bug here, and a program the kernel would refuse */
		else
			e->c->insn[e->c->fix[i].insn].k = at - e->c->fix[i].insn - 1;
	}
	if (!err) {
		*prog = malloc(e->n * sizeof(**prog));
		if (!*prog)
			err = -ENOMEM;
		else
			memcpy(*prog, e->c->insn, e->n * sizeof(**prog));
		*len = (unsigned short)e->n;
	}
	free(e->c);
	return err;
}
