/* SPDX-License-Identifier: BSD-2-Clause */
/* A tracer in the jail waits for its tracee through a pidfd:
 * waitid(P_PIDFD) reports the tracee's ptrace stop (CLD_TRAPPED, SIGSTOP)
 * and then its exit, as natively. The jail's tracing is virtual
 * (docs/ptrace-emulation.md): a waitid(P_PIDFD) left to the kernel never
 * sees the stop, and the probe fails after its time limit. */
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "probe.h"
#include "traced_child.h"

#ifndef P_PIDFD
#define P_PIDFD 3
#endif
#define NR_pidfd_open 434 /* the same on every architecture */

/* waitid(P_PIDFD, fd) with WNOHANG, retried for up to ten seconds */
static void wait_pidfd(int fd, int options, siginfo_t *si)
{
	for (int i = 0; i < 1000; i++) {
		memset(si, 0, sizeof(*si));
		if (syscall(SYS_waitid, P_PIDFD, fd, si, options | WNOHANG, NULL) != 0)
			fail("waitid(P_PIDFD): %s", strerror(errno));
		if (si->si_pid)
			return;
		usleep(10000);
	}
	fail("waitid(P_PIDFD): nothing reported in 10 s (options %#x)", options);
}

int main(void)
{
	pid_t child = fork_traced_child();
	if (child == 0) {
		_exit(7);
	}
	int fd = (int)syscall(NR_pidfd_open, child, 0);
	if (fd < 0)
		fail("pidfd_open: %s", strerror(errno));
	siginfo_t si;
	wait_pidfd(fd, WEXITED | WSTOPPED, &si);
	if (si.si_code == CLD_EXITED)
		fail("the child exited with %d before its stop (TRACEME refused?)", si.si_status);
	if (si.si_pid != child || si.si_code != CLD_TRAPPED || si.si_status != SIGSTOP)
		fail("first report: pid %d code %d status %d, want %d CLD_TRAPPED SIGSTOP", (int)si.si_pid,
		     si.si_code, si.si_status, (int)child);
	if (ptrace(PTRACE_CONT, child, 0, 0) != 0)
		fail("PTRACE_CONT: %s", strerror(errno));
	wait_pidfd(fd, WEXITED, &si);
	if (si.si_pid != child || si.si_code != CLD_EXITED || si.si_status != 7)
		fail("exit: pid %d code %d status %d, want %d CLD_EXITED 7", (int)si.si_pid, si.si_code,
		     si.si_status, (int)child);
	pass("waitid(P_PIDFD) of a tracee: its ptrace stop, then its exit");
}
