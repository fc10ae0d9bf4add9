/* SPDX-License-Identifier: BSD-2-Clause */
/* The seccomp filter a jailed process runs under, generated from the
 * handler table and the static deny table (one source of truth): one
 * filter, one action per call (bpf_gen.h). */
#ifndef JAIL_SUPERVISOR_FILTER_H
#define JAIL_SUPERVISOR_FILTER_H

#include <stdbool.h>

#include "bpf_gen.h"
#include "filter_load.h"

struct jail;

/* With trace_denials, a static denial stops the process instead of failing
 * the call in the kernel: SECCOMP_RET_TRACE with this bit and the row's
 * static_deny_index() as data (handled ids are below it). The data is a
 * hint for a reader of the filter only: a filter the jailed process stacks
 * can replace it, so the supervisor decides every stop from the syscall
 * number and registers (static_deny_find), never from the data. */
#define FILTER_DENY_TAG 0x8000u

struct filter_set {
	struct filter_plan plan;
	struct filter_progs progs; /* the plan as BPF, what is loaded */
};

/* Builds the plan of jail j's filter. 0 or -errno (message on stderr).
 *  - every syscall served from user notification -> USER_NOTIF, every
 *    other one the jail traps -> TRACE, the other known syscalls -> ALLOW,
 *    numbers not in our table -> ENOSYS, other ABIs (and x32's numbers on
 *    x86_64) -> kill the process;
 *  - static denials: by the number alone, or by the arguments in
 *    registers -> ERRNO (it outranks the routes), or, with trace_denials
 *    (jail -v: the supervisor reports them, then fails the call with the
 *    same errno), TRACE tagged FILTER_DENY_TAG;
 *  - calls trapped under conditions on their arguments -> TRACE when one
 *    holds, else the call's own action. */
int filter_build(struct filter_set *f, const struct jail *j, bool set_nnp, bool trace_denials);
/* Generates the BPF program into f->progs (what filter_load() loads, and
 * what jexec gets over the control socket): separate from filter_build,
 * which is cheap without it. 0 or -errno. */
int filter_export(struct filter_set *f);
void filter_free(struct filter_set *f);

#endif
