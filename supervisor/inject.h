/* Making a stopped tracee run a syscall of the supervisor's choosing. */
#ifndef JAIL_SUPERVISOR_INJECT_H
#define JAIL_SUPERVISOR_INJECT_H

#include <stdint.h>

#include "../arch/abi.h"

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

/* At a ptrace event stop (after exec): the tracee runs syscall nr(args)
 * and returns to the exact state it was in. Same return convention. */
int inject_at_event_stop(struct tracee *t, const struct abi *abi, long nr, const uint64_t args[6], long *result);

#endif
