/* SPDX-License-Identifier: BSD-2-Clause */
/* Where the scratch area cannot be sealed (a kernel without mseal, before
 * 6.10, or an ABI without an mseal number), the calls
 * that could unmap, remap, reprotect or discard it are checked here instead:
 * any range that touches the area gets EPERM. Only those ABIs trap them. */
#include <errno.h>
#include <sys/mman.h>
#include <sys/shm.h>

#include "handlers.h"
#include "../engine/scratch.h"
#include "../engine/tracee.h"

#define IPC_CALL_SHMAT 21 /* ipc(2) multiplexer: shmat */

static uint64_t arg(const struct syscall_stop *s, int i)
{
	return s->abi->word_size == 4 ? (uint32_t)s->args[i] : s->args[i];
}

static bool touches_area(const struct syscall_stop *s, uint64_t addr, uint64_t len)
{
	uint64_t base, size;
	if (scratch_range(s->t, &base, &size))
		return false;
	uint64_t end = addr + len;
	if (end < addr) /* wraps: covers everything above addr */
		end = UINT64_MAX;
	return addr < base + size && end > base;
}

static bool shmat_may_replace(const struct syscall_stop *s, uint64_t addr, uint64_t flags)
{
	uint64_t base, size;
	/* the segment's size is not known here: any SHM_REMAP attach at or
	 * below the area's end could cover it */
	return (flags & SHM_REMAP) && addr && !scratch_range(s->t, &base, &size) && addr < base + size;
}

static enum action deny_if(struct syscall_stop *s, bool deny)
{
	if (!deny)
		return ACT_CONTINUE;
	s->retval = -EPERM;
	return ACT_RETURN;
}

enum action handle_vm_guard(struct syscall_stop *s)
{
	enum sc_id id = s->id; /* if-chains: -Wswitch-enum wants every id in a switch */

	if (id == SC_munmap || id == SC_mprotect || id == SC_pkey_mprotect || id == SC_madvise ||
	    id == SC_remap_file_pages)
		return deny_if(s, touches_area(s, arg(s, 0), arg(s, 1)));
	if (id == SC_mremap)
		return deny_if(s, touches_area(s, arg(s, 0), arg(s, 1)) ||
				      ((arg(s, 3) & MREMAP_FIXED) && touches_area(s, arg(s, 4), arg(s, 2))));
	if (id == SC_mmap2 || (id == SC_mmap && s->abi->word_size == 8))
		return deny_if(s, (arg(s, 3) & MAP_FIXED) && touches_area(s, arg(s, 0), arg(s, 1)));
	if (id == SC_mmap) {
		/* i386's old mmap takes its arguments from memory, which another
		 * thread could change after a check: not supported there */
		s->retval = -ENOSYS;
		return ACT_RETURN;
	}
	if (id == SC_shmat)
		return deny_if(s, shmat_may_replace(s, arg(s, 1), arg(s, 2)));
	if (id == SC_ipc)
		return deny_if(s, (arg(s, 0) & 0xffff) == IPC_CALL_SHMAT && shmat_may_replace(s, arg(s, 4), arg(s, 2)));
	return ACT_CONTINUE;
}
