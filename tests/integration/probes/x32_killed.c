/* SPDX-License-Identifier: BSD-2-Clause */
/* x32 syscall numbers (bit 30 set) kill the whole process, not just the
 * thread. Outside a jail this kernel has no x32: the call returns ENOSYS. */
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "probe.h"

int main(void)
{
#if defined(__x86_64__)
	pid_t child = fork();
	if (child == 0) {
		syscall(0x40000000 | SYS_getpid);
		_exit(3);
	}
	int status;
	if (child < 0 || waitpid(child, &status, 0) != child)
		fail("wait: %s", strerror(errno));
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGSYS)
		fail("an x32 syscall did not kill the process (status %#x)", status);
	pass("an x32 syscall kills the process with SIGSYS");
#else
	/* nothing to test (and the outside run could not tell): skip */
	printf("SKIP: no x32 ABI on this architecture\n");
	return 77;
#endif
}
