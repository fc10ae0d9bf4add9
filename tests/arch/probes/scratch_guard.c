/* SPDX-License-Identifier: BSD-2-Clause */
/* The scratch area (the read-only mapping the supervisor writes translated
 * paths to) cannot be made writable, unmapped, replaced, discarded or
 * moved by the jailed program: sealed where the kernel has mseal (6.10),
 * guarded by handle_vm_guard.c where it does not (these VMs run 6.1) or
 * where the ABI's filter cannot allow mseal (i386). Run in a jail with its
 * own root (tests/arch/guest/rooted.sh): a chdir maps the area first (a
 * call whose handler may write there; opens, readlink and the metadata
 * calls are served from user notification and never map it). Outside a
 * jail there is no such area: the probe fails. */
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "probe.h"

#define AREA_SIZE (64ULL << 20) /* supervisor/engine/scratch.c: 1024 slots of 64 KiB */

static uintptr_t find_area(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	if (!f)
		fail("/proc/self/maps: %s", strerror(errno));
	char line[512];
	uintptr_t found = 0;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long start, end, inode;
		char perms[8];
		if (sscanf(line, "%llx-%llx %7s %*s %*s %llu", &start, &end, perms, &inode) == 4 &&
		    end - start == AREA_SIZE && strcmp(perms, "r--p") == 0 && inode == 0)
			found = (uintptr_t)start;
	}
	fclose(f);
	return found;
}

int main(void)
{
	if (chdir("/") != 0)
		fail("chdir /: %s", strerror(errno));
	uintptr_t a = find_area();
	if (!a)
		fail("no 64 MiB read-only anonymous mapping: no scratch area");
	void *p = (void *)a;
	long page = sysconf(_SC_PAGESIZE);

	EXPECT_ERRNO(mprotect(p, (size_t)page, PROT_READ | PROT_WRITE), EPERM);
	EXPECT_ERRNO(munmap(p, (size_t)page), EPERM);
	void *m = mmap(p, (size_t)page, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m != MAP_FAILED)
		fail("mmap(MAP_FIXED) over the area succeeded");
	if (errno != EPERM)
		fail("mmap(MAP_FIXED) over the area: %s, want EPERM", strerror(errno));
	EXPECT_ERRNO(madvise(p, (size_t)page, MADV_DONTNEED), EPERM);
	void *r = mremap(p, (size_t)page, (size_t)page, MREMAP_MAYMOVE | MREMAP_FIXED, (char *)p + AREA_SIZE);
	if (r != MAP_FAILED)
		fail("mremap of the area succeeded");
	if (errno != EPERM)
		fail("mremap of the area: %s, want EPERM", strerror(errno));
	pass("the scratch area cannot be reprotected, unmapped, replaced, discarded or moved");
}
