/* SPDX-License-Identifier: BSD-2-Clause */
#include "signal_relay.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

static const int relayed[] = {SIGINT, SIGQUIT, SIGHUP, SIGTERM, SIGUSR1, SIGUSR2, SIGWINCH, SIGCONT, 0};

static volatile sig_atomic_t target = -1;
static volatile sig_atomic_t pending[_NSIG];
static pid_t supervisor_pid;

static void send_to_command(int sig)
{
	syscall(SYS_pidfd_send_signal, (int)target, sig, NULL, 0);
}

static void on_signal(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	/* only what a process sent (kill, sigqueue, tgkill: si_code <= 0);
	 * SI_KERNEL is the terminal's, sent to the command's group too */
	if (si->si_code > 0 || si->si_pid == supervisor_pid)
		return;
	if (target >= 0)
		send_to_command(sig);
	else
		pending[sig] = 1;
}

void relay_install(pid_t supervisor)
{
	supervisor_pid = supervisor;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigfillset(&sa.sa_mask);
	for (int i = 0; relayed[i]; i++)
		sigaction(relayed[i], &sa, NULL);
}

void relay_set_target(int pidfd)
{
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	target = pidfd;
	for (int i = 0; relayed[i]; i++)
		if (pending[relayed[i]]) {
			pending[relayed[i]] = 0;
			send_to_command(relayed[i]);
		}
	sigprocmask(SIG_SETMASK, &old, NULL);
}

int relay_send_target(int sock, pid_t command)
{
	int pidfd = (int)syscall(SYS_pidfd_open, command, 0);
	if (pidfd < 0)
		return -errno;
	char tag = 'p';
	struct iovec iov = {&tag, 1};
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	memset(&u, 0, sizeof(u));
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof(u.buf)};
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &pidfd, sizeof(int));
	ssize_t n = sendmsg(sock, &m, MSG_NOSIGNAL);
	int err = errno;
	close(pidfd);
	return n == 1 ? 0 : -err;
}

int relay_recv(int sock, int *pidfd, int *status)
{
	char buf[sizeof(int)];
	struct iovec iov = {buf, sizeof(buf)};
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof(u.buf)};
	ssize_t n;
	do
		n = recvmsg(sock, &m, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	struct cmsghdr *c = n > 0 ? CMSG_FIRSTHDR(&m) : NULL;
	if (n == 1 && buf[0] == 'p' && c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
	    c->cmsg_len == CMSG_LEN(sizeof(int))) {
		memcpy(pidfd, CMSG_DATA(c), sizeof(int));
		return 1;
	}
	if (n == (ssize_t)sizeof(int)) {
		memcpy(status, buf, sizeof(int));
		return 0;
	}
	return -1;
}
