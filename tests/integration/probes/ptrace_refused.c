/* SPDX-License-Identifier: BSD-2-Clause */
/* A jailed tracer reaches only its jail (docs/ptrace-emulation.md): the
 * process outside the jail it knows, its parent (the supervisor), does not
 * exist for ATTACH, SEIZE or any other request (ESRCH, as FreeBSD's
 * prison_check), nor does pid 1 of the host; and nothing a tracer asks
 * changes what the supervisor enforces: PTRACE_O_SUSPEND_SECCOMP is
 * refused (EPERM), POKEUSER (debug registers) and unknown requests get
 * EIO without reaching the kernel. With no jail, the parent can be seized
 * (the probe fails there: it can tell). */
#include <signal.h>
#include <stddef.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "probe.h"

#define O_SUSPEND_SECCOMP (1 << 21)

int main(void)
{
	pid_t outside = getppid();
	EXPECT_ERRNO(ptrace(PTRACE_SEIZE, outside, 0, 0), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_ATTACH, outside, 0, 0), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_INTERRUPT, outside, 0, 0), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_PEEKDATA, outside, 0, 0), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_KILL, outside, 0, 0), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_SEIZE, 1, 0, 0), ESRCH);

	pid_t child = fork();
	if (child == 0) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0) != 0)
			_exit(1);
		raise(SIGSTOP);
		_exit(0);
	}
	int st;
	if (child < 0 || waitpid(child, &st, 0) != child || !WIFSTOPPED(st))
		fail("the traced child did not stop: status %#x", st);
	EXPECT_ERRNO(ptrace(PTRACE_SETOPTIONS, child, 0, O_SUSPEND_SECCOMP), EPERM);
	EXPECT_ERRNO(ptrace(PTRACE_SEIZE, outside, 0, O_SUSPEND_SECCOMP), ESRCH);
	/* dr7 in x86's user area; any offset elsewhere: refused before the kernel */
	EXPECT_ERRNO(ptrace(PTRACE_POKEUSER, child, (void *)(848 + 7 * sizeof(long)), 0), EIO);
	EXPECT_ERRNO(ptrace((enum __ptrace_request)0x4209 /* PTRACE_GETSIGMASK */, child, 8, &st), EIO);
	kill(child, SIGKILL);
	waitpid(child, &st, 0);
	pass("the supervisor and host pid 1 are ESRCH to a jailed tracer; SUSPEND_SECCOMP EPERM; POKEUSER EIO");
}
