/* SPDX-License-Identifier: BSD-2-Clause */
/* The address spaces of the jail's threads, each with its scratch area
 * (scratch.h): threads and CLONE_VM children share one. */
#ifndef JAIL_SUPERVISOR_ADDR_SPACE_H
#define JAIL_SUPERVISOR_ADDR_SPACE_H

#include <stdbool.h>
#include <stdint.h>

struct tracee;

#define SCRATCH_SLOTS 1024

struct addr_space {
	int refs;
	uint64_t base;     /* 0: not mapped yet */
	int mem_fd;        /* /proc/<pid>/mem of a member, or -1 */
	int used;          /* slots handed out */
	unsigned char slot_used[SCRATCH_SLOTS];
};

/* Is t's address space's area mapped? */
bool scratch_ready(const struct tracee *t);

/* Address-space bookkeeping, called by the event loop:
 * a new process (spawn, or exec: a new image has no area yet) */
void scratch_new_space(struct tracee *t);
/* a new thread or process: shares the parent's address space (threads,
 * CLONE_VM) or has a copy of it (fork: same area, same address) */
void scratch_inherit(struct tracee *child, struct tracee *parent, int shares_vm);
/* the thread is gone or execs: gives back its slot and space */
void scratch_detach(struct tracee *t);

#endif
