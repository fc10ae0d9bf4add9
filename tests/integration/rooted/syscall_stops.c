/* SPDX-License-Identifier: BSD-2-Clause */
/* A tracer's view of a child's syscall stops across its exec, as strace -f
 * sees them: the child asks to be traced and executes PROGRAM; the tracer
 * resumes it with PTRACE_SYSCALL (TRACESYSGOOD, TRACEEXEC) to its end and
 * checks that syscall-entry and exit stops alternate (PTRACE_GET_SYSCALL_INFO
 * agrees with the alternation), that the stop after the exec event is the
 * execve's exit with result 0, and that the program exits 0. Run natively
 * and in a jail whose root holds a dynamic PROGRAM (started by the root's
 * loader, which the supervisor fixes up after the exec: that must not eat
 * the exit stop).
 *   syscall_stops PROGRAM */
#include <errno.h>
#include <stdbool.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

static void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("FAIL: ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	exit(1);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: syscall_stops PROGRAM\n");
		return 2;
	}
	pid_t c = fork();
	if (c < 0)
		fail("fork: %s", strerror(errno));
	if (c == 0) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0)
			_exit(126);
		raise(SIGSTOP);
		execl(argv[1], argv[1], (char *)NULL);
		_exit(127);
	}
	int st;
	if (waitpid(c, &st, 0) != c || !WIFSTOPPED(st) || WSTOPSIG(st) != SIGSTOP)
		fail("the child: no first SIGSTOP (status %#x)", st);
	if (ptrace(PTRACE_SETOPTIONS, c, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC) < 0)
		fail("PTRACE_SETOPTIONS: %s", strerror(errno));
	bool in_call = false, after_exec = false, saw_exec = false;
	long stops = 0;
	for (;;) {
		if (ptrace(PTRACE_SYSCALL, c, 0, 0) < 0)
			fail("PTRACE_SYSCALL: %s", strerror(errno));
		if (waitpid(c, &st, 0) != c)
			fail("waitpid: %s", strerror(errno));
		if (WIFEXITED(st) || WIFSIGNALED(st))
			break;
		if (st >> 16 == PTRACE_EVENT_EXEC) {
			if (!in_call)
				fail("the exec event came outside a syscall (after stop %ld)", stops);
			saw_exec = after_exec = true;
			continue;
		}
		if (WSTOPSIG(st) != (SIGTRAP | 0x80))
			fail("a stop that is not a syscall stop: status %#x", st);
		stops++;
		struct __ptrace_syscall_info info;
		memset(&info, 0, sizeof(info));
		if (ptrace(PTRACE_GET_SYSCALL_INFO, c, sizeof(info), &info) <= 0)
			fail("PTRACE_GET_SYSCALL_INFO: %s", strerror(errno));
		int want = in_call ? PTRACE_SYSCALL_INFO_EXIT : PTRACE_SYSCALL_INFO_ENTRY;
		if (info.op != want)
			fail("stop %ld is op %d, want %s", stops, (int)info.op, in_call ? "an exit" : "an entry");
		if (after_exec && (info.exit.rval != 0 || info.exit.is_error))
			fail("the execve's exit after the exec event returns %lld (stop %ld)", (long long)info.exit.rval, stops);
		after_exec = false;
		in_call = !in_call;
	}
	if (!saw_exec)
		fail("no exec event");
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fail("%s did not exit 0 (status %#x)", argv[1], st);
	printf("PASS: %ld syscall stops of %s, entries and exits in turn, the execve's exit after its exec event\n",
	       stops, argv[1]);
	return 0;
}
