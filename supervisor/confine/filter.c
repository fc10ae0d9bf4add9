/* SPDX-License-Identifier: BSD-2-Clause */
#include "filter.h"

#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV
#define SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (1UL << 5) /* Linux 5.19 */
#endif

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
		return SCMP_ACT_TRACE(FILTER_DENY_TAG | static_deny_index(d));
	return SCMP_ACT_ERRNO((uint32_t)d->err);
}

static uint32_t syscall_action(enum sc_id id, const struct abi *abi, const struct jail *j, bool sealed,
			       bool trace_denials)
{
	const struct static_deny *d = denied_always(id, abi, j);
	if (d)
		return deny_action(d, trace_denials);
	if (handler_wanted(id, j, sealed) && !handler_conditional(id)) {
		bool notify = handlers[id].notify && (abi == abi_supported[0] || !handlers[id].notify_native_only);
		return notify ? SCMP_ACT_NOTIFY : SCMP_ACT_TRACE((uint32_t)id);
	}
	return SCMP_ACT_ALLOW; /* a conditional trap: see add_trap_rules */
}

/* Does the running kernel have mseal (6.10)? mseal(0, 0, 0) seals nothing
 * and returns 0 there; older kernels (Debian 12's 6.1) give ENOSYS. */
static bool kernel_has_mseal(void)
{
	int nr = abi_nr(abi_supported[0], SC_mseal);
	return nr >= 0 && !(syscall(nr, 0L, 0L, 0L) < 0 && errno == ENOSYS);
}

/* The rules of one ABI in its own context. The native ABI's rules use the
 * numbers of our table as they are (libseccomp takes any native number, so
 * calls newer than libseccomp are covered); other ABIs go by name, so calls
 * libseccomp does not know stay at the default (ENOSYS) there. */
static int add_abi_rules(scmp_filter_ctx ctx, const struct abi *abi, bool native, const struct jail *j,
			 bool trace_denials)
{
	/* can this ABI's filter allow mseal, so the scratch area gets sealed?
	 * If not, handle_vm_guard.c guards it. */
	bool sealed = kernel_has_mseal() &&
		      (native || seccomp_syscall_resolve_name_arch(abi->scmp_arch, "mseal") >= 0);
	for (int id = 1; id < SC_COUNT; id++) {
		int nr = native ? abi_nr(abi, (enum sc_id)id) : seccomp_syscall_resolve_name_arch(abi->scmp_arch, sc_info[id].name);
		if (nr == __NR_SCMP_ERROR || (native && nr < 0))
			continue;
		/* libseccomp wants native numbers. Not the ABI's own number: for
		 * i386's socket and SysV IPC calls that is a negative pseudo
		 * number, which would give only the socketcall/ipc multiplexed
		 * form and leave the direct call (e.g. socket, 359) at ENOSYS. */
		if (!native)
			nr = seccomp_syscall_resolve_name(sc_info[id].name);
		if (nr == __NR_SCMP_ERROR)
			continue;
		const struct handler *h = &handlers[id];
		if (h->notify && h->ptrace_if.cmp == DENY_CMP_MASKED_EQ && handler_wanted((enum sc_id)id, j, sealed) &&
		    !denied_always((enum sc_id)id, abi, j)) {
			/* one bit of a register picks ptrace or user notification */
			const struct deny_cond *c = &h->ptrace_if;
			struct scmp_arg_cmp on = {c->arg, SCMP_CMP_MASKED_EQ, c->mask, c->value};
			struct scmp_arg_cmp off = {c->arg, SCMP_CMP_MASKED_EQ, c->mask, 0};
			int rc = seccomp_rule_add_array(ctx, SCMP_ACT_TRACE((uint32_t)id), nr, 1, &on);
			if (!rc)
				rc = seccomp_rule_add_array(ctx, SCMP_ACT_NOTIFY, nr, 1, &off);
			if (rc && rc != -EOPNOTSUPP && rc != -EDOM && rc != -EFAULT) {
				fprintf(stderr, "jail: seccomp rule for %s (%s): %s\n", sc_info[id].name, abi->name,
					strerror(-rc));
				return rc;
			}
			continue;
		}
		int net = filter_net_syscall_rules(ctx, abi, native && !trace_denials, (enum sc_id)id, nr, j);
		if (net < 0)
			return net;
		if (net > 0)
			continue;
		int rc = seccomp_rule_add(ctx, syscall_action((enum sc_id)id, abi, j, sealed, trace_denials), nr, 0);
		/* -EACCES: same as the default action; -EDOM/-EOPNOTSUPP/-EFAULT:
		 * not a call of this ABI */
		if (rc && rc != -EACCES && rc != -EOPNOTSUPP && rc != -EDOM && rc != -EFAULT) {
			fprintf(stderr, "jail: seccomp rule for %s (%s): %s\n", sc_info[id].name, abi->name,
				strerror(-rc));
			return rc;
		}
	}
	return 0;
}

/* Every syscall of our list: TRACE if handled, ERRNO if always denied, else
 * ALLOW; unknown numbers ENOSYS; an ABI we do not support kills the process. */
static scmp_filter_ctx build_syscall_filter(const struct jail *j, bool set_nnp, bool trace_denials)
{
	scmp_filter_ctx merged = NULL;
	for (int i = 0; abi_supported[i]; i++) {
		const struct abi *abi = abi_supported[i];
		bool native = seccomp_arch_native() == abi->scmp_arch;
		scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(ENOSYS));
		if (!ctx || seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS) ||
		    seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, set_nnp) ||
		    seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2) ||
		    (!native && (seccomp_arch_add(ctx, abi->scmp_arch) || seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE))) ||
		    add_abi_rules(ctx, abi, native, j, trace_denials)) {
			if (ctx)
				seccomp_release(ctx);
			if (merged)
				seccomp_release(merged);
			return NULL;
		}
		if (!merged) {
			merged = ctx;
		} else if (seccomp_merge(merged, ctx)) {
			seccomp_release(ctx);
			seccomp_release(merged);
			return NULL;
		}
	}
	return merged;
}

/* The number libseccomp wants for id in a context of ABI abi: our own
 * number on the native ABI (covers calls newer than libseccomp), else the
 * native number of the same name (libseccomp maps it by name); -1 if the
 * ABI has no such call. */
static int scmp_nr(const struct abi *abi, bool native, enum sc_id id)
{
	if (native)
		return abi_nr(abi, id);
	if (seccomp_syscall_resolve_name_arch(abi->scmp_arch, sc_info[id].name) == __NR_SCMP_ERROR)
		return -1;
	int nr = seccomp_syscall_resolve_name(sc_info[id].name);
	return nr == __NR_SCMP_ERROR ? -1 : nr;
}

/* One ABI's argument-dependent denials, in its own context. */
static int add_deny_rules(scmp_filter_ctx ctx, const struct abi *abi, bool native, const struct jail *j,
			  bool trace_denials)
{
	for (const struct static_deny *d = NULL; (d = static_deny_next(d));) {
		if (static_deny_always(d) || !static_deny_applies(d, j) || !static_deny_on_abi(d, abi->table))
			continue;
		int nr = scmp_nr(abi, native, d->id);
		if (nr == -1)
			continue;
		struct scmp_arg_cmp cmp[DENY_MAX_CONDS];
		unsigned n = 0;
		for (int i = 0; i < DENY_MAX_CONDS && d->cond[i].cmp != DENY_CMP_NONE; i++) {
			const struct deny_cond *c = &d->cond[i];
			if (c->cmp == DENY_CMP_MASKED_EQ)
				cmp[n++] = (struct scmp_arg_cmp){c->arg, SCMP_CMP_MASKED_EQ, c->mask, c->value};
			else
				cmp[n++] = (struct scmp_arg_cmp){c->arg, SCMP_CMP_NE, c->value, 0};
		}
		int rc = seccomp_rule_add_array(ctx, deny_action(d, trace_denials), nr, n, cmp);
		if (rc && rc != -EOPNOTSUPP && rc != -EDOM && rc != -EFAULT) {
			fprintf(stderr, "jail: seccomp deny rule for %s (%s): %s\n", sc_info[d->id].name, abi->name,
				strerror(-rc));
			return rc;
		}
	}
	return 0;
}

/* Handlers that stop only under conditions on the arguments (fcntl's
 * F_SETOWN, a pid other than 0 ...): TRACE rules in the filter whose
 * default is ALLOW, so that the syscall filter can allow the call; an
 * ERRNO of a static denial still outranks them. */
static int add_trap_rules(scmp_filter_ctx ctx, const struct abi *abi, bool native, const struct jail *j)
{
	bool sealed = native || seccomp_syscall_resolve_name_arch(abi->scmp_arch, "mseal") >= 0;
	for (int id = 1; id < SC_COUNT; id++) {
		if (!handler_conditional((enum sc_id)id) || !handler_wanted((enum sc_id)id, j, sealed))
			continue;
		if (denied_always((enum sc_id)id, abi, j))
			continue;
		int nr = scmp_nr(abi, native, (enum sc_id)id);
		if (nr == -1)
			continue;
		for (int i = 0; i < 3 && handlers[id].trap_if[i].cmp != DENY_CMP_NONE; i++) {
			const struct deny_cond *c = &handlers[id].trap_if[i];
			struct scmp_arg_cmp cmp;
			if (c->cmp == DENY_CMP_MASKED_EQ)
				cmp = (struct scmp_arg_cmp){c->arg, SCMP_CMP_MASKED_EQ, c->mask, c->value};
			else
				cmp = (struct scmp_arg_cmp){c->arg, SCMP_CMP_NE, c->value, 0};
			int rc = seccomp_rule_add_array(ctx, SCMP_ACT_TRACE((uint32_t)id), nr, 1, &cmp);
			if (rc && rc != -EOPNOTSUPP && rc != -EDOM && rc != -EFAULT && rc != -EEXIST) {
				fprintf(stderr, "jail: seccomp trap rule for %s (%s): %s\n", sc_info[id].name,
					abi->name, strerror(-rc));
				return rc;
			}
		}
	}
	return 0;
}

/* The argument-dependent denials, with ALLOW as the default: ERRNO outranks
 * the syscall filter's TRACE and ALLOW. One context per ABI, merged, so a
 * row can leave out an ABI whose call takes its arguments in memory. */
static scmp_filter_ctx build_deny_filter(const struct jail *j, bool set_nnp, bool trace_denials)
{
	scmp_filter_ctx merged = NULL;
	for (int i = 0; abi_supported[i]; i++) {
		const struct abi *abi = abi_supported[i];
		bool native = seccomp_arch_native() == abi->scmp_arch;
		scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
		if (!ctx || seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_ALLOW) ||
		    seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, set_nnp) ||
		    seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2) ||
		    (!native && (seccomp_arch_add(ctx, abi->scmp_arch) || seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE))) ||
		    add_deny_rules(ctx, abi, native, j, trace_denials) || filter_net_deny_rules(ctx, abi, native && !trace_denials, j) ||
		    add_trap_rules(ctx, abi, native, j)) {
			if (ctx)
				seccomp_release(ctx);
			if (merged)
				seccomp_release(merged);
			return NULL;
		}
		if (!merged) {
			merged = ctx;
		} else if (seccomp_merge(merged, ctx)) {
			seccomp_release(ctx);
			seccomp_release(merged);
			return NULL;
		}
	}
	return merged;
}

/* Kills any process that uses ABI arch (e.g. x32 numbers on x86_64). */
static scmp_filter_ctx build_kill_filter(uint32_t arch, bool set_nnp)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_KILL_PROCESS);
	if (!ctx)
		return NULL;
	if (seccomp_arch_add(ctx, arch) || seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE) ||
	    seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_ALLOW) ||
	    seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, set_nnp)) {
		seccomp_release(ctx);
		return NULL;
	}
	return ctx;
}

/* ctx as BPF instructions, in f->progs.prog[i]. */
static int export_prog(struct filter_set *f, int i)
{
	int fd = (int)syscall(SYS_memfd_create, "jail-filter", MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	int rc = seccomp_export_bpf(f->ctx[i], fd);
	off_t len = rc ? 0 : lseek(fd, 0, SEEK_END);
	if (!rc && (len <= 0 || len % (off_t)sizeof(struct sock_filter) ||
		    len / (off_t)sizeof(struct sock_filter) > FILTER_MAX_INSNS))
		rc = -E2BIG;
	if (!rc) {
		f->progs.prog[i] = malloc((size_t)len);
		if (!f->progs.prog[i] || pread(fd, f->progs.prog[i], (size_t)len, 0) != len)
			rc = -ENOMEM;
		else
			f->progs.len[i] = (unsigned short)(len / (off_t)sizeof(struct sock_filter));
	}
	close(fd);
	return rc;
}

int filter_build(struct filter_set *f, const struct jail *j, bool set_nnp, bool trace_denials)
{
	memset(f, 0, sizeof(*f));
	f->ctx[f->count++] = build_syscall_filter(j, set_nnp, trace_denials);
	f->ctx[f->count++] = build_deny_filter(j, set_nnp, trace_denials);
	for (int i = 0; abi_killed_scmp_arches[i] && f->count < FILTER_MAX; i++)
		f->ctx[f->count++] = build_kill_filter(abi_killed_scmp_arches[i], set_nnp);
	for (int i = 0; i < f->count; i++)
		if (!f->ctx[i]) {
			filter_free(f);
			return -ENOMEM;
		}
	f->progs.nnp = set_nnp;
	return 0;
}

int filter_export(struct filter_set *f)
{
	for (int i = f->progs.count; i < f->count; i++) {
		int rc = export_prog(f, i);
		if (rc)
			return rc;
		f->progs.count = i + 1;
	}
	return 0;
}

void filter_free(struct filter_set *f)
{
	for (int i = 0; i < f->count; i++)
		if (f->ctx[i])
			seccomp_release(f->ctx[i]);
	filter_progs_free(&f->progs);
	memset(f, 0, sizeof(*f));
}
