/* SPDX-License-Identifier: BSD-2-Clause */
/* Jailed processes may not lock memory (allow.mlock is off): mlock,
 * mlock2, mlockall and mmap(MAP_LOCKED) give EPERM; munlock works.
 * Harmless without the jail: one page of the probe's own is locked and
 * unlocked; mlockall gets invalid flags. */
#include <sys/mman.h>
#include <sys/syscall.h>

#include "probe.h"

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	void *p = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		fail("mmap: %s", strerror(errno));

	CHECK_DENIED(syscall(SYS_mlock, p, page), EPERM);
	munlock(p, (size_t)page);
	CHECK_DENIED(syscall(SYS_mlock2, p, page, 0), EPERM);
	munlock(p, (size_t)page);
	CHECK_DENIED(syscall(SYS_mlockall, 0), EPERM);
	errno = 0;
	void *q = mmap(NULL, (size_t)page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
	check_result("mmap(MAP_LOCKED)", q == MAP_FAILED ? -1 : 0, errno, EPERM);
	if (q != MAP_FAILED)
		munmap(q, (size_t)page);
	CHECK_ALLOWED(munlock(p, (size_t)page), 0);
	checks_done("mlock, mlock2, mlockall and MAP_LOCKED give EPERM");
}
