/* SPDX-License-Identifier: BSD-2-Clause */
/* The scratch area. Mapped lazily: the first time a thread of an address
 * space needs it, the supervisor injects mmap(PROT_READ) and mseal into the
 * tracee at its seccomp stop. The supervisor writes through
 * /proc/<pid>/mem, which can write pages the tracee cannot. The guard in
 * landlock_guard.c keeps the tracee from doing the same. */
#include "scratch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../arch/abi.h"
#include "inject.h"
#include "procfs.h"
#include "tracee.h"

#define SCRATCH_SIZE ((uint64_t)SCRATCH_SLOTS * SCRATCH_SLOT_SIZE)

int scratch_range(const struct tracee *t, uint64_t *base, uint64_t *size)
{
	if (!scratch_ready(t))
		return -ENOENT;
	*base = t->as->base;
	*size = SCRATCH_SIZE;
	return 0;
}

/* Is the area at addr what the supervisor mapped and sealed? Read in the
 * kernel's own view, not believed from the injected calls' answers:
 * - a sibling thread can unmap the new area before the mseal and map its
 *   own writable one at that address, which the mseal then seals: the
 *   mapping must still be the area (exactly its range, read-only,
 *   private, anonymous);
 * - a filter the program stacked runs for the injected calls too and can
 *   answer mseal with 0 without running it: with the jail's filter alone
 *   (Seccomp_filters 1) mseal's answer is the kernel's, else the
 *   mapping's VmFlags in smaps must show "sl" (6.10). */
static bool seal_holds(pid_t tid, uint64_t addr)
{
	bool believed = proc_only_jail_filter(tid);
	char path[64], line[512];
	snprintf(path, sizeof(path), "/proc/%d/%s", (int)tid, believed ? "maps" : "smaps");
	FILE *f = fopen(path, "re");
	if (!f)
		return false;
	bool in = false, area = false, sealed = believed;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long start, end, inode;
		char perms[8];
		if (sscanf(line, "%llx-%llx %7s %*s %*s %llu", &start, &end, perms, &inode) == 4 &&
		    strchr(line, '-') < strchr(line, ' ')) {
			in = start == addr;
			if (in)
				area = end - start == SCRATCH_SIZE && strcmp(perms, "r--p") == 0 && inode == 0;
		} else if (in && !believed && strncmp(line, "VmFlags:", 8) == 0) {
			sealed = strstr(line, " sl") != NULL;
		}
	}
	fclose(f);
	return area && sealed;
}

int scratch_map_in(struct injection *inj)
{
	struct tracee *t = inj->t;
	const struct abi *abi = inj->abi;
	if (!t->as)
		scratch_new_space(t);
	long addr = -ENOSYS, sealed = -ENOSYS;
	int nr_mmap = abi_nr(abi, abi->word_size == 4 ? SC_mmap2 : SC_mmap);
	int nr_mseal = abi_nr(abi, SC_mseal);

	if (nr_mmap < 0)
		nr_mmap = abi_nr(abi, SC_mmap);
	uint64_t margs[6] = {0, SCRATCH_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
			     (uint64_t)-1, 0};
	if (abi->word_size == 4)
		margs[4] = 0xffffffffu;
#ifdef __x86_64__
	/* A 64-bit program may make i386 calls (int $0x80), whose pointers
	 * are 32 bits: the area goes below 4 GiB (MAP_32BIT: the first 2 GiB)
	 * so that those calls' rewritten arguments can point there too. */
	else
		margs[3] |= MAP_32BIT;
#endif
	int err = inject_call(inj, nr_mmap, margs, &addr);
#ifdef __x86_64__
	if (!err && addr == -ENOMEM && (margs[3] & MAP_32BIT)) {
		margs[3] &= ~(uint64_t)MAP_32BIT; /* that space is full: anywhere */
		err = inject_call(inj, nr_mmap, margs, &addr);
	}
#endif
	if (!err && addr < 0 && addr > -4096)
		err = (int)addr;
	if (!err && addr == 0)
		err = -ENOMEM; /* no area (a filter of the program's own can answer 0) */
	/* a 32-bit ABI's result is sign-extended, but its addresses above
	 * 2 GiB (where i386 mappings go) are not negative */
	if (!err && abi->word_size == 4)
		addr = (long)(uint32_t)addr;
	if (!err && nr_mseal >= 0) {
		uint64_t sargs[6] = {(uint64_t)addr, SCRATCH_SIZE, 0, 0, 0, 0};
		err = inject_call(inj, nr_mseal, sargs, &sealed);
		/* without mseal (an old kernel) the area is only read-only and
		 * the filter guards it (handle_vm_guard.c). Where the kernel
		 * has mseal the filter counts on the seal: if it failed, the
		 * area is not used (fail closed). docs/scratch-area.md */
		if (!err && abi_kernel_has_mseal() && (sealed != 0 || !seal_holds(t->tid, (uint64_t)addr))) {
			/* (e.g. a filter of the program's own refused it, or said
			 * 0 without running it) */
			long ignored;
			uint64_t uargs[6] = {(uint64_t)addr, SCRATCH_SIZE, 0, 0, 0, 0};
			err = inject_call(inj, abi_nr(abi, SC_munmap), uargs, &ignored);
			if (err != -ESRCH)
				err = sealed < 0 ? (int)sealed : -EPERM;
		}
	}
	if (!err)
		t->as->base = (uint64_t)addr;
	return err;
}

int scratch_prepare(struct tracee *t)
{
	struct injection inj;
	int err = inject_begin(&inj, t, t->abi);
	if (err)
		return err;
	err = scratch_map_in(&inj);
	if (err == -ESRCH)
		return err;
	/* mapped: the call is issued again; failed: it counts as done (the
	 * caller sets its result), not issued again with the registers of
	 * an injected call's exit */
	int end = err && inj.at_exit ? inject_finish(&inj) : inject_end(&inj);
	if (err)
		return err;
	return end;
}

static int alloc_slot(struct tracee *t)
{
	struct addr_space *as = t->as;
	if (as->used == SCRATCH_SLOTS)
		return -EAGAIN;
	for (int i = 0; i < SCRATCH_SLOTS; i++)
		if (!as->slot_used[i]) {
			as->slot_used[i] = 1;
			as->used++;
			t->slot = i;
			return 0;
		}
	return -EAGAIN;
}

int scratch_put(struct tracee *t, size_t off, const void *data, size_t len, uint64_t *addr)
{
	int err;

	if (off > SCRATCH_SLOT_SIZE || len > SCRATCH_SLOT_SIZE - off)
		return -E2BIG;
	if (!scratch_ready(t))
		return -ENOMEM; /* the handler lacks .uses_scratch */
	if (t->slot < 0 && (err = alloc_slot(t)))
		return err;
	if (t->as->mem_fd < 0) {
		char path[64];
		snprintf(path, sizeof(path), "/proc/%d/mem", (int)t->tid);
		t->as->mem_fd = open(path, O_RDWR | O_CLOEXEC);
		if (t->as->mem_fd < 0)
			return -errno;
	}
	uint64_t where = t->as->base + (uint64_t)t->slot * SCRATCH_SLOT_SIZE + off;
	ssize_t n = pwrite(t->as->mem_fd, data, len, (off_t)where);
	if (n != (ssize_t)len)
		return n < 0 ? -errno : -EIO;
	*addr = where;
	return 0;
}
