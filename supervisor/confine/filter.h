/* SPDX-License-Identifier: BSD-2-Clause */
/* The seccomp filters a jailed process runs under, generated from the
 * handler table and the static deny table (one source of truth). */
#ifndef JAIL_SUPERVISOR_FILTER_H
#define JAIL_SUPERVISOR_FILTER_H

#include <stdbool.h>

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
	void *ctx[FILTER_MAX]; /* scmp_filter_ctx */
	int count;
	struct filter_progs progs; /* the same as BPF, what is loaded */
};

/* Builds the filters for jail j. 0 or -errno (message on stderr).
 *  - the syscall filter: every syscall served from user notification ->
 *    USER_NOTIF, every other one the jail traps -> TRACE, the other
 *    known syscalls -> ALLOW, unknown numbers -> ENOSYS, other ABIs -> kill
 *    the process;
 *  - the deny filter: static denials from registers -> ERRNO (outranks TRACE),
 *    or, with trace_denials (jail -v: the supervisor reports them, then
 *    fails the call with the same errno), TRACE tagged FILTER_DENY_TAG;
 *  - one filter per killed ABI (x32) -> kill the process. */
int filter_build(struct filter_set *f, const struct jail *j, bool set_nnp, bool trace_denials);
/* Generates the BPF of every filter into f->progs (what filter_load()
 * loads, and what jexec gets over the control socket): separate from
 * filter_build, which is cheap without it. 0 or -errno. */
int filter_export(struct filter_set *f);
void filter_free(struct filter_set *f);

#endif
