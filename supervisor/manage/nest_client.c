/* SPDX-License-Identifier: BSD-2-Clause */
/* The jailed tool's side of the nested-jail channel, and the scope a tool
 * run by a jail's agent works in (nest.h). */
#include "nest.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../policy/nest.h"
#include "registry.h"

int nest_scope_from_env(bool *priv)
{
	const char *s = getenv(NEST_ENV_SCOPE), *p = getenv(NEST_ENV_PRIV);
	int jid = s ? atoi(s) : 0;
	*priv = p && strcmp(p, "1") == 0;
	unsetenv(NEST_ENV_SCOPE);
	unsetenv(NEST_ENV_PRIV);
	if (jid > 0)
		registry_set_scope(jid);
	return jid > 0 ? jid : 0;
}

static int send_run(int fd, int argc, char **argv)
{
	static char args[NEST_ARGS_MAX];
	size_t len = 0;
	if (argc > NEST_ARGC_MAX)
		return -E2BIG;
	for (int i = 0; i < argc; i++) {
		size_t l = strlen(argv[i]) + 1;
		if (len + l > sizeof(args))
			return -E2BIG;
		memcpy(args + len, argv[i], l);
		len += l;
	}
	struct nest_hdr h = {.magic = NEST_MAGIC, .type = NEST_RUN, .value = argc, .len = (uint32_t)len};
	struct iovec iov[2] = {{&h, sizeof(h)}, {args, len}};
	int fds[3] = {0, 1, 2};
	union {
		char buf[CMSG_SPACE(sizeof(fds))];
		struct cmsghdr align;
	} u;
	memset(&u, 0, sizeof(u));
	struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 2, .msg_control = u.buf, .msg_controllen = sizeof(u.buf)};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(fds));
	memcpy(CMSG_DATA(c), fds, sizeof(fds));
	if (sendmsg(fd, &msg, MSG_NOSIGNAL) != (ssize_t)(sizeof(h) + len))
		return -errno;
	return 0;
}

int nest_forward(int argc, char **argv)
{
	int fd = open(NEST_CHANNEL_PATH, O_RDWR | O_CLOEXEC);
	if (fd < 0 && errno == EAGAIN) {
		/* the jail runs as many of these tools as its supervisor allows */
		const char *tool = strrchr(argv[0], '/');
		fprintf(stderr, "%s: %s: %s\n", tool ? tool + 1 : argv[0], NEST_CHANNEL_PATH, strerror(EAGAIN));
		return 1;
	}
	if (fd < 0)
		return -1;
	int rc = send_run(fd, argc, argv);
	if (rc) {
		close(fd);
		return 1;
	}
	sigset_t relayed;
	sigemptyset(&relayed);
	for (int sig = 1; sig < 32; sig++)
		if (nest_signal_relayed(sig))
			sigaddset(&relayed, sig);
	sigprocmask(SIG_BLOCK, &relayed, NULL);
	int sfd = signalfd(-1, &relayed, SFD_CLOEXEC);
	for (;;) {
		struct pollfd p[2] = {{.fd = fd, .events = POLLIN}, {.fd = sfd, .events = POLLIN}};
		if (poll(p, sfd >= 0 ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (sfd >= 0 && p[1].revents) {
			struct signalfd_siginfo si;
			if (read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
				struct nest_hdr h = {.magic = NEST_MAGIC, .type = NEST_SIGNAL, .value = (int)si.ssi_signo};
				send(fd, &h, sizeof(h), MSG_NOSIGNAL);
			}
		}
		if (p[0].revents) {
			struct nest_hdr h;
			ssize_t n = recv(fd, &h, sizeof(h), 0);
			if (n < 0 && errno == EINTR)
				continue;
			if (n == (ssize_t)sizeof(h) && h.magic == NEST_MAGIC && h.type == NEST_STATUS) {
				close(fd);
				return h.value;
			}
			if (n <= 0)
				break;
		}
	}
	close(fd);
	return 1;
}
