/* SPDX-License-Identifier: BSD-2-Clause */
/* The control socket, the supervisor's side (control_client.c: the
 * other). It has its own thread, the control thread, which sleeps in
 * poll() on the listening socket, its clients and an eventfd, with
 * non-blocking I/O: a client that never writes or never reads its replies
 * stalls nobody. Read-only requests (INFO, PIDS, FILTERS) are answered
 * there, under the process table's read lock; those that change the
 * jail's processes (KILL, REMOVE, ATTACH_GO, MODIFY) are jobs for the
 * ptrace thread (supervisor_post), answered once it has done them. The
 * ptrace thread keeps the jail's clock: control_idle runs before it
 * sleeps (the end of a jail, SIGKILL at stop.timeout). */
#include "control.h"
#include "../engine/notify.h"

#include <errno.h>
#include <linux/filter.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/eventfd.h>
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

#include "../engine/loop_wake.h"
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


/* Clients at once; when full, a new one takes the place of the one idle
 * longest (a client that connects and never writes holds no one up). */
#define MAX_CLIENTS 64
/* Replies a client has not read yet, at most; then it is dropped. */
#define MAX_UNREAD (16u << 20)

struct out_msg {
	struct out_msg *next;
	size_t len;
	char data[];
};

struct client {
	int fd;
	int pidfd;      /* the peer as it connected (-1: kernel without SO_PEERPIDFD) */
	pid_t pid;
	bool attach_pending;
	bool attached;  /* seized: may send its listener, once */
	bool removing;  /* waits for the jail to be gone */
	bool busy;      /* its request is with the ptrace thread */
	bool hung_up;   /* gone while busy: dropped when the request is done */
	uint32_t busy_op; /* the request with the ptrace thread */
	struct out_msg *out, **out_tail; /* replies not sent yet */
	size_t unread;
	struct timespec last; /* its last request */
};

/* A request that changes the jail's processes, done by the ptrace thread
 * (posted with supervisor_post) and answered by the control thread. */
struct job {
	struct client *c;
	uint32_t op;
	int32_t arg;
	pid_t pid;
	int pidfd;
	struct jail to;   /* CTL_MODIFY */
	int status, value;
	struct job *next;
};

static struct {
	struct supervisor *sv;
	int listen_fd;
	struct client *clients[MAX_CLIENTS];
	int nclients;
	/* written by the ptrace thread, read by the control thread */
	atomic_bool dying;
	atomic_bool killed_hard;
	atomic_llong deadline_ms; /* CLOCK_MONOTONIC */
	/* the ptrace thread's own */
	bool detached;
	uint64_t killed_gen;
	/* the control thread */
	pthread_t thread;
	bool started;
	int event_fd;           /* wakes it: a job done, dying, stop */
	atomic_bool stop;
	pthread_mutex_t done_mu;
	struct job *done;       /* jobs the ptrace thread finished */
} ctl = {.listen_fd = -1, .event_fd = -1, .done_mu = PTHREAD_MUTEX_INITIALIZER};

static long long now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static void wake_control(void)
{
	uint64_t one = 1;
	if (ctl.event_fd >= 0 && write(ctl.event_fd, &one, sizeof(one)) < 0) {
		/* the counter is full: it wakes anyway */
	}
}

int control_init(struct supervisor *sv, int listen_fd)
{
	ctl.sv = sv;
	ctl.listen_fd = listen_fd;
	ctl.event_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (ctl.event_fd < 0)
		return -errno;
	if (listen_fd >= 0)
		fcntl(listen_fd, F_SETFL, fcntl(listen_fd, F_GETFL) | O_NONBLOCK);
	/* the ptrace thread's wake signal: blocked in the supervisor, never
	 * in the command it starts (loop_wake.h) */
	sigemptyset(&sv->child_unblock);
	sigaddset(&sv->child_unblock, loop_wake_signal());
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

/* The ptrace thread: SIGTERM now, SIGKILL at the deadline (ms_left). */
static void start_removal(void)
{
	if (atomic_load(&ctl.dying))
		return;
	remove_children();
	int timeout = ctl.sv->stop_timeout;
	atomic_store(&ctl.deadline_ms, now_ms() + (long long)(timeout > 0 ? timeout : 0) * 1000);
	atomic_store(&ctl.killed_hard, timeout <= 0);
	atomic_store(&ctl.dying, true);
	signal_all(timeout <= 0 ? SIGKILL : SIGTERM);
	wake_control(); /* its clock: the deadline */
}

/* Milliseconds to the SIGKILL deadline (0: passed). */
static long long ms_left(void)
{
	long long ms = atomic_load(&ctl.deadline_ms) - now_ms();
	return ms < 0 ? 0 : ms;
}

/* --- the control thread: clients, requests, replies --- */

static void free_client(struct client *c)
{
	close(c->fd);
	if (c->pidfd >= 0)
		close(c->pidfd);
	while (c->out) {
		struct out_msg *m = c->out;
		c->out = m->next;
		free(m);
	}
	free(c);
}

static void drop_client(int i)
{
	free_client(ctl.clients[i]);
	ctl.clients[i] = ctl.clients[--ctl.nclients];
}

static bool peer_alive(const struct client *c)
{
	if (c->pidfd < 0)
		return kill(c->pid, 0) == 0;
	return syscall(SYS_pidfd_send_signal, c->pidfd, 0, NULL, 0) == 0;
}

/* A place for a new client: a free one, or that of the client idle
 * longest (no request with the ptrace thread, no reply unread, not waiting
 * for the jail's end, not between attach and its listener). */
static bool make_room(void)
{
	if (ctl.nclients < MAX_CLIENTS)
		return true;
	int victim = -1;
	for (int i = 0; i < ctl.nclients; i++) {
		const struct client *c = ctl.clients[i];
		if (c->busy || c->out || c->removing || c->attached || c->attach_pending)
			continue;
		const struct client *v = victim < 0 ? NULL : ctl.clients[victim];
		if (!v || c->last.tv_sec < v->last.tv_sec ||
		    (c->last.tv_sec == v->last.tv_sec && c->last.tv_nsec < v->last.tv_nsec))
			victim = i;
	}
	if (victim < 0)
		return false;
	drop_client(victim);
	return true;
}

/* Accepts the pending connections. */
static void accept_clients(void)
{
	for (;;) {
		int fd = accept4(ctl.listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
		if (fd < 0)
			return;
		struct ucred cr;
		socklen_t len = sizeof(cr);
		struct client c = {.fd = fd, .pidfd = -1};
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) < 0 || cr.uid != geteuid()) {
			close(fd);
			continue;
		}
		c.pid = cr.pid;
		len = sizeof(c.pidfd);
		if (getsockopt(fd, SOL_SOCKET, SO_PEERPIDFD, &c.pidfd, &len) < 0)
			c.pidfd = -1;
		/* Every jailed process is traced: none may drive a supervisor.
		 * The pidfd proves the status we read is the connecting process's. */
		struct client *n = NULL;
		if (proc_status_field(c.pid, "TracerPid", 0) != 0 || !peer_alive(&c) || !make_room() ||
		    !(n = malloc(sizeof(*n)))) {
			close(fd);
			if (c.pidfd >= 0)
				close(c.pidfd);
			continue;
		}
		clock_gettime(CLOCK_MONOTONIC, &c.last);
		*n = c;
		n->out_tail = &n->out;
		ctl.clients[ctl.nclients++] = n;
	}
}

/* Sends what is queued for c, as far as it reads; false: drop it. */
static bool flush(struct client *c)
{
	while (c->out) {
		struct out_msg *m = c->out;
		ssize_t n = send(c->fd, m->data, m->len, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n < 0)
			return errno == EAGAIN || errno == EINTR;
		if (n != (ssize_t)m->len)
			return false; /* SOCK_SEQPACKET: all or nothing */
		c->unread -= m->len;
		c->out = m->next;
		if (!c->out)
			c->out_tail = &c->out;
		free(m);
	}
	return true;
}

/* Queues one message for c and sends what it can; false: drop it (it
 * has left too much unread). */
static bool queue_msg(struct client *c, const void *buf, size_t len)
{
	if (c->unread + len > MAX_UNREAD)
		return false;
	struct out_msg *m = malloc(sizeof(*m) + len);
	if (!m)
		return false;
	m->next = NULL;
	m->len = len;
	memcpy(m->data, buf, len);
	*c->out_tail = m;
	c->out_tail = &m->next;
	c->unread += len;
	return flush(c);
}

static bool reply(struct client *c, int status, int value)
{
	struct ctl_reply r = {.magic = CTL_MAGIC, .status = status, .value = value};
	return queue_msg(c, &r, sizeof(r));
}

/* The jail's parameters, as the ptrace thread last set them (jail -m
 * changes them under the table's write lock). */
static void jail_copy(struct jail *out)
{
	tracee_rdlock();
	*out = *ctl.sv->jail;
	tracee_unlock();
}

static bool send_info(struct client *c, int status)
{
	static struct ctl_info info;
	int n;
	free(jail_pids(&n));
	memset(&info, 0, sizeof(info));
	info.magic = CTL_MAGIC;
	info.status = status;
	info.supervisor_pid = getpid();
	info.nproc = n;
	info.dying = atomic_load(&ctl.dying);
	info.stop_timeout = ctl.sv->stop_timeout;
	jail_copy(&info.jail);
	const struct fs_root *shm = dev_shm_root();
	info.shm_dir[0] = '\0';
	if (shm && strlen(shm->host) < sizeof(info.shm_dir))
		memcpy(info.shm_dir, shm->host, strlen(shm->host) + 1);
	return queue_msg(c, &info, sizeof(info));
}

static bool send_pids(struct client *c)
{
	int n;
	pid_t *pids = jail_pids(&n);
	bool ok = reply(c, 0, n);
	for (int i = 0; ok && i < n; i += CTL_PIDS_PER_MSG) {
		int chunk = n - i < CTL_PIDS_PER_MSG ? n - i : CTL_PIDS_PER_MSG;
		ok = queue_msg(c, pids + i, (size_t)chunk * sizeof(pid_t));
	}
	free(pids);
	return ok;
}

/* The jail's filters as BPF, built as a spawned command gets them (jexec
 * loads them; no_new_privs is its own decision). */
static bool send_filters(struct client *c)
{
	static struct jail j;
	struct filter_set f;
	jail_copy(&j);
	int rc = filter_build(&f, &j, false, false);
	if (!rc && (rc = filter_export(&f)))
		filter_free(&f);
	if (rc)
		return reply(c, rc, 0);
	bool ok = reply(c, 0, f.progs.count);
	for (int i = 0; ok && i < f.progs.count; i++)
		ok = queue_msg(c, f.progs.prog[i], f.progs.len[i] * sizeof(struct sock_filter));
	filter_free(&f);
	return ok;
}

/* --- jobs: run by the ptrace thread --- */

/* jexec: seize the process that connected, if it is still that process.
 * PTRACE_SEIZE makes the calling thread the tracer: the ptrace thread. */
static int attach_peer(const struct job *j)
{
	struct client peer = {.pid = j->pid, .pidfd = j->pidfd};
	if (atomic_load(&ctl.dying))
		return -ESRCH;
	if (!peer_alive(&peer))
		return -ESRCH;
	int rc = supervisor_attach(ctl.sv, j->pid);
	if (rc == 0 && !peer_alive(&peer)) {
		/* it died and its pid was reused in between: not ours */
		struct tracee *t = tracee_find(j->pid);
		ptrace(PTRACE_DETACH, j->pid, 0, 0);
		if (t)
			tracee_remove(t);
		rc = -ESRCH;
	}
	return rc;
}

/* jail -m: the new parameters, if the jail can take them now. */
static int modify(const struct jail *to)
{
	char err[256];
	int n;
	free(jail_pids(&n));
	if (atomic_load(&ctl.dying))
		return -ESRCH;
	if (jail_modify_check(ctl.sv->jail, to, n > 0, err, sizeof(err)))
		return -EBUSY;
	/* a family no longer new: its objects go (FreeBSD's jail -m too) */
	const struct jail *j = ctl.sv->jail;
	const int from[] = {j->sysvmsg, j->sysvsem, j->sysvshm}, now[] = {to->sysvmsg, to->sysvsem, to->sysvshm};
	for (int f = 0; f < SYSV_FAMILIES; f++)
		if (jail_sysv(j, from[f]) == JAIL_SYS_NEW && jail_sysv(to, now[f]) != JAIL_SYS_NEW)
			sysv_space_remove((enum sysv_family)f);
	tracee_wrlock();
	jail_modify_apply(ctl.sv->jail, to);
	tracee_unlock();
	return 0;
}

static void run_job(void *arg)
{
	struct job *j = arg;
	switch (j->op) {
	case CTL_KILL:
		j->value = signal_all(j->arg);
		break;
	case CTL_REMOVE:
		start_removal();
		break;
	case CTL_ATTACH_GO:
		j->status = attach_peer(j);
		break;
	case CTL_MODIFY:
		j->status = modify(&j->to);
		break;
	default:
		j->status = -EINVAL;
		break;
	}
	pthread_mutex_lock(&ctl.done_mu);
	j->next = ctl.done;
	ctl.done = j;
	pthread_mutex_unlock(&ctl.done_mu);
	wake_control();
}

/* Hands c's request to the ptrace thread; the reply comes when it is done. */
static bool post_job(struct client *c, uint32_t op, int32_t arg, const struct jail *to)
{
	struct job *j = calloc(1, sizeof(*j));
	if (!j)
		return reply(c, -ENOMEM, 0);
	j->c = c;
	j->op = op;
	j->arg = arg;
	j->pid = c->pid;
	j->pidfd = c->pidfd;
	if (to)
		j->to = *to;
	c->busy = true;
	c->busy_op = op;
	supervisor_post(run_job, j);
	return true;
}

/* The control thread: answers the jobs the ptrace thread has done. */
static void finish_jobs(void)
{
	pthread_mutex_lock(&ctl.done_mu);
	struct job *list = ctl.done;
	ctl.done = NULL;
	pthread_mutex_unlock(&ctl.done_mu);
	while (list) {
		struct job *j = list;
		list = j->next;
		struct client *c = j->c;
		c->busy = false;
		bool ok = !c->hung_up;
		if (ok) {
			switch (j->op) {
			case CTL_REMOVE:
				c->removing = true; /* answered when the jail is gone */
				break;
			case CTL_ATTACH_GO:
				c->attached = j->status == 0;
				ok = reply(c, j->status, 0);
				break;
			default:
				ok = reply(c, j->status, j->value);
				break;
			}
		}
		if (!ok)
			for (int i = 0; i < ctl.nclients; i++)
				if (ctl.clients[i] == c) {
					drop_client(i);
					break;
				}
		free(j);
	}
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
	ssize_t n = recvmsg(c->fd, &msg, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
	if (n < 0)
		return errno == EAGAIN || errno == EINTR;
	clock_gettime(CLOCK_MONOTONIC, &c->last);
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
		return post_job(c, CTL_MODIFY, 0, &mod.jail);
	if (n != (ssize_t)sizeof(req) || req.magic != CTL_MAGIC || req.jail_size != sizeof(struct jail)) {
		if (n > 0)
			reply(c, -EPROTO, 0);
		return false;
	}
	bool dying = atomic_load(&ctl.dying);
	switch (req.op) {
	case CTL_INFO:
		return send_info(c, 0);
	case CTL_PIDS:
		return send_pids(c);
	case CTL_KILL:
		if (req.arg < 0 || req.arg > 64)
			return reply(c, -EINVAL, 0);
		return post_job(c, CTL_KILL, req.arg, NULL);
	case CTL_REMOVE:
		return post_job(c, CTL_REMOVE, 0, NULL);
	case CTL_ATTACH:
		if (dying)
			return send_info(c, -ESRCH);
		c->attach_pending = true;
		return send_info(c, 0);
	case CTL_ATTACH_GO:
		if (!c->attach_pending || dying)
			return reply(c, dying ? -ESRCH : -EPROTO, 0);
		c->attach_pending = false;
		return post_job(c, CTL_ATTACH_GO, 0, NULL);
	case CTL_FILTERS:
		return send_filters(c);
	default:
		return reply(c, -EINVAL, 0);
	}
}

/* One round: sleeps in poll() until a client, a new connection, a done
 * job or the removal's deadline needs it. */
static void control_round(void)
{
	struct pollfd fds[2 + MAX_CLIENTS];
	struct client *who[2 + MAX_CLIENTS];
	int nfds = 0;
	fds[nfds] = (struct pollfd){.fd = ctl.event_fd, .events = POLLIN};
	who[nfds++] = NULL;
	fds[nfds] = (struct pollfd){.fd = ctl.listen_fd, .events = POLLIN};
	who[nfds++] = NULL;
	for (int i = 0; i < ctl.nclients; i++) {
		struct client *c = ctl.clients[i];
		if (c->hung_up)
			continue;
		/* one request at a time: the next is read once this one is done */
		short ev = (short)((c->busy ? 0 : POLLIN) | (c->out ? POLLOUT : 0));
		fds[nfds] = (struct pollfd){.fd = c->fd, .events = ev};
		who[nfds++] = c;
	}
	int timeout = -1;
	if (atomic_load(&ctl.dying) && !atomic_load(&ctl.killed_hard)) {
		long long ms = ms_left();
		if (ms == 0) {
			/* the ptrace thread sends SIGKILL (control_idle); told
			 * again every 100 ms until it has */
			supervisor_wake();
			timeout = 100;
		} else {
			timeout = ms > 60000 ? 60000 : (int)ms + 1;
		}
	}
	if (poll(fds, (nfds_t)nfds, timeout) <= 0)
		return;
	if (fds[0].revents) {
		uint64_t v;
		if (read(ctl.event_fd, &v, sizeof(v)) < 0) {
			/* nothing to read: another round took it */
		}
		finish_jobs();
	}
	for (int k = 2; k < nfds; k++) {
		struct client *c = who[k];
		short re = fds[k].revents;
		if (!re)
			continue;
		int i = 0;
		while (i < ctl.nclients && ctl.clients[i] != c)
			i++;
		if (i == ctl.nclients)
			continue; /* dropped this round */
		bool ok = true;
		if (re & POLLOUT)
			ok = flush(c);
		if (ok && c->busy) {
			/* its request is with the ptrace thread: dropped when done */
			if (re & (POLLHUP | POLLERR))
				c->hung_up = true;
			continue;
		}
		if (ok && (re & (POLLIN | POLLHUP | POLLERR)))
			ok = serve(c);
		if (!ok)
			drop_client(i);
	}
	if (fds[1].revents)
		accept_clients();
}

static void *control_thread(void *arg)
{
	(void)arg;
	sigset_t all;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	while (!atomic_load(&ctl.stop))
		control_round();
	return NULL;
}

/* --- the ptrace thread's side --- */

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

void control_idle(struct supervisor *sv)
{
	if (!ctl.started) {
		/* started here, by the ptrace thread after the spawn: it
		 * inherits the blocked wake signal (loop_wake.h) */
		ctl.started = pthread_create(&ctl.thread, NULL, control_thread, NULL) == 0;
		if (!ctl.started) {
			perror("jail: control thread");
			abort(); /* fail closed: EXITKILL ends the jail */
		}
	}
	/* a jail that does not persist ends with its last process, and takes
	 * the jails made inside it along (their supervisors are our children
	 * now, so the event loop would wait for them) */
	if (!sv->jail->persist && sv->main_pid && sv->main_done && !atomic_load(&ctl.dying) && tracee_count() == 0 &&
	    supervisor_has_children())
		start_removal();
	if (!ctl.detached && sv->jail->persist && (sv->main_done || sv->main_pid == 0))
		detach();
	if (atomic_load(&ctl.dying) && !atomic_load(&ctl.killed_hard) && ms_left() == 0) {
		atomic_store(&ctl.killed_hard, true);
		ctl.killed_gen = 0;
	}
	/* again whenever a process joined since: children forked meanwhile */
	if (atomic_load(&ctl.killed_hard) && tracee_added() != ctl.killed_gen) {
		ctl.killed_gen = tracee_added();
		signal_all(SIGKILL);
	}
}

bool control_may_exit(struct supervisor *sv)
{
	return !sv->jail->persist || atomic_load(&ctl.dying);
}

void control_stop(struct supervisor *sv)
{
	(void)sv;
	if (!ctl.started)
		return;
	atomic_store(&ctl.stop, true);
	wake_control();
	pthread_join(ctl.thread, NULL);
	ctl.started = false;
	/* what the ptrace thread did last is answered still (jail -m
	 * nopersist of a jail with no process ends it at once) */
	finish_jobs();
}

void control_finish(struct supervisor *sv)
{
	control_stop(sv);
	/* the sockets stay open: jail -r sees them close when we exit */
	for (int i = 0; i < ctl.nclients; i++) {
		struct client *c = ctl.clients[i];
		/* a removal the jail's end overtook is answered too */
		if (c->removing || (c->busy && c->busy_op == CTL_REMOVE && !c->hung_up))
			reply(c, 0, 0);
	}
}
