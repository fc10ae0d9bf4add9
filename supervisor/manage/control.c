/* SPDX-License-Identifier: BSD-2-Clause */
/* The control socket, both sides. The supervisor's half runs inside its
 * event loop: control_wait() sleeps in sigtimedwait() for SIGCHLD (a tracee
 * stopped or a child exited) or SIGIO (a control socket is ready), so the
 * loop sleeps in one place for both. */
#include "control.h"
#include "../engine/notify.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "../engine/procfs.h"
#include "../engine/supervisor.h"
#include "../engine/tracee.h"
#include "../../policy/jail_modify.h"

#ifndef SO_PEERPIDFD
#define SO_PEERPIDFD 77
#endif

/* ---------------------------------------------------------------- client */

int ctl_connect(const char *path, int timeout_s)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	struct ucred cr;
	socklen_t len = sizeof(cr);

	if (strlen(path) >= sizeof(addr.sun_path))
		return -ENAMETOOLONG;
	strcpy(addr.sun_path, path);
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		int e = -errno;
		close(fd);
		return e;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) < 0 || cr.uid != geteuid()) {
		close(fd);
		return -EACCES;
	}
	if (timeout_s > 0) {
		struct timeval tv = {.tv_sec = timeout_s};
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	}
	return fd;
}

int ctl_send(int fd, enum ctl_op op, int32_t arg)
{
	struct ctl_request req = {.magic = CTL_MAGIC, .op = op, .arg = arg, .jail_size = sizeof(struct jail)};
	if (send(fd, &req, sizeof(req), MSG_NOSIGNAL) != (ssize_t)sizeof(req))
		return -errno;
	return 0;
}

int ctl_send_modify(int fd, const struct jail *j)
{
	static struct ctl_modify m;
	memset(&m, 0, sizeof(m));
	m.req = (struct ctl_request){.magic = CTL_MAGIC, .op = CTL_MODIFY, .jail_size = sizeof(struct jail)};
	m.jail = *j;
	if (send(fd, &m, sizeof(m), MSG_NOSIGNAL) != (ssize_t)sizeof(m))
		return -errno;
	return 0;
}

int ctl_send_listener(int fd, int lfd)
{
	struct ctl_request req = {.magic = CTL_MAGIC, .op = CTL_LISTENER, .jail_size = sizeof(struct jail)};
	struct iovec iov = {&req, sizeof(req)};
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	memset(&u, 0, sizeof(u));
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof(u.buf)};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &lfd, sizeof(int));
	if (sendmsg(fd, &msg, MSG_NOSIGNAL) != (ssize_t)sizeof(req))
		return -errno;
	return 0;
}

static int recv_exact(int fd, void *buf, size_t size)
{
	ssize_t n;
	do
		n = recv(fd, buf, size, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (n == 0)
		return -ECONNRESET;
	return (size_t)n == size ? 0 : -EPROTO;
}

int ctl_recv_reply(int fd, struct ctl_reply *r)
{
	int rc = recv_exact(fd, r, sizeof(*r));
	if (rc == 0 && r->magic != CTL_MAGIC)
		rc = -EPROTO;
	return rc;
}

int ctl_recv_info(int fd, struct ctl_info *info)
{
	int rc = recv_exact(fd, info, sizeof(*info));
	if (rc == 0 && info->magic != CTL_MAGIC)
		rc = -EPROTO;
	return rc;
}

int ctl_get_pids(int fd, pid_t **pids)
{
	struct ctl_reply r;
	int rc = ctl_send(fd, CTL_PIDS, 0);
	*pids = NULL;
	if (rc || (rc = ctl_recv_reply(fd, &r)))
		return rc;
	if (r.status)
		return r.status;
	if (r.value < 0)
		return -EPROTO;
	pid_t *list = malloc(((size_t)r.value + CTL_PIDS_PER_MSG) * sizeof(pid_t));
	if (!list)
		return -ENOMEM;
	int got = 0;
	while (got < r.value) {
		ssize_t n = recv(fd, list + got, CTL_PIDS_PER_MSG * sizeof(pid_t), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || n % (ssize_t)sizeof(pid_t)) {
			free(list);
			return n < 0 ? -errno : -EPROTO;
		}
		got += (int)(n / (ssize_t)sizeof(pid_t));
	}
	*pids = list;
	return got;
}

/* ------------------------------------------------------------ supervisor */

#define MAX_CLIENTS 32

struct client {
	int fd;
	int pidfd;      /* the peer as it connected (-1: kernel without SO_PEERPIDFD) */
	pid_t pid;
	bool attach_pending;
	bool attached;  /* seized: may send its listener, once */
	bool removing;  /* waits for the jail to be gone */
};

static struct {
	struct supervisor *sv;
	int listen_fd;
	struct client clients[MAX_CLIENTS];
	int nclients;
	bool dying;
	bool killed_hard;
	struct timespec deadline;
	bool detached;
} ctl = {.listen_fd = -1};

/* The signals the supervisor sleeps on, blocked at all other times (so no
 * handler ever interrupts a call): SIGCHLD for every tracee stop and child
 * exit, SIGIO for activity on the control sockets (O_ASYNC). */
static sigset_t wake_signals;

static void async_wake(int fd)
{
	fcntl(fd, F_SETOWN, getpid());
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK | O_ASYNC);
}

int control_init(struct supervisor *sv, int listen_fd)
{
	ctl.sv = sv;
	ctl.listen_fd = listen_fd;
	sigemptyset(&wake_signals);
	sigaddset(&wake_signals, SIGCHLD);
	sigaddset(&wake_signals, SIGIO);
	/* blocked signals are kept pending, even SIGCHLD with its default
	 * disposition; sigtimedwait() takes them without a handler */
	if (sigprocmask(SIG_BLOCK, &wake_signals, NULL) < 0)
		return -errno;
	if (listen_fd >= 0)
		async_wake(listen_fd);
	return 0;
}

void control_child_signals(void)
{
	sigprocmask(SIG_UNBLOCK, &wake_signals, NULL);
}

/* The jail's processes (thread-group ids); malloc'ed, count in *n. */
static pid_t *jail_pids(int *n)
{
	unsigned max = tracee_count();
	pid_t *pids = malloc((max + 1) * sizeof(pid_t));
	*n = pids ? (int)tracee_tgids(pids, max) : 0;
	return pids;
}

static int signal_all(int sig)
{
	int n, hit = 0;
	pid_t *pids = jail_pids(&n);
	for (int i = 0; i < n; i++)
		if (kill(pids[i], sig) == 0)
			hit++;
	free(pids);
	return hit;
}

static void start_removal(void)
{
	if (ctl.dying)
		return;
	ctl.dying = true;
	int timeout = ctl.sv->stop_timeout;
	clock_gettime(CLOCK_MONOTONIC, &ctl.deadline);
	ctl.deadline.tv_sec += timeout;
	ctl.killed_hard = timeout <= 0;
	signal_all(ctl.killed_hard ? SIGKILL : SIGTERM);
}

static int ms_to_deadline(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long ms = (ctl.deadline.tv_sec - now.tv_sec) * 1000 + (ctl.deadline.tv_nsec - now.tv_nsec) / 1000000;
	return ms < 0 ? 0 : ms > 60000 ? 60000 : (int)ms;
}

static void drop_client(int i)
{
	close(ctl.clients[i].fd);
	if (ctl.clients[i].pidfd >= 0)
		close(ctl.clients[i].pidfd);
	ctl.clients[i] = ctl.clients[--ctl.nclients];
}

static bool peer_alive(const struct client *c)
{
	if (c->pidfd < 0)
		return kill(c->pid, 0) == 0;
	return syscall(SYS_pidfd_send_signal, c->pidfd, 0, NULL, 0) == 0;
}

/* Accepts the pending connections; how many were taken. */
static int accept_clients(void)
{
	int taken = 0;
	for (;;) {
		int fd = accept4(ctl.listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
		if (fd < 0)
			return taken;
		struct ucred cr;
		socklen_t len = sizeof(cr);
		struct client c = {.fd = fd, .pidfd = -1};
		if (ctl.nclients == MAX_CLIENTS || getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) < 0 ||
		    cr.uid != geteuid()) {
			close(fd);
			continue;
		}
		c.pid = cr.pid;
		len = sizeof(c.pidfd);
		if (getsockopt(fd, SOL_SOCKET, SO_PEERPIDFD, &c.pidfd, &len) < 0)
			c.pidfd = -1;
		/* Every jailed process is traced: none may drive a supervisor.
		 * The pidfd proves the status we read is the connecting process's. */
		if (proc_status_field(c.pid, "TracerPid", 0) != 0 || !peer_alive(&c)) {
			close(fd);
			if (c.pidfd >= 0)
				close(c.pidfd);
			continue;
		}
		async_wake(fd);
		ctl.clients[ctl.nclients++] = c;
		taken++;
	}
}

static bool send_all(int fd, const void *buf, size_t len)
{
	return send(fd, buf, len, MSG_NOSIGNAL) == (ssize_t)len;
}

static bool reply(int fd, int status, int value)
{
	struct ctl_reply r = {.magic = CTL_MAGIC, .status = status, .value = value};
	return send_all(fd, &r, sizeof(r));
}

static bool send_info(int fd, int status)
{
	static struct ctl_info info;
	int n;
	free(jail_pids(&n));
	memset(&info, 0, sizeof(info));
	info.magic = CTL_MAGIC;
	info.status = status;
	info.supervisor_pid = getpid();
	info.nproc = n;
	info.dying = ctl.dying;
	info.stop_timeout = ctl.sv->stop_timeout;
	info.jail = *ctl.sv->jail;
	return send_all(fd, &info, sizeof(info));
}

static bool send_pids(int fd)
{
	int n;
	pid_t *pids = jail_pids(&n);
	bool ok = reply(fd, 0, n);
	for (int i = 0; ok && i < n; i += CTL_PIDS_PER_MSG) {
		int chunk = n - i < CTL_PIDS_PER_MSG ? n - i : CTL_PIDS_PER_MSG;
		ok = send_all(fd, pids + i, (size_t)chunk * sizeof(pid_t));
	}
	free(pids);
	return ok;
}

/* jexec: seize the process that connected, if it is still that process. */
static int attach_peer(struct client *c)
{
	if (!peer_alive(c))
		return -ESRCH;
	int rc = supervisor_attach(ctl.sv, c->pid);
	if (rc == 0 && !peer_alive(c)) {
		/* it died and its pid was reused in between: not ours */
		struct tracee *t = tracee_find(c->pid);
		ptrace(PTRACE_DETACH, c->pid, 0, 0);
		if (t)
			tracee_remove(t);
		rc = -ESRCH;
	}
	return rc;
}

/* One request; false if the client is to be dropped. */
/* jail -m: the new parameters, if the jail can take them now. */
static bool modify(struct client *c, const struct jail *to)
{
	char err[256];
	int n;
	free(jail_pids(&n));
	if (ctl.dying)
		return reply(c->fd, -ESRCH, 0);
	if (jail_modify_check(ctl.sv->jail, to, n > 0, err, sizeof(err)))
		return reply(c->fd, -EBUSY, 0);
	jail_modify_apply(ctl.sv->jail, to);
	return reply(c->fd, 0, 0);
}

static bool serve(struct client *c)
{
	static struct ctl_modify mod;
	struct ctl_request req;
	struct iovec iov = {&mod, sizeof(mod)};
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof(u.buf)};
	ssize_t n = recvmsg(c->fd, &msg, MSG_CMSG_CLOEXEC);
	if (n < 0)
		return errno == EAGAIN || errno == EINTR;
	memcpy(&req, &mod.req, sizeof(req));
	int passed = -1;
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
	if (cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS &&
	    cm->cmsg_len == CMSG_LEN(sizeof(int)))
		memcpy(&passed, CMSG_DATA(cm), sizeof(int));
	if (req.op == CTL_LISTENER && n == (ssize_t)sizeof(req) && req.magic == CTL_MAGIC && c->attached &&
	    passed >= 0) {
		c->attached = false;
		notify_serve(passed, false);
		return true;
	}
	if (passed >= 0)
		close(passed);
	if (req.op == CTL_MODIFY && n == (ssize_t)sizeof(mod) && req.magic == CTL_MAGIC &&
	    req.jail_size == sizeof(struct jail))
		return modify(c, &mod.jail);
	if (n != (ssize_t)sizeof(req) || req.magic != CTL_MAGIC || req.jail_size != sizeof(struct jail)) {
		if (n > 0)
			reply(c->fd, -EPROTO, 0);
		return false;
	}
	switch (req.op) {
	case CTL_INFO:
		return send_info(c->fd, 0);
	case CTL_PIDS:
		return send_pids(c->fd);
	case CTL_KILL:
		if (req.arg < 0 || req.arg > 64)
			return reply(c->fd, -EINVAL, 0);
		return reply(c->fd, 0, signal_all(req.arg));
	case CTL_REMOVE:
		c->removing = true;
		start_removal();
		return true;
	case CTL_ATTACH:
		if (ctl.dying)
			return send_info(c->fd, -ESRCH);
		c->attach_pending = true;
		return send_info(c->fd, 0);
	case CTL_ATTACH_GO:
		if (!c->attach_pending || ctl.dying)
			return reply(c->fd, ctl.dying ? -ESRCH : -EPROTO, 0);
		c->attach_pending = false;
		{
			int rc = attach_peer(c);
			c->attached = rc == 0;
			return reply(c->fd, rc, 0);
		}
	default:
		return reply(c->fd, -EINVAL, 0);
	}
}

/* A persistent jail outlives the terminal and the pipes it started from. */
static void detach(void)
{
	ctl.detached = true;
	setsid();
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
	}
}

/* Serves whatever the control sockets have ready; again after taking new
 * clients, whose first request may have come before SIGIO was set up. */
static void serve_ready(void)
{
	for (int round = 0; round < 2 * MAX_CLIENTS; round++) {
		struct pollfd fds[1 + MAX_CLIENTS];
		int nfds = 0;
		fds[nfds++] = (struct pollfd){.fd = ctl.listen_fd, .events = POLLIN};
		for (int i = 0; i < ctl.nclients; i++)
			fds[nfds++] = (struct pollfd){.fd = ctl.clients[i].fd, .events = POLLIN};
		if (poll(fds, (nfds_t)nfds, 0) <= 0)
			return;
		/* clients first: fds[] indices match ctl.clients until one is dropped */
		for (int i = nfds - 1; i >= 1; i--) {
			int ci = i - 1;
			if (fds[i].revents && !serve(&ctl.clients[ci]))
				drop_client(ci);
		}
		if (!fds[0].revents || accept_clients() == 0)
			return;
	}
}

void control_wait(struct supervisor *sv, bool block)
{
	if (!ctl.detached && sv->jail->persist && (sv->main_done || sv->main_pid == 0))
		detach();
	int sig = 0;
	if (block) {
		/* one call to sleep and be woken: no handler, no pipe */
		int ms = ctl.dying && !ctl.killed_hard ? ms_to_deadline() : -1;
		struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000};
		sig = sigtimedwait(&wake_signals, NULL, ms >= 0 ? &ts : NULL);
	}
	/* a tracee's stop (SIGCHLD) needs nothing here: the loop waits for it */
	if (sig != SIGCHLD)
		serve_ready();
	if (ctl.dying && !ctl.killed_hard && ms_to_deadline() == 0)
		ctl.killed_hard = true;
	if (ctl.killed_hard)
		signal_all(SIGKILL); /* again: children forked meanwhile too */
}

bool control_may_exit(struct supervisor *sv)
{
	return !sv->jail->persist || ctl.dying;
}

void control_finish(struct supervisor *sv)
{
	(void)sv;
	/* the sockets stay open: jail -r sees them close when we exit */
	for (int i = 0; i < ctl.nclients; i++)
		if (ctl.clients[i].removing)
			reply(ctl.clients[i].fd, 0, 0);
}
