/* SPDX-License-Identifier: BSD-2-Clause */
/* The wait calls of a virtual tracer stop for the supervisor; nobody
 * else's do (docs/ptrace-emulation.md, "wait and SIGCHLD"). A process gets
 * a small seccomp filter of its own, injected the first time it may
 * trace: TRACE for wait4, waitid and waitpid, ALLOW for the rest. It stays
 * with the process and its later children. */
#ifndef JAIL_SUPERVISOR_WAIT_TRAP_H
#define JAIL_SUPERVISOR_WAIT_TRAP_H

#include "../../arch/abi.h"

struct tracee;

/* At t's seccomp stop or syscall-entry stop of a call of ABI abi: loads
 * the filter in t's process (no_new_privs first if it must), then rewinds
 * so that the call is issued again, now under the filter. 0 (the call comes
 * again) or -errno (-ESRCH: t died). */
int wait_trap_install(struct tracee *t, const struct abi *abi);

/* Asks for the filter in t's process at its next syscall entry (a parent
 * whose child asked to be traced: it may be blocked in wait already, and
 * is interrupted). */
void wait_trap_request(struct tracee *t);

#endif
