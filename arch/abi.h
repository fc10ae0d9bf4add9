/* System call ABIs the tracee may use, and the register operations the
 * supervisor needs at a syscall stop. One struct abi per ABI; the ABI of a
 * stop is read from PTRACE_GET_SYSCALL_INFO.arch at every stop. Nothing in
 * here knows about jails. */
#ifndef JAIL_ARCH_ABI_H
#define JAIL_ARCH_ABI_H

#include <stdint.h>
#include <sys/types.h>

#include "syscalls.h"

struct abi {
	const char *name;     /* "x86_64", "i386", "aarch64" */
	uint32_t audit_arch;  /* AUDIT_ARCH_* as seen by seccomp */
	uint32_t scmp_arch;   /* libseccomp's SCMP_ARCH_* token */
	enum sc_table table;  /* column of syscall_list.h */
	unsigned word_size;   /* bytes in a tracee pointer or long */
};

/* The ABIs this build supervises, native first, NULL-terminated. */
extern const struct abi *const abi_supported[];
/* libseccomp arch tokens whose every syscall kills the process (x32), 0-terminated. */
extern const uint32_t abi_killed_scmp_arches[];

/* The ABI for a seccomp audit arch, or NULL if the jail does not support it. */
const struct abi *abi_from_audit(uint32_t audit_arch);

/* Native syscall number of id in this ABI; -1 if it has none. */
int abi_nr(const struct abi *abi, enum sc_id id);
/* Arch-neutral id of a native number in this ABI; SC_NONE if unknown. */
enum sc_id abi_id(const struct abi *abi, long nr);

/* All functions below act on a tracee in a syscall-enter (seccomp) stop or a
 * syscall-exit stop and return 0 or -errno. */

/* Do not run the syscall; the tracee sees retval (e.g. -EPERM or 0) without
 * a syscall-exit stop. */
int abi_skip_syscall(pid_t tid, const struct abi *abi, long retval);
/* Run syscall nr with these six arguments instead of the one requested. */
int abi_set_syscall(pid_t tid, const struct abi *abi, long nr, const uint64_t args[6]);
/* At the exit stop: read or replace the value the syscall returns. */
int abi_get_result(pid_t tid, const struct abi *abi, long *retval);
int abi_set_result(pid_t tid, const struct abi *abi, long retval);

#endif
