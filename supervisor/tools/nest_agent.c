/* SPDX-License-Identifier: BSD-2-Clause */
/* jail --nest-agent JID PRIV: started by the supervisor of jail JID when a
 * process of that jail opens the nested-jail channel (policy/nest.h), with
 * the channel on descriptor 3. Runs the tool the caller asks for on the
 * host, limited to jail JID's descendants (registry_set_scope), with the
 * caller's descriptors 0-2, a fixed environment (never the caller's), and
 * relays the caller's signals and the tool's exit code. */
#include "nest_agent.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../policy/nest.h"

#define CHANNEL 3

static int send_status(int code)
{
	struct nest_hdr h = {.magic = NEST_MAGIC, .type = NEST_STATUS, .value = code};
	return send(CHANNEL, &h, sizeof(h), MSG_NOSIGNAL) == (ssize_t)sizeof(h) ? 0 : -1;
}

/* The NEST_RUN message: argv (NULL-terminated, pointing into buf) and the
 * three descriptors. 0, or -1. */
static int recv_run(char *buf, size_t size, char **argv, int fds[3])
{
	struct nest_hdr h;
	struct iovec iov[2] = {{&h, sizeof(h)}, {buf, size - 1}};
	union {
		char b[CMSG_SPACE(3 * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 2, .msg_control = u.b, .msg_controllen = sizeof(u.b)};
	ssize_t n = recvmsg(CHANNEL, &msg, MSG_CMSG_CLOEXEC);
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	int got = 0;
	if (n > 0 && c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
		got = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
		memcpy(fds, CMSG_DATA(c), (size_t)(got < 3 ? got : 3) * sizeof(int));
		for (int i = 3; i < got; i++) {
			int extra;
			memcpy(&extra, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
			close(extra);
		}
	}
	if (n < (ssize_t)sizeof(h) || got != 3 || (msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) ||
	    h.magic != NEST_MAGIC || h.type != NEST_RUN || h.len != (size_t)n - sizeof(h) || h.value < 1 ||
	    h.value > NEST_ARGC_MAX)
		return -1;
	size_t len = h.len, off = 0;
	buf[len] = '\0';
	int argc = 0;
	while (off < len && argc < h.value) {
		argv[argc++] = buf + off;
		off += strlen(buf + off) + 1;
	}
	argv[argc] = NULL;
	return argc == h.value && off == len ? argc : -1;
}

int nest_agent_main(int argc, char **argv)
{
	static char buf[NEST_ARGS_MAX + 1];
	static char *targv[NEST_ARGC_MAX + 1];
	char err[256], exe[PATH_MAX], tool[PATH_MAX];
	int fds[3] = {-1, -1, -1};

	if (argc != 4 || atoi(argv[2]) <= 0)
		return 1;
	/* nothing of the supervisor's but the channel */
	syscall(SYS_close_range, CHANNEL + 1, ~0U, 0);
	if (chdir("/") < 0)
		return 1;
	int targc = recv_run(buf, sizeof(buf), targv, fds);
	if (targc < 0) {
		send_status(1);
		return 1;
	}
	if (!nest_args_allowed(targc, targv, err, sizeof(err))) {
		dprintf(fds[2], "%s: %s: not available inside a jail\n", targv[0], err);
		send_status(1);
		return 1;
	}
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return send_status(1), 1;
	exe[n] = '\0';
	const char *name = strrchr(targv[0], '/') ? strrchr(targv[0], '/') + 1 : targv[0];
	snprintf(tool, sizeof(tool), "%s/%s", dirname(exe), name);
	targv[0] = (char *)name;

	pid_t pid = fork();
	if (pid < 0)
		return send_status(1), 1;
	if (pid == 0) {
		for (int i = 0; i < 3; i++)
			if (dup2(fds[i], i) < 0)
				_exit(1);
		syscall(SYS_close_range, 3, ~0U, 0);
		clearenv();
		setenv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 1);
		setenv(NEST_ENV_SCOPE, argv[2], 1);
		setenv(NEST_ENV_PRIV, strcmp(argv[3], "1") == 0 ? "1" : "0", 1);
		execv(tool, targv);
		dprintf(2, "%s: %s\n", name, strerror(errno));
		_exit(127);
	}
	for (int i = 0; i < 3; i++)
		close(fds[i]);
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	bool open_channel = true;
	for (;;) {
		struct pollfd p[2] = {{.fd = pidfd, .events = POLLIN}, {.fd = open_channel ? CHANNEL : -1, .events = POLLIN}};
		if (pidfd < 0 || poll(p, 2, -1) < 0) {
			if (pidfd >= 0 && errno == EINTR)
				continue;
			break; /* wait below */
		}
		if (p[0].revents)
			break;
		if (p[1].revents) {
			struct nest_hdr h;
			ssize_t r = recv(CHANNEL, &h, sizeof(h), MSG_DONTWAIT);
			if (r == (ssize_t)sizeof(h) && h.magic == NEST_MAGIC && h.type == NEST_SIGNAL &&
			    nest_signal_relayed(h.value))
				kill(pid, h.value);
			else if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR))
				open_channel = false; /* the caller is gone: the tool finishes alone */
		}
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 1;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 1;
	send_status(code);
	return code;
}
