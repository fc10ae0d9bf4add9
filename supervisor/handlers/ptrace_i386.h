/* SPDX-License-Identifier: BSD-2-Clause */
/* A 32-bit (i386) jailed tracer's requests whose layouts are not the
 * supervisor's (handle_ptrace.c): the general, FPU and FXSR registers, the
 * user area and siginfo, converted as the kernel's compat ptrace converts
 * them. The tracee must be in 32-bit mode (a 32-bit tracer of a 64-bit
 * process: EIO). Each returns 0 or -errno. x86_64 supervisors only; EIO
 * elsewhere. */
#ifndef JAIL_SUPERVISOR_PTRACE_I386_H
#define JAIL_SUPERVISOR_PTRACE_I386_H

#include <stdint.h>
#include <sys/types.h>

/* GETREGS 12, SETREGS 13, GETFPREGS 14, SETFPREGS 15, GETFPXREGS 18,
 * SETFPXREGS 19, with data in caller's memory. */
int ptrace_i386_regs(pid_t tracee, pid_t caller, int req, uint64_t data);
/* PEEKUSER at addr of i386's struct user. */
int ptrace_i386_peekuser(pid_t tracee, uint64_t addr, uint32_t *out);
/* POKEUSER: the debug registers only. */
int ptrace_i386_pokeuser(pid_t tracee, uint64_t addr, uint32_t value);
/* GETSIGINFO: compat_siginfo (128 bytes) at data. */
int ptrace_i386_siginfo(pid_t tracee, pid_t caller, uint64_t data);

#endif
