/* SPDX-License-Identifier: BSD-2-Clause */
/* System call ABIs the tracee may use, and the register operations the
 * supervisor needs at a syscall stop. One struct abi per ABI; the ABI of a
 * stop is read from PTRACE_GET_SYSCALL_INFO.arch at every stop. Nothing in
 * here knows about jails. */
#ifndef JAIL_ARCH_ABI_H
#define JAIL_ARCH_ABI_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "syscalls.h"

struct abi {
	const char *name;     /* "x86_64", "i386", "aarch64" */
	uint32_t audit_arch;  /* AUDIT_ARCH_* as seen by seccomp */
	uint32_t scmp_arch;   /* libseccomp's SCMP_ARCH_* token */
	enum sc_table table;  /* column of syscall_list.h */
	unsigned word_size;   /* bytes in a tracee pointer or long */
	uint32_t killed_from; /* numbers of this audit arch from here up kill the process
			       * (x32's, which share x86_64's); 0: none */
};

/* The ABIs this build supervises, native first, NULL-terminated. */
extern const struct abi *const abi_supported[];

/* The ABI for a seccomp audit arch, or NULL if the jail does not support it. */
const struct abi *abi_from_audit(uint32_t audit_arch);

/* Does mseal (6.10) work here? mseal(0, 0, 0) seals nothing and returns 0
 * there; older kernels (Debian 12's 6.1) give ENOSYS, and a filter the
 * jail runs under (a container's) may refuse it. Where it works, the
 * jail's filter counts on every ABI with an mseal number to seal its
 * scratch area (and does not guard it otherwise). */
bool abi_kernel_has_mseal(void);

/* Native syscall number of id in this ABI; -1 if it has none. */
int abi_nr(const struct abi *abi, enum sc_id id);
/* Arch-neutral id of a native number in this ABI; SC_NONE if unknown. */
enum sc_id abi_id(const struct abi *abi, long nr);

/* All functions below act on a tracee in a syscall-enter (seccomp) stop or a
 * syscall-exit stop and return 0 or -errno. */

/* Do not run the syscall; the tracee sees retval (e.g. -EPERM or 0) without
 * a syscall-exit stop. */
int abi_skip_syscall(pid_t tid, const struct abi *abi, long retval);
/* At a seccomp stop: argument index (0-5) of the syscall is value instead. */
int abi_set_arg(pid_t tid, const struct abi *abi, int index, uint64_t value);
/* Run syscall nr with these six arguments instead of the one requested. */
int abi_set_syscall(pid_t tid, const struct abi *abi, long nr, const uint64_t args[6]);
/* A syscall's number and six arguments, as the registers hold them. */
struct abi_call {
	long nr;
	uint64_t args[6];
};
/* A call whose registers were changed from orig to set at its seccomp stop
 * (abi_set_arg, abi_set_syscall): puts orig back, leaving the result, so
 * that a restart (-ERESTART*) runs the original call again and the tracee
 * finds the registers the kernel's ABI preserves as it left them. At its
 * exit stop (only_if_set false), or at a signal-delivery stop that may have
 * interrupted it (only_if_set true: nothing is done unless the registers
 * still hold set). 1 if restored, 0 if not, or -errno. */
int abi_restore_call(pid_t tid, const struct abi *abi, const struct abi_call *set,
		     const struct abi_call *orig, bool only_if_set);
/* At the exit stop: read or replace the value the syscall returns. */
int abi_get_result(pid_t tid, const struct abi *abi, long *retval);
int abi_set_result(pid_t tid, const struct abi *abi, long retval);

/* A tracee's general registers, for saving and restoring around a syscall
 * the supervisor injects (supervisor/engine/inject.c). Opaque outside arch/. */
struct abi_regs {
	uint64_t raw[72];
};

int abi_regs_get(pid_t tid, struct abi_regs *r);
int abi_regs_set(pid_t tid, const struct abi_regs *r);
/* The ABI of the image running in a stopped tracee (e.g. after an exec that
 * changed it); NULL if unsupported. */
const struct abi *abi_regs_abi(const struct abi_regs *r);
/* Saved at a seccomp stop: make the tracee issue that same syscall again
 * when resumed (program counter back over the syscall instruction). */
void abi_regs_rewind(const struct abi *abi, struct abi_regs *r);
/* At a syscall-exit stop: make the tracee issue syscall nr(args) from the
 * same syscall instruction when resumed. */
void abi_regs_reissue(const struct abi *abi, struct abi_regs *r, long nr, const uint64_t args[6]);
/* At a syscall-exit stop: the value the syscall returned. */
long abi_regs_result(const struct abi *abi, const struct abi_regs *r);
/* The stack pointer and the program counter the registers hold. */
uint64_t abi_regs_sp(const struct abi_regs *r);
uint64_t abi_regs_pc(const struct abi_regs *r);
/* The machine instruction that issues a syscall in this ABI (the one
 * abi_regs_reissue steps back over), into insn; its length in bytes. */
unsigned abi_syscall_insn(const struct abi *abi, uint8_t insn[4]);

#endif
