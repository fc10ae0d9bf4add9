/* SPDX-License-Identifier: BSD-2-Clause */
/* The identity of the caller is the kernel's: the open() that asks for the
 * channel is a seccomp notification of a process this supervisor traces,
 * so the agent it starts is bound to this jail (t->jail), whatever the
 * caller says later. The caller's credentials are read when it asks. */
#include "nest_channel.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../../policy/jail.h"
#include "../engine/creds.h"
#include "../engine/tracee.h"

extern char **environ;

/* The agents running for this jail (a supervisor serves one jail): a
 * pidfd each, readable once the agent has exited. */
static pthread_mutex_t agents_lock = PTHREAD_MUTEX_INITIALIZER;
static int agents[NEST_AGENTS_MAX];
static int nagents;

/* Forgets the agents that have exited (agents_lock held). */
static void forget_exited(void)
{
	for (int i = 0; i < nagents;) {
		struct pollfd p = {.fd = agents[i], .events = POLLIN};
		if (poll(&p, 1, 0) == 1) {
			close(agents[i]);
			agents[i] = agents[--nagents];
		} else {
			i++;
		}
	}
}

static int spawn_agent(const struct tracee *t, pid_t *pid);

int nest_channel_open(const struct tracee *t)
{
	pthread_mutex_lock(&agents_lock);
	forget_exited();
	if (nagents >= NEST_AGENTS_MAX) {
		pthread_mutex_unlock(&agents_lock);
		return -EAGAIN;
	}
	pid_t pid;
	int fd = spawn_agent(t, &pid);
	if (fd >= 0) {
		/* gone already (its caller closed at once): nothing to count */
		int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
		if (pidfd >= 0)
			agents[nagents++] = pidfd;
	}
	pthread_mutex_unlock(&agents_lock);
	return fd;
}

static int spawn_agent(const struct tracee *t, pid_t *out)
{
	struct proc_creds c;
	if (!t->jail || t->jail->jid <= 0)
		return -ENOENT;
	int rc = creds_read(t->tid, &c, NULL);
	if (rc)
		return rc;
	/* the jail's privileged account: root in a jail started by root, its
	 * owner in a jail started by a normal user */
	uid_t owner = geteuid();
	bool priv = c.fsuid == (owner == 0 ? 0 : owner);
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return -errno;
	char jid[16];
	snprintf(jid, sizeof(jid), "%d", t->jail->jid);
	char *argv[] = {"jail", "--nest-agent", jid, priv ? "1" : "0", NULL};
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDWR, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_RDWR, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_RDWR, 0);
	posix_spawn_file_actions_adddup2(&fa, sv[1], 3);
	posix_spawnattr_init(&attr);
	sigset_t none, all;
	sigemptyset(&none);
	sigfillset(&all);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &all);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	pid_t pid;
	rc = posix_spawn(&pid, "/proc/self/exe", &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(sv[1]);
	if (rc) {
		close(sv[0]);
		return -rc;
	}
	*out = pid;
	return sv[0];
}
