/* SPDX-License-Identifier: BSD-2-Clause */
#include "loop_wake.h"

#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "supervisor.h"

struct posted {
	void (*fn)(void *);
	void *arg;
	struct posted *next;
};

static pthread_mutex_t posted_mu = PTHREAD_MUTEX_INITIALIZER;
static struct posted *posted_head, **posted_tail = &posted_head;
static atomic_uint posted_count;

static pid_t loop_tid;
static sigset_t wake_set;
static sigjmp_buf wake_jump;
static volatile sig_atomic_t armed;

int loop_wake_signal(void)
{
	return SIGRTMIN;
}

/* Only ever runs inside the armed window of loop_wait (the signal is
 * blocked everywhere else), where nothing holds a lock: the jump leaves a
 * waitid or a pause, or the sigprocmask around them. */
static void on_wake(int sig)
{
	(void)sig;
	if (armed) {
		armed = 0;
		siglongjmp(wake_jump, 1);
	}
}

int loop_wake_init(void)
{
	loop_tid = (pid_t)syscall(SYS_gettid);
	sigemptyset(&wake_set);
	sigaddset(&wake_set, loop_wake_signal());
	int rc = pthread_sigmask(SIG_BLOCK, &wake_set, NULL);
	if (rc)
		return -rc;
	struct sigaction sa = {.sa_handler = on_wake};
	sigemptyset(&sa.sa_mask);
	if (sigaction(loop_wake_signal(), &sa, NULL) < 0)
		return -errno;
	return 0;
}

void supervisor_wake(void)
{
	if (loop_tid > 0)
		syscall(SYS_tgkill, getpid(), loop_tid, loop_wake_signal());
}

void supervisor_post(void (*fn)(void *), void *arg)
{
	struct posted *p = malloc(sizeof(*p));
	if (!p) {
		perror("jail: malloc");
		abort(); /* fail closed: EXITKILL ends the jail */
	}
	*p = (struct posted){.fn = fn, .arg = arg};
	pthread_mutex_lock(&posted_mu);
	*posted_tail = p;
	posted_tail = &p->next;
	atomic_fetch_add(&posted_count, 1);
	pthread_mutex_unlock(&posted_mu);
	supervisor_wake();
}

void loop_run_posted(void)
{
	if (atomic_load(&posted_count) == 0)
		return;
	pthread_mutex_lock(&posted_mu);
	struct posted *list = posted_head;
	posted_head = NULL;
	posted_tail = &posted_head;
	atomic_store(&posted_count, 0);
	pthread_mutex_unlock(&posted_mu);
	while (list) {
		struct posted *next = list->next;
		list->fn(list->arg);
		free(list);
		list = next;
	}
}

int loop_wait(pid_t *pid, bool children)
{
	if (sigsetjmp(wake_jump, 0))
		return 0; /* woken; the handler left the signal blocked */
	volatile int rc;
	siginfo_t si;
	si.si_pid = 0;
	armed = 1;
	pthread_sigmask(SIG_UNBLOCK, &wake_set, NULL);
	/* the wait waitpid(-1, __WALL) would do, peeking only */
	if (children)
		rc = waitid(P_ALL, 0, &si, WEXITED | __WALL | WNOWAIT) < 0 ? -errno : 1;
	else
		rc = pause() < 0 ? -errno : 0;
	armed = 0;
	pthread_sigmask(SIG_BLOCK, &wake_set, NULL);
	if (rc == 1) {
		if (si.si_pid <= 0)
			return 0;
		*pid = si.si_pid;
	}
	return rc == -EINTR ? 0 : rc;
}

bool loop_has_children(void)
{
	siginfo_t si;
	return waitid(P_ALL, 0, &si, WEXITED | __WALL | WNOHANG | WNOWAIT) == 0;
}
