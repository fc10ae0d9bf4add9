/* SPDX-License-Identifier: BSD-2-Clause */
/* clone with CLONE_UNTRACED would start a process the supervisor does not
 * see: the jail refuses it with EPERM. */
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "probe.h"

int main(void)
{
	long pid = syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		_exit(0);
	if (pid > 0) {
		waitpid((pid_t)pid, NULL, 0);
		fail("clone(CLONE_UNTRACED) created process %ld", pid);
	}
	if (errno != EPERM)
		fail("clone(CLONE_UNTRACED): %s, want EPERM", strerror(errno));
	pass("clone(CLONE_UNTRACED) gives EPERM");
}
