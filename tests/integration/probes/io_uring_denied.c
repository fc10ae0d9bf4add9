/* SPDX-License-Identifier: BSD-2-Clause */
/* io_uring would run file and socket operations with no syscall for the
 * supervisor to see: io_uring_setup gives EPERM. */
#include <sys/syscall.h>

#include "probe.h"

int main(void)
{
	char params[120]; /* struct io_uring_params */
	memset(params, 0, sizeof(params));
	long fd = syscall(SYS_io_uring_setup, 4, params);
	if (fd >= 0)
		fail("io_uring_setup gave fd %ld", fd);
	if (errno != EPERM)
		fail("io_uring_setup: %s, want EPERM", strerror(errno));
	pass("io_uring_setup gives EPERM");
}
