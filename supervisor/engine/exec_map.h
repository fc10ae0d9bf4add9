/* SPDX-License-Identifier: BSD-2-Clause */
/* A program mapped into the image of the root's loader at its exec stop,
 * as the kernel's ELF loader maps a program that names an interpreter, so
 * that the loader runs as that interpreter (docs/exec-identity.md). */
#ifndef JAIL_SUPERVISOR_EXEC_MAP_H
#define JAIL_SUPERVISOR_EXEC_MAP_H

#include <stdint.h>
#include <sys/types.h>

struct injection;

/* What the kernel would have given the process: the auxiliary vector's
 * entries and the memory layout fields of PR_SET_MM_MAP. */
struct exec_map {
	uint64_t phdr, phent, phnum, entry; /* the program's (AT_PHDR ...) */
	uint64_t start_code, end_code, start_data, end_data, brk;
};

/* In an injection begun at the exec stop (inject_begin_after_exec, a
 * syscall instruction before the program counter): maps the ELF program
 * open as the tracee's descriptor fd (read-only) at its addresses (ET_EXEC)
 * or at a base chosen near hint (ET_DYN), segment by segment, bss zeroed.
 *   0   mapped, *out filled;
 *   1   not mapped and nothing changed (not an ELF program for this ABI,
 *       its addresses taken): the caller leaves the loader to load it;
 *   -ESRCH  the tracee died;
 *   other -errno: the address space is half made; the caller kills it. */
int exec_map_program(struct injection *inj, long fd, uint64_t hint, struct exec_map *out);

/* The load address of the image the kernel started (the loader) from its
 * auxiliary vector's AT_PHDR and AT_PHNUM: 0, or -errno. */
int exec_map_loader_base(pid_t tid, unsigned ws, uint64_t at_phdr, uint64_t at_phnum, uint64_t *base);

#endif
