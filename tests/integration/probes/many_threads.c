/* SPDX-License-Identifier: BSD-2-Clause */
/* A process with more threads than the supervisor once looked at (4,096
 * table entries) and then a second process: kill(-1, 0) must find the
 * second one (0, not ESRCH). With "hold", the probe then stays up for
 * 60 s so a script can count the jail's processes with jls (2).
 *   many_threads [hold] */
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "probe.h"

#define THREADS 4200

static int block_fd;

static void *blocked(void *arg)
{
	char c;
	(void)arg;
	for (;;)
		if (read(block_fd, &c, 1) <= 0 && errno != EINTR)
			pause();
	return NULL;
}

int main(int argc, char **argv)
{
	int p[2];
	if (pipe(p) < 0)
		fail("pipe: %s", strerror(errno));
	block_fd = p[0];
	/* as many threads as the hard limit allows (a normal user's
	 * RLIMIT_NPROC counts threads) */
	struct rlimit lim;
	if (getrlimit(RLIMIT_NPROC, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
		lim.rlim_cur = lim.rlim_max;
		setrlimit(RLIMIT_NPROC, &lim);
	}
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (int i = 0; i < THREADS; i++) {
		pthread_t th;
		int err = pthread_create(&th, &attr, blocked, NULL);
		if (err == EAGAIN) {
			/* a small machine's limit (threads-max, RLIMIT_NPROC): too few
			 * threads to tell anything */
			printf("SKIP: only %d threads can run here\n", i);
			exit(77);
		}
		if (err)
			fail("thread %d: %s", i, strerror(err));
	}
	/* the second process comes after every thread in the table */
	pid_t child = fork();
	if (child < 0)
		fail("fork: %s", strerror(errno));
	if (child == 0) {
		char c;
		while (read(p[0], &c, 1) != 0)
			;
		_exit(0);
	}
	errno = 0;
	long rc = kill(-1, 0);
	int err = errno;
	if (rc != 0) {
		kill(child, SIGKILL);
		fail("kill(-1, 0) with %d threads and a child: %ld (%s), want 0: the child was not found",
		     THREADS, rc, strerror(err));
	}
	if (argc > 1 && strcmp(argv[1], "hold") == 0) {
		printf("PASS: kill(-1, 0) found the child beside %d threads; holding\n", THREADS);
		fflush(stdout);
		sleep(60);
		kill(child, SIGKILL);
		_exit(0);
	}
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	pass("kill(-1, 0) found the child beside %d threads", THREADS);
}
