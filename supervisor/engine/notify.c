/* SPDX-License-Identifier: BSD-2-Clause */
#include "notify.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "creds.h"
#include "stop.h"
#include "supervisor.h"
#include "tracee.h"

/* per listener: each blocked open holds one (their stacks are reserved,
 * not used); past it a call that may block fails with ENFILE */
#define MAX_THREADS 256
#define NOTIFY_BLOCK_CHECK_MS 500

struct listener {
	int fd;
	bool primary;
	int threads; /* started */
	int idle;    /* waiting for a notification */
	pthread_mutex_t mu;
};

static __thread struct listener *cur_listener;
static __thread uint64_t cur_id;
static __thread bool cur_active;

static struct seccomp_notif_sizes sizes;

bool notify_still_valid(void)
{
	if (!cur_active)
		return true;
	uint64_t id = cur_id;
	return ioctl(cur_listener->fd, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) == 0;
}

static int start_thread(struct listener *l);

/* the signal of the timer that interrupts a blocked call: sent to one
 * notification thread, only while its timer is armed (nothing else sends
 * it, so the threads leave it unblocked) */
static int block_signal(void)
{
	return SIGRTMIN + 2;
}

static void on_block_signal(int sig)
{
	(void)sig; /* only makes the blocked call return EINTR */
}

static __thread timer_t block_timer;
static __thread bool block_timer_made;

/* Arms (or, with ms 0, disarms) this thread's timer. */
static void block_timer_set(long ms)
{
	struct itimerspec every = {.it_interval = {ms / 1000, (ms % 1000) * 1000000L},
				   .it_value = {ms / 1000, (ms % 1000) * 1000000L}};
	timer_settime(block_timer, 0, &every, NULL);
}

/* Is another thread free to serve the jail, or could one be started? */
static bool ensure_free_thread(struct listener *l)
{
	pthread_mutex_lock(&l->mu);
	bool free_one = l->idle > 0, room = l->threads < MAX_THREADS;
	pthread_mutex_unlock(&l->mu);
	return free_one || (room && start_thread(l) == 0);
}

void notify_may_block(void)
{
	if (cur_active && cur_listener)
		ensure_free_thread(cur_listener);
}

bool notify_block_begin(void)
{
	struct listener *l = cur_listener;
	if (!cur_active || !l)
		return true;
	if (!ensure_free_thread(l))
		return false;
	if (!block_timer_made) {
		/* made once per thread, signalling this thread alone */
		struct sigevent ev = {.sigev_notify = SIGEV_THREAD_ID, .sigev_signo = block_signal()};
		ev._sigev_un._tid = (pid_t)syscall(SYS_gettid);
		if (timer_create(CLOCK_MONOTONIC, &ev, &block_timer) < 0)
			return true; /* served all the same; only a dead caller's thread stays */
		block_timer_made = true;
	}
	block_timer_set(NOTIFY_BLOCK_CHECK_MS);
	return true;
}

void notify_block_end(void)
{
	/* a tick still pending is taken as this call returns, when no call
	 * of the thread's is under way */
	if (block_timer_made)
		block_timer_set(0);
}

static void respond(struct listener *l, struct seccomp_notif_resp *resp)
{
	/* ENOENT: the caller is gone, or a signal interrupted it */
	ioctl(l->fd, SECCOMP_IOCTL_NOTIF_SEND, resp);
}

static void answer(struct listener *l, uint64_t id, long ret)
{
	struct seccomp_notif_resp *resp = calloc(1, sizes.seccomp_notif_resp);
	if (!resp)
		abort();
	resp->id = id;
	if (ret < 0)
		resp->error = (int32_t)ret;
	else
		resp->val = ret;
	respond(l, resp);
	free(resp);
}

static void answer_continue(struct listener *l, uint64_t id)
{
	struct seccomp_notif_resp *resp = calloc(1, sizes.seccomp_notif_resp);
	if (!resp)
		abort();
	resp->id = id;
	resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	respond(l, resp);
	free(resp);
}

static void answer_fd(struct listener *l, uint64_t id, int fd, unsigned fd_flags)
{
	struct seccomp_notif_addfd add = {
		.id = id,
		.flags = SECCOMP_ADDFD_FLAG_SEND,
		.srcfd = (uint32_t)fd,
		.newfd = 0,
		.newfd_flags = fd_flags,
	};
	int rc = ioctl(l->fd, SECCOMP_IOCTL_NOTIF_ADDFD, &add);
	int err = errno;
	close(fd);
	if (rc < 0 && err != ENOENT)
		answer(l, id, -err); /* e.g. EMFILE: the caller's limit */
}

/* the handler table and lookup, from the layers above (notify_set_ops) */
static const struct supervisor_ops *ops;
static bool report_denials; /* also: denials trace in the filter (filter_build) */

void notify_set_ops(const struct supervisor_ops *o, bool report)
{
	ops = o;
	report_denials = report;
}

static void serve_one(struct listener *l, const struct seccomp_notif *req)
{
	const struct abi *abi = abi_from_audit(req->data.arch);
	if (!abi) {
		answer(l, req->id, -ENOSYS); /* the filter kills other ABIs */
		return;
	}
	struct tracee snap;
	if (!tracee_snapshot((pid_t)req->pid, &snap)) {
		/* not (or no longer) traced: nothing is run unchecked */
		answer(l, req->id, -ENOSYS);
		return;
	}
	struct syscall_stop s = {.t = &snap, .abi = abi, .notified = true, .fd = -1};
	s.id = abi_id(abi, req->data.nr);
	for (int i = 0; i < 6; i++) /* a 32-bit ABI's registers: their low halves */
		s.args[i] = abi->word_size == 4 ? (uint32_t)req->data.args[i] : req->data.args[i];
	snap.abi = abi;
	enum action (*enter)(struct syscall_stop *) = ops ? ops->handler_enter(s.id, snap.jail) : NULL;
	enum action act = ACT_RETURN;
	s.retval = -ENOSYS;
	/* A static denial fails as the filter fails it: with -v the row's
	 * rule says TRACE (to report), and a notification outranks TRACE,
	 * so the call arrives here (e.g. mknod of a device node). Without -v
	 * the filter's ERRNO outranks the notification: no lookup needed. */
	const struct static_deny *d =
		report_denials ? static_deny_find(snap.jail, abi->table, s.id, s.args, abi->word_size) : NULL;
	if (d) {
		if (report_denials && ops)
			ops->report_denial(&s, d);
		s.retval = -d->err;
		enter = NULL;
	}
	if (enter && ops->handlers[s.id].notify)
		act = enter(&s);
	/* a handler's refusal is reported as at a ptrace stop (event_loop.c) */
	if (act == ACT_RETURN && s.refused && report_denials && s.retval < 0) {
		struct static_deny rule = {.id = s.id, .err = (int)-s.retval, .reason = s.refused};
		ops->report_denial(&s, &rule);
	}
	if (s.regs_touched && act != ACT_RETURN) {
		act = ACT_RETURN; /* a handler meant for a ptrace stop: fail the call */
		s.retval = -ENOSYS;
	}
	tracee_snapshot_done(&snap);
	switch (act) {
	case ACT_FD:
		answer_fd(l, req->id, s.fd, s.fd_flags);
		break;
	case ACT_CONTINUE:
		answer_continue(l, req->id);
		break;
	case ACT_RETURN:
		answer(l, req->id, s.retval);
		break;
	case ACT_EXIT_STOP:
	default:
		answer(l, req->id, -ENOSYS);
		break;
	}
}

static void *worker(void *arg)
{
	struct listener *l = arg;
	sigset_t all;
	sigfillset(&all);
	sigdelset(&all, block_signal()); /* sent only while a call may block */
	pthread_sigmask(SIG_SETMASK, &all, NULL);
	/* the umask becomes the thread's own (creds_enter sets the tracee's) */
	if (unshare(CLONE_FS) < 0) {
		perror("jail: unshare(CLONE_FS)");
		abort();
	}
	creds_thread_init();
	creds_thread_may_keep();
	cur_listener = l;
	struct seccomp_notif *req = malloc(sizes.seccomp_notif);
	if (!req)
		abort();
	for (;;) {
		if (!l->primary) {
			/* a listener nobody uses any more reports POLLHUP;
			 * NOTIF_RECV would wait forever */
			struct pollfd p = {.fd = l->fd, .events = POLLIN};
			if (poll(&p, 1, -1) < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
				break;
		}
		memset(req, 0, sizes.seccomp_notif);
		if (ioctl(l->fd, SECCOMP_IOCTL_NOTIF_RECV, req) < 0) {
			if (errno == EINTR || errno == ENOENT)
				continue;
			if (!l->primary && (errno == EAGAIN))
				continue;
			break;
		}
		pthread_mutex_lock(&l->mu);
		l->idle--;
		pthread_mutex_unlock(&l->mu);
		cur_id = req->id;
		cur_active = true;
		serve_one(l, req);
		cur_active = false;
		pthread_mutex_lock(&l->mu);
		l->idle++;
		pthread_mutex_unlock(&l->mu);
	}
	free(req);
	if (block_timer_made)
		timer_delete(block_timer);
	tracee_forget_pidfd();
	pthread_mutex_lock(&l->mu);
	l->idle--;
	bool last = --l->threads == 0;
	pthread_mutex_unlock(&l->mu);
	if (last && !l->primary) {
		close(l->fd);
		pthread_mutex_destroy(&l->mu);
		free(l);
	}
	return NULL;
}

static int start_thread(struct listener *l)
{
	pthread_attr_t attr;
	pthread_t th;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 1u << 20); /* a few PATH_MAX buffers */
	pthread_mutex_lock(&l->mu);
	l->threads++;
	l->idle++;
	pthread_mutex_unlock(&l->mu);
	int rc = pthread_create(&th, &attr, worker, l);
	pthread_attr_destroy(&attr);
	if (rc) {
		pthread_mutex_lock(&l->mu);
		l->threads--;
		l->idle--;
		pthread_mutex_unlock(&l->mu);
		return -rc;
	}
	return 0;
}

int notify_serve(int fd, bool primary)
{
	if (!sizes.seccomp_notif && syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) < 0) {
		close(fd);
		return -errno;
	}
	creds_global_init(); /* from a thread that acts as nobody else */
	struct sigaction sa = {.sa_handler = on_block_signal}; /* no SA_RESTART */
	sigemptyset(&sa.sa_mask);
	sigaction(block_signal(), &sa, NULL);
	struct listener *l = calloc(1, sizeof(*l));
	if (!l) {
		close(fd);
		return -ENOMEM;
	}
	l->fd = fd;
	l->primary = primary;
	pthread_mutex_init(&l->mu, NULL);
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	if (n > 16)
		n = 16;
	int started = 0;
	for (long i = 0; i < n; i++)
		if (start_thread(l) == 0)
			started++;
	if (!started) {
		close(fd);
		pthread_mutex_destroy(&l->mu);
		free(l);
		return -EAGAIN;
	}
	return 0;
}

int notify_send_listener(int sock, int fd)
{
	char dummy = 'L';
	struct iovec iov = {&dummy, 1};
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
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	return sendmsg(sock, &msg, MSG_NOSIGNAL) == 1 ? 0 : -errno;
}

int notify_recv_listener(int sock)
{
	char dummy;
	struct iovec iov = {&dummy, 1};
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof(u.buf)};
	ssize_t n;
	do
		n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	if (n != 1 || !c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
	    c->cmsg_len != CMSG_LEN(sizeof(int)))
		return -EPROTO;
	int fd;
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

struct from_arg {
	int sock;
	bool primary;
};

static void *receive_and_serve(void *arg)
{
	struct from_arg *a = arg;
	sigset_t all;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	int fd = notify_recv_listener(a->sock);
	close(a->sock);
	if (fd >= 0 && notify_serve(fd, a->primary) == 0) {
		free(a);
		return NULL;
	}
	/* no listener: the jailed command's notified calls would wait for
	 * ever; it cannot have started without one (spawn kills it) */
	free(a);
	return NULL;
}

int notify_serve_from(int sock, bool primary)
{
	struct from_arg *a = malloc(sizeof(*a));
	if (!a) {
		close(sock);
		return -ENOMEM;
	}
	a->sock = sock;
	a->primary = primary;
	pthread_t th;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	int rc = pthread_create(&th, &attr, receive_and_serve, a);
	pthread_attr_destroy(&attr);
	if (rc) {
		close(sock);
		free(a);
		return -rc;
	}
	return 0;
}
