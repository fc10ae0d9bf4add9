/* SPDX-License-Identifier: BSD-2-Clause */
/* clone3 keeps its flags in memory where the filter cannot see them: it
 * gives ENOSYS (glibc then uses clone), so CLONE_UNTRACED cannot pass. */
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "probe.h"

int main(void)
{
	struct clone_args args;
	memset(&args, 0, sizeof(args));
	args.flags = CLONE_UNTRACED;
	args.exit_signal = SIGCHLD;
	long pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid == 0)
		_exit(0);
	if (pid > 0) {
		waitpid((pid_t)pid, NULL, 0);
		fail("clone3(CLONE_UNTRACED) created process %ld", pid);
	}
	if (errno != ENOSYS)
		fail("clone3: %s, want ENOSYS", strerror(errno));
	/* and fork still works through clone */
	pid_t child = fork();
	if (child == 0)
		_exit(7);
	int status;
	if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 7)
		fail("fork after clone3 ENOSYS did not work");
	pass("clone3 gives ENOSYS; fork works");
}
