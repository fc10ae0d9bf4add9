/* SPDX-License-Identifier: BSD-2-Clause */
/* Debugging a process of the jail that is not the tracer's child's own
 * request (docs/ptrace-emulation.md): PTRACE_ATTACH of a sibling (its
 * SIGSTOP seen by waitpid, PEEKDATA, DETACH), PTRACE_SEIZE + INTERRUPT
 * (PTRACE_EVENT_STOP), CONT and KILL; a second tracer and a tracer of
 * itself or its own thread refused (EPERM); a tracee whose tracer exits
 * is let go (detached), or killed with PTRACE_O_EXITKILL; the exit event
 * (TRACEEXIT) of a thread seized while it runs. */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#include "probe.h"

static volatile long counter = 77;

/* a sibling that runs until killed, or until *deadline seconds pass (then
 * exits 3) */
static pid_t sibling(int seconds)
{
	pid_t p = fork();
	if (p == 0) {
		time_t end = time(NULL) + seconds;
		while (time(NULL) < end) {
			struct timespec ts = {0, 10 * 1000 * 1000};
			nanosleep(&ts, NULL);
		}
		_exit(3);
	}
	if (p < 0)
		fail("fork: %s", strerror(errno));
	return p;
}

static pid_t my_thread_tid;
static void *thread_main(void *arg)
{
	(void)arg;
	my_thread_tid = (pid_t)syscall(SYS_gettid);
	pause();
	return NULL;
}

/* A tracer child attaches to s, then exits without detaching. */
static void tracer_dies(pid_t s, long options)
{
	pid_t tr = fork();
	if (tr == 0) {
		int st;
		if (ptrace(PTRACE_SEIZE, s, 0, options) != 0)
			_exit(1);
		if (ptrace(PTRACE_INTERRUPT, s, 0, 0) != 0 || waitpid(s, &st, __WALL) != s)
			_exit(2);
		_exit(0); /* s is held in a stop: the kernel detaches (or kills) it */
	}
	int st = 0;
	if (tr < 0 || waitpid(tr, &st, 0) != tr || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fail("the tracer child failed: status %#x", st);
}

int main(void)
{
	int st = 0;
	pid_t s = sibling(20);
	if (ptrace(PTRACE_ATTACH, s, 0, 0) != 0)
		fail("PTRACE_ATTACH of a sibling: %s", strerror(errno));
	if (waitpid(s, &st, 0) != s || !WIFSTOPPED(st) || WSTOPSIG(st) != SIGSTOP)
		fail("after ATTACH: status %#x, want a SIGSTOP stop", st);
	EXPECT_ERRNO(ptrace(PTRACE_ATTACH, s, 0, 0), EPERM);
	errno = 0;
	long w = ptrace(PTRACE_PEEKDATA, s, (void *)&counter, 0);
	if (errno || w != 77)
		fail("PEEKDATA: %ld (%s)", w, strerror(errno));
	if (ptrace(PTRACE_DETACH, s, 0, 0) != 0)
		fail("DETACH: %s", strerror(errno));
	EXPECT_ERRNO(ptrace(PTRACE_PEEKDATA, s, (void *)&counter, 0), ESRCH);

	if (ptrace(PTRACE_SEIZE, s, 0, PTRACE_O_TRACESYSGOOD) != 0)
		fail("PTRACE_SEIZE: %s", strerror(errno));
	if (ptrace(PTRACE_INTERRUPT, s, 0, 0) != 0)
		fail("PTRACE_INTERRUPT: %s", strerror(errno));
	if (waitpid(s, &st, __WALL) != s || !WIFSTOPPED(st) || (st >> 16) != PTRACE_EVENT_STOP)
		fail("after INTERRUPT: status %#x, want PTRACE_EVENT_STOP", st);
	if (ptrace(PTRACE_CONT, s, 0, 0) != 0)
		fail("CONT: %s", strerror(errno));
	if (ptrace(PTRACE_KILL, s, 0, 0) != 0)
		fail("KILL: %s", strerror(errno));
	if (waitpid(s, &st, __WALL) != s || !WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL)
		fail("after KILL: status %#x, want killed by SIGKILL", st);

	/* itself, and its own thread */
	EXPECT_ERRNO(ptrace(PTRACE_ATTACH, getpid(), 0, 0), EPERM);
	pthread_t th;
	if (pthread_create(&th, NULL, thread_main, NULL) != 0)
		fail("pthread_create");
	while (!__atomic_load_n(&my_thread_tid, __ATOMIC_SEQ_CST))
		sched_yield();
	EXPECT_ERRNO(ptrace(PTRACE_SEIZE, my_thread_tid, 0, 0), EPERM);

	/* the tracer exits: detached, the sibling runs on and exits 3 */
	s = sibling(1);
	tracer_dies(s, 0);
	if (waitpid(s, &st, 0) != s || !WIFEXITED(st) || WEXITSTATUS(st) != 3)
		fail("a tracee whose tracer exited: status %#x, want exit 3", st);
	/* ... or killed with EXITKILL */
	s = sibling(20);
	tracer_dies(s, PTRACE_O_EXITKILL);
	if (waitpid(s, &st, 0) != s || !WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL)
		fail("EXITKILL: status %#x, want killed by SIGKILL", st);
	/* SEIZE with TRACEEXIT of a running sibling: its exit event, with
	 * the exit status as the event message */
	s = sibling(1);
	if (ptrace(PTRACE_SEIZE, s, 0, PTRACE_O_TRACEEXIT) != 0)
		fail("SEIZE with TRACEEXIT: %s", strerror(errno));
	if (waitpid(s, &st, __WALL) != s || !WIFSTOPPED(st) || (st >> 16) != PTRACE_EVENT_EXIT)
		fail("TRACEEXIT: status %#x, want PTRACE_EVENT_EXIT", st);
	unsigned long msg = 0;
	if (ptrace(PTRACE_GETEVENTMSG, s, 0, &msg) != 0 || msg != 3 << 8)
		fail("GETEVENTMSG at the exit event: %#lx, want 0x300", msg);
	if (ptrace(PTRACE_CONT, s, 0, 0) != 0 || waitpid(s, &st, __WALL) != s || !WIFEXITED(st) || WEXITSTATUS(st) != 3)
		fail("after the exit event: status %#x, want exit 3", st);
	pass("ATTACH/SEIZE of a sibling, INTERRUPT, CONT, KILL, DETACH, TRACEEXIT; self refused; tracer exit detaches or kills");
}
