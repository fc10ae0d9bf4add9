/* SPDX-License-Identifier: BSD-2-Clause */
/* Making a stopped tracee run a syscall of the supervisor's choosing. */
#ifndef JAIL_SUPERVISOR_INJECT_H
#define JAIL_SUPERVISOR_INJECT_H

#include <stdbool.h>
#include <stdint.h>

#include "../../arch/abi.h"

struct tracee;

/* At a seccomp stop: the tracee runs syscall nr(args) instead, the
 * supervisor waits for its exit stop and stores its return value in
 * *result; then the registers are restored and the program counter rewound,
 * so when the tracee is resumed (handler returns ACT_CONTINUE) it issues
 * the original syscall again, which goes through the filter (and the
 * handler) again. Pointer arguments must point into the scratch area.
 * 0, or -errno if the injection itself failed (the tracee is left at its
 * original seccomp stop when possible; -ESRCH if it died). */
int inject_at_seccomp_stop(struct tracee *t, const struct abi *abi, long nr, const uint64_t args[6], long *result);

/* The same in steps, to run several syscalls at one seccomp stop:
 * inject_begin (saves the registers), inject_call as often as needed,
 * inject_end (restores them, so the original syscall is issued again). */
struct injection {
	struct tracee *t;
	const struct abi *abi;
	struct abi_regs saved;
	bool at_exit;   /* the tracee is at the exit stop of an injected call */
	int resend;     /* a signal held back meanwhile, sent again at the end */
	bool interrupted; /* a PTRACE_INTERRUPT taken meanwhile: asked again */
};

int inject_begin(struct injection *inj, struct tracee *t, const struct abi *abi);
int inject_call(struct injection *inj, long nr, const uint64_t args[6], long *result);
int inject_end(struct injection *inj);
/* Instead of inject_end, after at least one inject_call: the tracee
 * issues syscall nr(args) instead of its original call when resumed (it
 * goes through the filter, and the handler, again). */
int inject_end_as(struct injection *inj, long nr, const uint64_t args[6]);
/* Instead of inject_end, after at least one inject_call: restores the
 * registers but does not rewind, so the original syscall counts as done;
 * the handler then returns ACT_RETURN with the value it is to return. */
int inject_finish(struct injection *inj);
/* At t's exec event stop (PTRACE_EVENT_EXEC): takes t on to the exit stop
 * of its execve, where the new image has not run an instruction yet, and
 * begins an injection there. Each inject_call then steps back over the
 * syscall instruction before the program counter: the caller puts one
 * there (abi_syscall_insn) and ends with inject_finish. */
/* At t's syscall-exit stop (an exit handler): an injection from there;
 * inject_finish then leaves t at that exit with its result. */
int inject_begin_at_exit(struct injection *inj, struct tracee *t, const struct abi *abi);
int inject_begin_after_exec(struct injection *inj, struct tracee *t);

#endif
