/* SPDX-License-Identifier: BSD-2-Clause */
#include "filter.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../../arch/abi.h"
#include "../../policy/static_deny.h"
#include "filter_net.h"
#include "../handlers/handlers.h"

static const struct static_deny *denied_always(enum sc_id id, const struct abi *abi, const struct jail *j)
{
	for (const struct static_deny *d = NULL; (d = static_deny_next(d));)
		if (d->id == id && static_deny_always(d) && static_deny_on_abi(d, abi->table) &&
		    static_deny_applies(d, j))
			return d;
	return NULL;
}

/* What a static denial does: fail in the kernel, or stop for a report. */
static uint32_t deny_action(const struct static_deny *d, bool trace_denials)
{
	if (trace_denials)
		return ACT_TRACE(FILTER_DENY_TAG | static_deny_index(d));
	return ACT_ERRNO(d->err);
}

static uint32_t syscall_action(enum sc_id id, const struct abi *abi, const struct jail *j, bool sealed,
			       bool trace_denials)
{
	const struct static_deny *d = denied_always(id, abi, j);
	if (d)
		return deny_action(d, trace_denials);
	if (handler_wanted(id, j, sealed) && !handler_conditional(id)) {
		bool notify = handlers[id].notify && (abi == abi_supported[0] || !handlers[id].notify_native_only);
		return notify ? ACT_NOTIFY : ACT_TRACE((uint32_t)id);
	}
	return ACT_ALLOW; /* a conditional trap: see add_trap_rules */
}

static int add(struct filter_plan *p, unsigned ai, const struct abi *abi, enum sc_id id, uint32_t action,
	       unsigned n, const struct deny_cond *cond)
{
	int rc = plan_add_rule(p, ai, (unsigned)abi_nr(abi, id), action, n, cond);
	if (rc)
		fprintf(stderr, "jail: seccomp rule for %s (%s): %s\n", sc_info[id].name, abi->name, strerror(-rc));
	return rc;
}

/* The rules every call of the ABI has whatever its arguments: its
 * handler's route (user notification or ptrace), a static denial, or
 * ALLOW; for some, a route chosen by one bit of a register, or the
 * network rules (filter_net.c). */
static int add_call_rules(struct filter_plan *p, unsigned ai, const struct abi *abi, const struct jail *j,
			  bool sealed, bool trace_denials)
{
	bool native = abi == abi_supported[0];
	for (int id = 1; id < SC_COUNT; id++) {
		int nr = abi_nr(abi, (enum sc_id)id);
		if (nr < 0)
			continue;
		const struct handler *h = &handlers[id];
		int rc;
		if (h->notify && h->ptrace_if.cmp == DENY_CMP_MASKED_EQ && handler_wanted((enum sc_id)id, j, sealed) &&
		    !denied_always((enum sc_id)id, abi, j)) {
			/* one bit of a register picks ptrace or user notification */
			const struct deny_cond *c = &h->ptrace_if;
			struct deny_cond off = DC_MASKED(c->arg, c->mask, 0);
			rc = add(p, ai, abi, (enum sc_id)id, ACT_TRACE((uint32_t)id), 1, c);
			if (!rc)
				rc = add(p, ai, abi, (enum sc_id)id, ACT_NOTIFY, 1, &off);
			if (rc)
				return rc;
			continue;
		}
		rc = filter_net_syscall_rules(p, ai, native && !trace_denials, (enum sc_id)id, nr, j);
		if (rc < 0)
			return rc;
		if (rc > 0)
			continue;
		rc = add(p, ai, abi, (enum sc_id)id, syscall_action((enum sc_id)id, abi, j, sealed, trace_denials), 0,
			 NULL);
		if (rc)
			return rc;
	}
	return 0;
}

/* The argument-dependent denials: ERRNO (or jail -v's TRACE) outranks any
 * route of add_call_rules. A row may leave out an ABI whose call takes its
 * arguments in memory. */
static int add_deny_rules(struct filter_plan *p, unsigned ai, const struct abi *abi, const struct jail *j,
			  bool trace_denials)
{
	for (const struct static_deny *d = NULL; (d = static_deny_next(d));) {
		if (static_deny_always(d) || !static_deny_applies(d, j) || !static_deny_on_abi(d, abi->table) ||
		    abi_nr(abi, d->id) < 0)
			continue;
		unsigned n = 0;
		while (n < DENY_MAX_CONDS && d->cond[n].cmp != DENY_CMP_NONE)
			n++;
		int rc = add(p, ai, abi, d->id, deny_action(d, trace_denials), n, d->cond);
		if (rc)
			return rc;
	}
	return 0;
}

/* Handlers that stop only under conditions on the arguments (fcntl's
 * F_SETOWN, a pid other than 0 ...): a TRACE rule per condition, beside
 * the call's ALLOW; an ERRNO of a static denial still outranks them. */
static int add_trap_rules(struct filter_plan *p, unsigned ai, const struct abi *abi, const struct jail *j,
			  bool sealed)
{
	for (int id = 1; id < SC_COUNT; id++) {
		if (!handler_conditional((enum sc_id)id) || !handler_wanted((enum sc_id)id, j, sealed) ||
		    denied_always((enum sc_id)id, abi, j) || abi_nr(abi, (enum sc_id)id) < 0)
			continue;
		for (int i = 0; i < HANDLER_TRAP_MAX && handlers[id].trap_if[i].cmp != DENY_CMP_NONE; i++) {
			int rc = add(p, ai, abi, (enum sc_id)id, ACT_TRACE((uint32_t)id), 1, &handlers[id].trap_if[i]);
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* The highest number of the ABI's calls in our table, plus one. */
static unsigned abi_ncalls(const struct abi *abi)
{
	int max = -1;
	for (int id = 1; id < SC_COUNT; id++)
		if (abi_nr(abi, (enum sc_id)id) > max)
			max = abi_nr(abi, (enum sc_id)id);
	return (unsigned)(max + 1);
}

int filter_build(struct filter_set *f, const struct jail *j, bool set_nnp, bool trace_denials)
{
	memset(f, 0, sizeof(*f));
	struct filter_plan *p = &f->plan;
	p->unknown = ACT_ERRNO(ENOSYS);
	p->other_arch = ACT_KILL_PROCESS;
	bool has_mseal = abi_kernel_has_mseal();
	int rc = 0;
	for (int i = 0; !rc && abi_supported[i]; i++) {
		const struct abi *abi = abi_supported[i];
		int ai = plan_add_abi(p, abi->audit_arch, abi->word_size == 4, abi->killed_from, abi_ncalls(abi));
		if (ai < 0) {
			rc = ai;
			break;
		}
		/* can this ABI's calls seal the scratch area? If not,
		 * handle_vm_guard.c guards it. */
		bool sealed = has_mseal && abi_nr(abi, SC_mseal) >= 0;
		bool native = i == 0 && !trace_denials;
		/* the denials first: among equal actions (two ERRNOs) the
		 * first rule added wins */
		rc = add_deny_rules(p, (unsigned)ai, abi, j, trace_denials);
		if (!rc)
			rc = filter_net_deny_rules(p, (unsigned)ai, abi, native, j);
		if (!rc)
			rc = add_trap_rules(p, (unsigned)ai, abi, j, sealed);
		if (!rc)
			rc = add_call_rules(p, (unsigned)ai, abi, j, sealed, trace_denials);
	}
	if (rc) {
		filter_free(f);
		return rc;
	}
	f->progs.nnp = set_nnp;
	return 0;
}

int filter_export(struct filter_set *f)
{
	if (f->progs.count)
		return 0;
	int rc = plan_bpf(&f->plan, &f->progs.prog[0], &f->progs.len[0]);
	if (!rc)
		f->progs.count = 1;
	return rc;
}

void filter_free(struct filter_set *f)
{
	plan_free(&f->plan);
	filter_progs_free(&f->progs);
	memset(f, 0, sizeof(*f));
}
