/* SPDX-License-Identifier: BSD-2-Clause */
/* The control socket, the supervisor's side (control_client.c: the
 * other). It runs inside its
 * event loop: control_wait() sleeps in sigtimedwait() for SIGCHLD (a tracee
 * stopped or a child exited) or SIGIO (a control socket is ready), so the
 * loop sleeps in one place for both. */
#include "control.h"
#include "../engine/notify.h"

#include <errno.h>
#include <linux/filter.h>
#include <fcntl.h>
#include <limits.h>
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
#include "../confine/filter.h"
#include "../confine/spawn.h"
#include "../engine/tracee.h"
#include "registry.h"
#include "../fs/dev_shm.h"
#include "../fs/fs_root.h"
#include "../handlers/sysv_space.h"
#include "../../policy/jail_modify.h"

#ifndef SO_PEERPIDFD
#define SO_PEERPIDFD 77
#endif


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
	sv->child_unblock = wake_signals; /* the command starts without them blocked */
	if (listen_fd >= 0)
		async_wake(listen_fd);
	return 0;
}

/* The jail's processes (thread-group ids); malloc'ed, count in *n. */
static pid_t *jail_pids(int *n)
{
	unsigned max = tracee_process_count();
	pid_t *pids = malloc((max + 1) * sizeof(pid_t));
	*n = pids ? (int)tracee_tgids(NULL, pids, max) : 0;
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

/* Nested jails: the jails made inside this one go first (each removes its
 * own in turn). Their supervisors are not ours to wait for here: they exit
 * when their jails are gone, which the event loop sees. */
static void remove_children(void)
{
	struct registry reg;
	struct reg_entry *list = NULL;
	char err[PATH_MAX + 128];
	int jid = ctl.sv->jail->jid;
	if (jid <= 0 || registry_open(&reg, err, sizeof(err)))
		return;
	int scope = registry_scope();
	registry_set_scope(0);
	int n = registry_lock(&reg) ? -1 : registry_list(&reg, &list);
	registry_unlock(&reg);
	registry_set_scope(scope);
	/* per child: its control connection and a pidfd of its supervisor */
	int *fds = n > 0 ? calloc((size_t)n * 2, sizeof(int)) : NULL;
	for (int i = 0; i < n; i++) {
		struct sockaddr_un addr;
		if (fds)
			fds[2 * i] = fds[2 * i + 1] = -1;
		if (list[i].parent != jid || registry_sock_addr(&reg, list[i].jid, &addr))
			continue;
		int fd = ctl_connect(addr.sun_path, 5);
		if (fd < 0)
			continue;
		static struct ctl_info info;
		if (fds && ctl_send(fd, CTL_INFO, 0) == 0 && ctl_recv_info(fd, &info) == 0 && info.supervisor_pid > 0)
			fds[2 * i + 1] = (int)syscall(SYS_pidfd_open, info.supervisor_pid, 0);
		if (ctl_send(fd, CTL_REMOVE, 0) || !fds) {
			close(fd); /* it is going anyway */
			continue;
		}
		fds[2 * i] = fd;
	}
	/* the children are gone before their parent (FreeBSD removes the
	 * descendants first): a child made by the host (name=p.c) is no
	 * descendant of this process to be waited for later. Each one's
	 * supervisor closes the connection when it exits. */
	for (int i = 0; fds && i < n; i++) {
		int fd = fds[2 * i], pidfd = fds[2 * i + 1];
		if (fd >= 0) {
			struct timeval tv = {.tv_sec = 40};
			setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		}
		/* and its supervisor has finished (as jail -r waits) */
		ctl_wait_gone(fd, pidfd);
	}
	free(fds);
	free(list);
	registry_close(&reg);
}

static void start_removal(void)
{
	if (ctl.dying)
		return;
	ctl.dying = true;
	remove_children();
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
	const struct fs_root *shm = dev_shm_root();
	info.shm_dir[0] = '\0';
	if (shm && strlen(shm->host) < sizeof(info.shm_dir))
		memcpy(info.shm_dir, shm->host, strlen(shm->host) + 1);
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

/* The jail's filters as BPF, built as a spawned command gets them (jexec
 * loads them; no_new_privs is its own decision). */
static bool send_filters(int fd)
{
	struct filter_set f;
	int rc = filter_build(&f, ctl.sv->jail, false, false);
	if (!rc && (rc = filter_export(&f)))
		filter_free(&f);
	if (rc)
		return reply(fd, rc, 0);
	bool ok = reply(fd, 0, f.progs.count);
	for (int i = 0; ok && i < f.progs.count; i++)
		ok = send_all(fd, f.progs.prog[i], f.progs.len[i] * sizeof(struct sock_filter));
	filter_free(&f);
	return ok;
}

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
	/* a family no longer new: its objects go (FreeBSD's jail -m too) */
	const struct jail *j = ctl.sv->jail;
	const int from[] = {j->sysvmsg, j->sysvsem, j->sysvshm}, now[] = {to->sysvmsg, to->sysvsem, to->sysvshm};
	for (int f = 0; f < SYSV_FAMILIES; f++)
		if (jail_sysv(j, from[f]) == JAIL_SYS_NEW && jail_sysv(to, now[f]) != JAIL_SYS_NEW)
			sysv_space_remove((enum sysv_family)f);
	jail_modify_apply(ctl.sv->jail, to);
	return reply(c->fd, 0, 0);
}

/* One request; false if the client is to be dropped. */
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
	case CTL_FILTERS:
		return send_filters(c->fd);
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
	/* a jail that does not persist ends with its last process, and takes
	 * the jails made inside it along (their supervisors are our children
	 * now, so the event loop would wait for them) */
	if (!sv->jail->persist && sv->main_pid && sv->main_done && tracee_count() == 0)
		start_removal();
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
