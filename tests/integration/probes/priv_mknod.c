/* SPDX-License-Identifier: BSD-2-Clause */
/* Jailed root may not create device nodes (they reach host devices):
 * mknod/mknodat of character and block devices give EPERM; FIFOs still
 * work. Harmless without the jail: the devices would be created in a
 * directory that does not exist. */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

#include "probe.h"

#define NOPATH "/nonexistent-jail-probe/node"

int main(void)
{
	char dir[] = "/tmp/jail-probe-mknod.XXXXXX";
	char fifo[sizeof(dir) + 8];

#ifdef SYS_mknod
	CHECK_DENIED(syscall(SYS_mknod, NOPATH, S_IFCHR | 0600, makedev(1, 3)), EPERM);
	CHECK_DENIED(syscall(SYS_mknod, NOPATH, S_IFBLK | 0600, makedev(7, 0)), EPERM);
#endif
	CHECK_DENIED(syscall(SYS_mknodat, AT_FDCWD, NOPATH, S_IFCHR | 0600, makedev(1, 3)), EPERM);
	CHECK_DENIED(syscall(SYS_mknodat, AT_FDCWD, NOPATH, S_IFBLK | 0600, makedev(7, 0)), EPERM);
	if (!mkdtemp(dir))
		fail("mkdtemp: %s", strerror(errno));
	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	CHECK_ALLOWED(syscall(SYS_mknodat, AT_FDCWD, fifo, S_IFIFO | 0600, 0), 0);
	unlink(fifo);
	rmdir(dir);
	checks_done("device mknod gives EPERM, FIFOs work");
}
