/* SPDX-License-Identifier: BSD-2-Clause */
/* Jailed processes may not trace anything (the supervisor or host processes
 * could be reached that way): ptrace gives EPERM. */
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "probe.h"

int main(void)
{
	pid_t child = fork();
	if (child == 0) {
		long rc = ptrace(PTRACE_TRACEME, 0, 0, 0);
		_exit(rc == 0 ? 0 : errno == EPERM ? 1 : 2);
	}
	int status;
	if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status))
		fail("child did not exit");
	if (WEXITSTATUS(status) == 0)
		fail("PTRACE_TRACEME succeeded");
	if (WEXITSTATUS(status) != 1)
		fail("PTRACE_TRACEME failed with another errno than EPERM");
	EXPECT_ERRNO(ptrace(PTRACE_ATTACH, getppid(), 0, 0), EPERM);
	pass("ptrace gives EPERM");
}
