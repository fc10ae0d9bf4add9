/* SPDX-License-Identifier: BSD-2-Clause */
/* Many processes and threads at once: each child and thread sees the jail
 * (uname), and every exit status comes back. */
#include <pthread.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "probe.h"

#define CHILDREN 200
#define THREADS 8

static int in_jail(void)
{
	struct utsname u;
	return uname(&u) == 0 && strcmp(u.nodename, PROBE_HOSTNAME) == 0;
}

static void *thread_main(void *arg)
{
	*(int *)arg = in_jail();
	return NULL;
}

int main(void)
{
	pid_t pids[CHILDREN];
	for (int i = 0; i < CHILDREN; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			fail("fork %d: %s", i, strerror(errno));
		if (pids[i] == 0) {
			pthread_t th[THREADS];
			int ok[THREADS];
			for (int k = 0; k < THREADS; k++)
				pthread_create(&th[k], NULL, thread_main, &ok[k]);
			int all = in_jail();
			for (int k = 0; k < THREADS; k++) {
				pthread_join(th[k], NULL);
				all &= ok[k];
			}
			_exit(all ? i % 100 : 200);
		}
	}
	for (int i = 0; i < CHILDREN; i++) {
		int status;
		if (waitpid(pids[i], &status, 0) != pids[i])
			fail("waitpid %d: %s", i, strerror(errno));
		if (!WIFEXITED(status) || WEXITSTATUS(status) != i % 100)
			fail("child %d: status %#x (200: not jailed)", i, status);
	}
	pass("%d processes with %d threads each, all jailed, all statuses right", CHILDREN, THREADS);
}
