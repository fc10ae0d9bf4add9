/* SPDX-License-Identifier: BSD-2-Clause */
/* The scratch area: supervisor-owned memory mapped read-only into each
 * jailed address space (sealed with mseal), one slot per thread. Rewritten
 * pointer arguments (translated paths, checked sockaddrs, msghdrs) are
 * copied there and the syscall's registers pointed at the copy, so the
 * kernel reads exactly the bytes the supervisor checked: no jailed thread
 * can change them between the check and the use (DESIGN.md, property 2). */
#ifndef JAIL_SUPERVISOR_SCRATCH_H
#define JAIL_SUPERVISOR_SCRATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr_space.h"

struct tracee;

/* Bytes a thread's slot holds: two paths, a sockaddr or msghdr, or an exec's new argv. */
#define SCRATCH_SLOT_SIZE (64 * 1024)

/* Maps and seals the area, at t's seccomp stop, by injecting mmap and
 * mseal; the original syscall is issued again when t resumes. The event loop
 * calls it before any handler with .uses_scratch. 0, or -errno: then the
 * original syscall counts as done, and the caller sets its result. Where
 * the kernel has mseal and the seal fails (a filter of the program's own
 * can refuse the injected call), the area is unmapped and not used. */
int scratch_prepare(struct tracee *t);
/* The same, in an injection already begun (the loader's exec stop,
 * exec_image.c). 0 or -errno (-ESRCH: t died). */
struct injection;
int scratch_map_in(struct injection *inj);

/* The area's range in t's address space: 0, or -ENOENT if not mapped. */
int scratch_range(const struct tracee *t, uint64_t *base, uint64_t *size);

/* Copies len bytes to offset off of t's slot and sets *addr to their
 * address in the tracee. 0, or -errno (-E2BIG if off+len exceeds the slot,
 * -ENOMEM if the area is not mapped: the handler lacks .uses_scratch). */
int scratch_put(struct tracee *t, size_t off, const void *data, size_t len, uint64_t *addr);

#endif
