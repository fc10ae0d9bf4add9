/* SPDX-License-Identifier: BSD-2-Clause */
/* A debugger's waitpid is not interrupted by the SIGCHLD of the stop it
 * waits for (docs/ptrace-emulation.md, "wait and SIGCHLD"): the parent has
 * a SIGCHLD handler with SA_RESTART (as gdb's); each child asks to be
 * traced and stops a little later, so the parent's waitpid blocks first.
 * Natively it returns the child's stop; in the jail the wait is parked and
 * woken together with the SIGCHLD, and must restart, not fail with EINTR
 * (gdb printed "linux_ptrace_test_ret_to_nx: waitpid returned -1:
 * Interrupted system call"). */
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>

#include "probe.h"

static void on_chld(int sig)
{
	(void)sig;
}

int main(void)
{
#ifdef __aarch64__
	/* arm64 decides a signal's syscall restart before the ptrace stop
	 * where the supervisor would turn the parked call's restart code into
	 * wait4's: a parked wait still gives EINTR there (docs/ptrace-
	 * emulation.md, "Not done yet") */
	printf("SKIP: aarch64: a parked wait interrupted by a handled signal still gives EINTR (known)\n");
	return 77;
#endif
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_chld;
	sa.sa_flags = SA_RESTART;
	if (sigaction(SIGCHLD, &sa, NULL) < 0)
		fail("sigaction: %s", strerror(errno));
	enum { rounds = 15 };
	for (int i = 0; i < rounds; i++) {
		pid_t c = fork();
		if (c < 0)
			fail("fork: %s", strerror(errno));
		if (c == 0) {
			if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0)
				_exit(2);
			struct timespec ts = {0, 50 * 1000 * 1000};
			nanosleep(&ts, NULL);
			raise(SIGSTOP);
			_exit(0);
		}
		int st;
		pid_t got = waitpid(c, &st, 0);
		if (got < 0) {
			int e = errno;
			kill(c, SIGKILL);
			waitpid(c, &st, 0);
			fail("round %d: waitpid: %s", i, strerror(e));
		}
		if (got != c || !WIFSTOPPED(st) || WSTOPSIG(st) != SIGSTOP)
			fail("round %d: waitpid gave %d, status %#x (want %d stopped by SIGSTOP)", i, (int)got, st, (int)c);
		if (ptrace(PTRACE_CONT, c, 0, 0) < 0)
			fail("round %d: PTRACE_CONT: %s", i, strerror(errno));
		if (waitpid(c, &st, 0) != c || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
			fail("round %d: the child did not exit 0 (status %#x)", i, st);
	}
	pass("%d waitpid calls for a traced child's stop, none interrupted by its SIGCHLD", rounds);
}
