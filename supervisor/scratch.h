/* The scratch area: supervisor-owned memory mapped read-only into each
 * jailed address space (sealed with mseal), one slot per thread. Rewritten
 * pointer arguments (translated paths, checked sockaddrs, msghdrs) are
 * copied there and the syscall's registers pointed at the copy, so the
 * kernel reads exactly the bytes the supervisor checked: no jailed thread
 * can change them between the check and the use (DESIGN.md, property 2). */
#ifndef JAIL_SUPERVISOR_SCRATCH_H
#define JAIL_SUPERVISOR_SCRATCH_H

#include <stddef.h>
#include <stdint.h>

struct tracee;

/* Bytes a thread's slot holds: two paths and a sockaddr/msghdr or so. */
#define SCRATCH_SLOT_SIZE (2 * 4096 + 4096)

/* Copies len bytes to offset off of t's slot and sets *addr to their
 * address in the tracee. 0, or -errno (-E2BIG if off+len exceeds the slot,
 * -ENOMEM if the address space has no scratch area). */
int scratch_put(struct tracee *t, size_t off, const void *data, size_t len, uint64_t *addr);

#endif
