/* SPDX-License-Identifier: BSD-2-Clause */
#include "openat2_retry.h"

#include <errno.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

int openat2_retry(int dirfd, const char *path, const struct open_how *how)
{
	for (int i = 0;; i++) {
		long fd = syscall(SYS_openat2, dirfd, path, how, sizeof(*how));
		if (fd >= 0 || errno != EAGAIN || i + 1 >= OPENAT2_TRIES)
			return (int)fd;
		sched_yield(); /* let the rename that disturbed the walk finish */
	}
}
