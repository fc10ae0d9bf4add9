/* SPDX-License-Identifier: BSD-2-Clause */
/* No /proc/.../mem file can be opened for writing in a jail (it would let
 * a jailed thread rewrite the read-only scratch area the kernel reads
 * checked arguments from): self, thread-self, pid, task/tid, and relative
 * to a /proc dirfd. Reading stays possible. */
#include <fcntl.h>
#include <sys/syscall.h>

#include "probe.h"

static void expect_no_write(int dirfd, const char *path)
{
	int fd = openat(dirfd, path, O_RDWR | O_CLOEXEC);
	if (fd >= 0)
		fail("%s opened for writing", path);
	if (errno != EACCES && errno != EPERM)
		fail("%s: %s, want EACCES or EPERM", path, strerror(errno));
}

int main(void)
{
	char path[128];
	int pid = getpid(), tid = (int)syscall(SYS_gettid);

	expect_no_write(AT_FDCWD, "/proc/self/mem");
	expect_no_write(AT_FDCWD, "/proc/thread-self/mem");
	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	expect_no_write(AT_FDCWD, path);
	snprintf(path, sizeof(path), "/proc/%d/task/%d/mem", pid, tid);
	expect_no_write(AT_FDCWD, path);
	int proc = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (proc < 0)
		fail("open /proc: %s", strerror(errno));
	expect_no_write(proc, "self/mem");
	int self = open("/proc/self", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	expect_no_write(self, "mem");
	int fd = open("/proc/self/mem", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fail("/proc/self/mem cannot even be read: %s", strerror(errno));
	pass("no /proc/.../mem opens for writing");
}
