/* SPDX-License-Identifier: BSD-2-Clause */
/* The NETLINK_ROUTE proxy (netlink_proxy.h): one relay thread per
 * supervisor, started with the first proxy, waits on every proxy's two
 * sockets (epoll) and moves datagrams: the jail's requests to the kernel
 * (RTM_GET* only), the kernel's replies and events to the jail, rewritten
 * for it. A reply the jail does not read yet waits in a short queue, and
 * the kernel's socket is not read meanwhile (a dump goes on when the
 * jail reads, as the kernel's own flow control has it). */
#include "netlink_proxy.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../policy/net_view.h"
#include "../engine/tracee.h"
#include "host_addrs.h"

#define MAX_PROXIES 256   /* per supervisor: each holds two descriptors */
#define MAX_QUEUED 64     /* replies waiting for the jail to read */
#define REQUEST_MAX 65536 /* a request datagram of the jail */

struct queued {
	struct queued *next;
	size_t len;
	unsigned char data[];
};

struct proxy;
struct end {
	struct proxy *p;
	bool kernel; /* the supervisor's route socket, else its end of the pair */
};

struct proxy {
	struct proxy *next;
	int sup, real; /* our end of the pair; our route socket */
	dev_t dev;     /* the jail end's socket inode */
	ino_t ino;
	const struct jail *jail;
	struct queued *head, *tail;
	unsigned queued;
	bool dead;
	struct end sup_end, real_end;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct proxy *proxies;
static unsigned count;
static int ep = -1;

static int watch(struct proxy *p, bool kernel, uint32_t events, int op)
{
	struct epoll_event ev = {.events = events, .data.ptr = kernel ? &p->real_end : &p->sup_end};
	return epoll_ctl(ep, op, kernel ? p->real : p->sup, &ev);
}

/* A datagram for the jail: sent at once, or queued behind the others. */
static void deliver(struct proxy *p, const void *buf, size_t len)
{
	if (!p->head && send(p->sup, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL) >= 0)
		return;
	if (!p->head && errno != EAGAIN)
		return; /* the jail closed its end: nobody to read it */
	if (p->queued >= MAX_QUEUED)
		return; /* as the kernel drops what an overrun reader misses */
	struct queued *q = malloc(sizeof(*q) + len);
	if (!q)
		return;
	q->next = NULL;
	q->len = len;
	memcpy(q->data, buf, len);
	if (p->tail)
		p->tail->next = q;
	else
		p->head = q;
	p->tail = q;
	if (p->queued++ == 0) {
		/* wait for room; read the kernel no further meanwhile */
		watch(p, false, EPOLLIN | EPOLLOUT, EPOLL_CTL_MOD);
		watch(p, true, 0, EPOLL_CTL_MOD);
	}
}

static void flush(struct proxy *p)
{
	while (p->head) {
		if (send(p->sup, p->head->data, p->head->len, MSG_DONTWAIT | MSG_NOSIGNAL) < 0 && errno == EAGAIN)
			return;
		struct queued *q = p->head;
		p->head = q->next;
		free(q);
		p->queued--;
	}
	p->tail = NULL;
	watch(p, false, EPOLLIN, EPOLL_CTL_MOD);
	watch(p, true, EPOLLIN, EPOLL_CTL_MOD);
}

static uint32_t port_id(int real)
{
	struct sockaddr_nl sa;
	socklen_t len = sizeof(sa);
	return getsockname(real, (struct sockaddr *)&sa, &len) == 0 ? sa.nl_pid : 0;
}

/* The kernel's answer to a request it refuses: NLMSG_ERROR carrying the
 * request's header (NLM_F_CAPPED: its payload left out). */
static void refuse(struct proxy *p, const struct nlmsghdr *req, int err)
{
	struct {
		struct nlmsghdr h;
		struct nlmsgerr e;
	} m;
	memset(&m, 0, sizeof(m));
	m.h.nlmsg_len = sizeof(m);
	m.h.nlmsg_type = NLMSG_ERROR;
	m.h.nlmsg_flags = NLM_F_CAPPED;
	m.h.nlmsg_seq = req->nlmsg_seq;
	m.h.nlmsg_pid = port_id(p->real);
	m.e.error = err;
	m.e.msg = *req;
	deliver(p, &m, sizeof(m));
}

/* A request datagram of the jail: what only reads goes to the kernel;
 * a change (RTM_NEW*, RTM_DEL*, RTM_SET*) is refused as the kernel refuses
 * it to a process without CAP_NET_ADMIN, which jailed root does not have
 * for the host's network. */
static void from_jail(struct proxy *p)
{
	static unsigned char in[REQUEST_MAX], out[REQUEST_MAX];
	ssize_t n = recv(p->sup, in, sizeof(in), MSG_DONTWAIT | MSG_TRUNC);
	if (n <= 0)
		return;
	if ((size_t)n > sizeof(in)) {
		if ((size_t)n >= sizeof(struct nlmsghdr))
			refuse(p, (const struct nlmsghdr *)in, -EMSGSIZE);
		return;
	}
	size_t kept = 0, got = (size_t)n;
	for (size_t at = 0; got - at >= sizeof(struct nlmsghdr);) {
		struct nlmsghdr *h = (struct nlmsghdr *)(in + at);
		if (h->nlmsg_len < sizeof(*h) || h->nlmsg_len > got - at)
			break; /* malformed: the kernel would stop there too */
		size_t len = NLMSG_ALIGN(h->nlmsg_len) < got - at ? NLMSG_ALIGN(h->nlmsg_len) : got - at;
		if (h->nlmsg_type >= NLMSG_MIN_TYPE && (h->nlmsg_type & 3) != 2) {
			refuse(p, h, -EPERM);
		} else {
			memcpy(out + kept, h, len);
			kept += len;
		}
		at += len;
	}
	if (!kept)
		return;
	struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
	if (sendto(p->real, out, kept, MSG_DONTWAIT, (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		refuse(p, (const struct nlmsghdr *)out, -errno);
}

/* The messages net_view_filter hid (NLMSG_NOOPs, which the kernel never
 * sends) taken out of a datagram: the rest moved up; the new length. In
 * the jail's own buffer they had to stay (the length was the kernel's);
 * here readers that want every message addressed to them (Go's
 * NetlinkRIB checks each one's port id) see none. */
static size_t drop_hidden(unsigned char *buf, size_t got)
{
	size_t at = 0, kept = 0;
	while (got - at >= sizeof(struct nlmsghdr)) {
		struct nlmsghdr *h = (struct nlmsghdr *)(buf + at);
		if (h->nlmsg_len < sizeof(*h) || h->nlmsg_len > got - at)
			break;
		size_t len = NLMSG_ALIGN(h->nlmsg_len) < got - at ? NLMSG_ALIGN(h->nlmsg_len) : got - at;
		if (h->nlmsg_type != NLMSG_NOOP) {
			memmove(buf + kept, h, len);
			kept += len;
		}
		at += len;
	}
	/* a malformed tail (never from the kernel) goes as it came */
	memmove(buf + kept, buf + at, got - at);
	return kept + (got - at);
}

/* What the kernel sent: rewritten for the jail, then passed on. */
static void from_kernel(struct proxy *p)
{
	static struct net_host_addr hosts[MAX_HOST_ADDRS];
	while (!p->head) {
		ssize_t n = recv(p->real, NULL, 0, MSG_DONTWAIT | MSG_PEEK | MSG_TRUNC);
		if (n < 0 && errno == ENOBUFS)
			continue; /* an overrun: the lost events are lost */
		if (n < 0)
			return;
		unsigned char *buf = malloc(n ? (size_t)n : 1);
		if (!buf)
			return;
		n = recv(p->real, buf, (size_t)n, MSG_DONTWAIT);
		if (n > 0) {
			size_t nh = host_addrs(hosts, MAX_HOST_ADDRS);
			size_t len = (size_t)n;
			if (net_view_filter(p->jail, hosts, nh, buf, len))
				len = drop_hidden(buf, len);
			if (len)
				deliver(p, buf, len);
		}
		free(buf);
		if (n < 0)
			return;
	}
}

static void drop(struct proxy *p)
{
	epoll_ctl(ep, EPOLL_CTL_DEL, p->sup, NULL);
	epoll_ctl(ep, EPOLL_CTL_DEL, p->real, NULL);
	close(p->sup);
	close(p->real);
	while (p->head) {
		struct queued *q = p->head;
		p->head = q->next;
		free(q);
	}
	for (struct proxy **pp = &proxies; *pp; pp = &(*pp)->next)
		if (*pp == p) {
			*pp = p->next;
			break;
		}
	count--;
	p->dead = true;
}

static void *relay(void *arg)
{
	(void)arg;
	sigset_t all;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	struct epoll_event ev[16];
	for (;;) {
		int n = epoll_wait(ep, ev, 16, -1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return NULL;
		struct proxy *gone[16];
		int ngone = 0;
		pthread_mutex_lock(&mu);
		for (int i = 0; i < n; i++) {
			struct end *e = ev[i].data.ptr;
			struct proxy *p = e->p;
			if (p->dead)
				continue;
			if (e->kernel) {
				if (ev[i].events & EPOLLIN)
					from_kernel(p);
				continue;
			}
			if (ev[i].events & EPOLLOUT)
				flush(p);
			if (ev[i].events & EPOLLIN)
				from_jail(p);
			if (ev[i].events & (EPOLLHUP | EPOLLERR)) {
				drop(p);
				gone[ngone++] = p;
			}
		}
		pthread_mutex_unlock(&mu);
		for (int i = 0; i < ngone; i++)
			free(gone[i]);
	}
}

/* The relay thread and its epoll set, once. 0 or -errno. */
static int start_relay(void)
{
	if (ep >= 0)
		return 0;
	int fd = epoll_create1(EPOLL_CLOEXEC);
	if (fd < 0)
		return -errno;
	ep = fd;
	pthread_attr_t attr;
	pthread_t th;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	int rc = pthread_create(&th, &attr, relay, NULL);
	pthread_attr_destroy(&attr);
	if (rc) {
		close(ep);
		ep = -1;
		return -rc;
	}
	return 0;
}

int netlink_proxy_adopt(const struct jail *j, int sup, int end)
{
	struct proxy *p = calloc(1, sizeof(*p));
	struct stat st;
	int err = !p ? -ENOMEM : 0;
	if (p)
		p->real = -1;
	if (!err && fstat(end, &st) < 0)
		err = -errno;
	if (!err && (fcntl(sup, F_SETFL, O_NONBLOCK) < 0 ||
		     (p->real = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE)) < 0))
		err = -errno;
	if (err) {
		if (p && p->real >= 0)
			close(p->real);
		free(p);
		close(sup);
		return err;
	}
	p->sup = sup;
	p->dev = st.st_dev;
	p->ino = st.st_ino;
	p->jail = j;
	p->sup_end = (struct end){p, false};
	p->real_end = (struct end){p, true};
	pthread_mutex_lock(&mu);
	if (count >= MAX_PROXIES)
		err = -ENOBUFS;
	if (!err)
		err = start_relay();
	if (!err && (watch(p, false, EPOLLIN, EPOLL_CTL_ADD) < 0 || watch(p, true, EPOLLIN, EPOLL_CTL_ADD) < 0)) {
		err = -errno;
		epoll_ctl(ep, EPOLL_CTL_DEL, p->sup, NULL);
	}
	if (!err) {
		p->next = proxies;
		proxies = p;
		count++;
	}
	pthread_mutex_unlock(&mu);
	if (err) {
		close(p->sup);
		close(p->real);
		free(p);
	}
	return err;
}

int netlink_proxy_new(const struct jail *j, int type)
{
	int pair[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) < 0)
		return -errno;
	if ((type & SOCK_NONBLOCK) && fcntl(pair[0], F_SETFL, O_NONBLOCK) < 0) {
		int err = -errno;
		close(pair[0]);
		close(pair[1]);
		return err;
	}
	int err = netlink_proxy_adopt(j, pair[1], pair[0]);
	if (err) {
		close(pair[0]);
		return err;
	}
	return pair[0];
}

int netlink_proxy_with(const struct tracee *t, int fd, int (*fn)(int real, int end, void *arg), void *arg)
{
	int local = tracee_dup_fd(t, fd);
	if (local < 0)
		return NETLINK_PROXY_NONE;
	struct stat st;
	int r = NETLINK_PROXY_NONE;
	if (fstat(local, &st) == 0 && S_ISSOCK(st.st_mode)) {
		pthread_mutex_lock(&mu);
		for (struct proxy *p = proxies; p; p = p->next)
			if (p->dev == st.st_dev && p->ino == st.st_ino) {
				r = fn(p->real, local, arg);
				break;
			}
		pthread_mutex_unlock(&mu);
	}
	close(local);
	return r;
}

static int yes(int real, int end, void *arg)
{
	(void)real;
	(void)end;
	(void)arg;
	return 0;
}

bool netlink_proxy_is(const struct tracee *t, int fd)
{
	return netlink_proxy_with(t, fd, yes, NULL) == 0;
}
