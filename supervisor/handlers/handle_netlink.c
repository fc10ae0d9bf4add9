/* SPDX-License-Identifier: BSD-2-Clause */
/* NETLINK_ROUTE sockets of the jail are proxies (netlink_proxy.h): an
 * AF_UNIX end the supervisor relays for. Here the calls whose meaning is
 * netlink's are answered on the supervisor's own route socket: socket()
 * itself (from user notification: the end is handed over with ADDFD),
 * bind, connect, setsockopt at SOL_NETLINK, a send to an address (the
 * datagram goes through the jail's end as a plain send would), and the
 * source address a receive reports (the kernel's: port 0). Called by the
 * socket handlers (handle_net.c, handle_net_view.c) first; each says
 * whether the descriptor was a proxy. */
#include "handle_netlink.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../policy/net_msghdr.h"
#include "../engine/inject.h"
#include "../engine/memory.h"
#include "../engine/scratch.h"
#include "../engine/tracee.h"
#include "netlink_proxy.h"

#define SEND_MAX 65536 /* a request datagram, as the relay takes it */
#define IOV_MAX_COUNT 1024

/* Does the sockaddr at addr (len bytes) name AF_NETLINK? Only then is the
 * descriptor looked up (bind, connect and the sends of every socket pass
 * here). */
static bool names_netlink(const struct syscall_stop *s, uint64_t addr, uint64_t len)
{
	sa_family_t family = 0;
	return addr && (int)len >= (int)sizeof(family) && mem_read(s->t->tid, addr, &family, sizeof(family)) == 0 &&
	       family == AF_NETLINK;
}

static bool is_seqpacket_unix(int fd)
{
	int domain = 0, kind = 0;
	socklen_t l1 = sizeof(domain), l2 = sizeof(kind);
	return getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &l1) == 0 && domain == AF_UNIX &&
	       getsockopt(fd, SOL_SOCKET, SO_TYPE, &kind, &l2) == 0 && kind == SOCK_SEQPACKET;
}

/* Are a and b the two ends of one pair? A datagram sent on a arrives on
 * b (and is taken off it again). */
static bool one_pair(int a, int b)
{
	static const char token[] = "jail-netlink-proxy";
	char got[sizeof(token)];
	return is_seqpacket_unix(a) && is_seqpacket_unix(b) &&
	       send(a, token, sizeof(token), MSG_DONTWAIT | MSG_NOSIGNAL) == (ssize_t)sizeof(token) &&
	       recv(b, got, sizeof(got), MSG_DONTWAIT) == (ssize_t)sizeof(token) && memcmp(got, token, sizeof(token)) == 0;
}

/* i386's socketcall(SOCKET) stops for ptrace, where no descriptor can be
 * handed over: the tracee makes the pair itself (an injected
 * socketcall(SOCKETPAIR), the two numbers written below its stack
 * pointer), the supervisor takes the second end (pidfd_getfd) after
 * checking the two are one pair (a sibling thread may have rewritten the
 * numbers), and the tracee closes it again (an injected close). */
#define SOCKETCALL_SOCKETPAIR 8
static enum action socket_at_stop(struct syscall_stop *s, int type)
{
	struct injection inj;
	int err = inject_begin(&inj, s->t, s->abi);
	if (err) {
		s->retval = err;
		return ACT_RETURN;
	}
	uint64_t pair_at = (abi_regs_sp(&inj.saved) - 256) & ~(uint64_t)15;
	uint32_t w[4] = {AF_UNIX, SOCK_SEQPACKET | ((uint32_t)type & (SOCK_CLOEXEC | SOCK_NONBLOCK)), 0, (uint32_t)pair_at};
	uint64_t where = 0;
	long res = -EFAULT;
	int32_t pair[2] = {-1, -1};
	err = scratch_put(s->t, 0, w, sizeof(w), &where);
	if (!err) {
		uint64_t args[6] = {SOCKETCALL_SOCKETPAIR, where};
		err = inject_call(&inj, abi_nr(s->abi, SC_socketcall), args, &res);
	}
	if (!err && res < 0)
		err = (int)res;
	if (!err && mem_read(s->t->tid, pair_at, pair, sizeof(pair)))
		err = -EFAULT;
	int end = -1, sup = -1;
	if (!err) {
		end = tracee_dup_fd(s->t, pair[0]);
		sup = tracee_dup_fd(s->t, pair[1]);
		if (end < 0 || sup < 0 || !one_pair(sup, end))
			err = -EIO;
	}
	if (!err) {
		err = netlink_proxy_adopt(s->t->jail, sup, end);
		sup = -1;
	}
	if (sup >= 0)
		close(sup);
	if (end >= 0)
		close(end);
	/* the tracee keeps only its end, and nothing on failure */
	for (int i = res < 0 ? 2 : (err ? 0 : 1); i < 2; i++) {
		uint64_t args[6] = {(uint32_t)pair[i]};
		long ignored;
		inject_call(&inj, abi_nr(s->abi, SC_close), args, &ignored);
	}
	int fin = inject_finish(&inj);
	s->retval = err ? err : fin ? fin : pair[0];
	return ACT_RETURN;
}

enum action netlink_socket(struct syscall_stop *s, int type)
{
	int kind = type & 0xf;
	if (kind != SOCK_RAW && kind != SOCK_DGRAM) {
		s->retval = -ESOCKTNOSUPPORT;
		return ACT_RETURN;
	}
	if (!s->notified)
		return socket_at_stop(s, type);
	int fd = netlink_proxy_new(s->t->jail, type);
	if (fd < 0) {
		s->retval = fd;
		return ACT_RETURN;
	}
	s->fd = fd;
	s->fd_flags = (type & SOCK_CLOEXEC) ? O_CLOEXEC : 0;
	return ACT_FD;
}

static int bind_real(int real, int end, void *arg)
{
	(void)end;
	return bind(real, arg, sizeof(struct sockaddr_nl)) < 0 ? -errno : 0;
}

static int connect_real(int real, int end, void *arg)
{
	(void)end;
	return connect(real, arg, sizeof(struct sockaddr_nl)) < 0 ? -errno : 0;
}

/* bind and connect with the sockaddr_nl at (addr, len). */
static bool address_call(struct syscall_stop *s, bool is_bind)
{
	struct sockaddr_nl sa;
	memset(&sa, 0, sizeof(sa));
	int len = (int)s->args[2];
	if (!names_netlink(s, s->args[1], s->args[2]) || !netlink_proxy_is(s->t, (int)s->args[0]))
		return false;
	if (len < (int)sizeof(sa))
		s->retval = -EINVAL;
	else if (mem_read(s->t->tid, s->args[1], &sa, sizeof(sa)))
		s->retval = -EFAULT;
	else if (sa.nl_family != AF_NETLINK)
		s->retval = -EINVAL;
	else
		s->retval = netlink_proxy_with(s->t, (int)s->args[0], is_bind ? bind_real : connect_real, &sa);
	if (s->retval == NETLINK_PROXY_NONE)
		s->retval = -EBADF; /* closed meanwhile */
	return true;
}

bool netlink_bind(struct syscall_stop *s)
{
	return address_call(s, true);
}

bool netlink_connect(struct syscall_stop *s)
{
	return address_call(s, false);
}

struct sockopt {
	int name, value;
};

static int setsockopt_real(int real, int end, void *arg)
{
	(void)end;
	const struct sockopt *o = arg;
	return setsockopt(real, SOL_NETLINK, o->name, &o->value, sizeof(o->value)) < 0 ? -errno : 0;
}

bool netlink_setsockopt(struct syscall_stop *s)
{
	if ((int)s->args[1] != SOL_NETLINK || !netlink_proxy_is(s->t, (int)s->args[0]))
		return false;
	struct sockopt o = {(int)s->args[2], 0};
	if ((int)s->args[4] < (int)sizeof(int))
		s->retval = -EINVAL;
	else if (mem_read(s->t->tid, s->args[3], &o.value, sizeof(o.value)))
		s->retval = -EFAULT;
	else if (o.name == NETLINK_LISTEN_ALL_NSID)
		s->retval = -EPERM; /* other network namespaces' events */
	else
		s->retval = netlink_proxy_with(s->t, (int)s->args[0], setsockopt_real, &o);
	if (s->retval == NETLINK_PROXY_NONE)
		s->retval = -EBADF;
	return true;
}

struct datagram {
	const void *buf;
	size_t len;
	int flags;
};

static int send_end(int real, int end, void *arg)
{
	(void)real;
	const struct datagram *d = arg;
	/* the relay reads at once; a handler never waits */
	ssize_t n = send(end, d->buf, d->len, (d->flags & ~MSG_DONTWAIT) | MSG_DONTWAIT | MSG_NOSIGNAL);
	return n < 0 ? -errno : 0;
}

static long send_datagram(struct syscall_stop *s, const void *buf, size_t len, int flags)
{
	struct datagram d = {buf, len, flags};
	int r = netlink_proxy_with(s->t, (int)s->args[0], send_end, &d);
	if (r == NETLINK_PROXY_NONE)
		return -EBADF;
	return r ? r : (long)len;
}

bool netlink_sendto(struct syscall_stop *s)
{
	if (!names_netlink(s, s->args[4], s->args[5]) || !netlink_proxy_is(s->t, (int)s->args[0]))
		return false;
	size_t len = (size_t)s->args[2];
	unsigned char *buf = len <= SEND_MAX ? malloc(len ? len : 1) : NULL;
	if (len > SEND_MAX)
		s->retval = -EMSGSIZE;
	else if (!buf)
		s->retval = -ENOMEM;
	else if (mem_read(s->t->tid, s->args[1], buf, len))
		s->retval = -EFAULT;
	else
		s->retval = send_datagram(s, buf, len, (int)s->args[3]);
	free(buf);
	return true;
}

/* sendmsg: the buffers gathered into one datagram; the name (the kernel,
 * or a multicast group) is the relay's business. */
bool netlink_sendmsg(struct syscall_stop *s)
{
	unsigned ws = s->abi->word_size;
	unsigned char raw[sizeof(struct msghdr)];
	struct net_msg m;
	if (mem_read(s->t->tid, s->args[1], raw, net_msghdr_size(ws)))
		return false;
	net_msghdr_decode(raw, ws, &m);
	/* a proxy without a name goes through its end as it is */
	if (!names_netlink(s, m.name, m.namelen) || !netlink_proxy_is(s->t, (int)s->args[0]))
		return false;
	unsigned char *buf = malloc(SEND_MAX);
	size_t at = 0;
	s->retval = 0;
	if (!buf)
		s->retval = -ENOMEM;
	else if (m.iovlen > IOV_MAX_COUNT)
		s->retval = -EMSGSIZE;
	for (uint64_t i = 0; !s->retval && i < m.iovlen; i++) {
		uint64_t base = 0, len = 0;
		if (mem_read(s->t->tid, m.iov + i * 2 * ws, &base, ws) ||
		    mem_read(s->t->tid, m.iov + i * 2 * ws + ws, &len, ws))
			s->retval = -EFAULT;
		else if (len > SEND_MAX - at)
			s->retval = -EMSGSIZE;
		else if (len && mem_read(s->t->tid, base, buf + at, (size_t)len))
			s->retval = -EFAULT;
		else
			at += (size_t)len;
	}
	if (!s->retval)
		s->retval = send_datagram(s, buf, at, (int)s->args[2]);
	free(buf);
	return true;
}

/* Where a receive's exit finds the size of the caller's name buffer, read
 * at the enter stop (the kernel then sets it to the AF_UNIX end's name
 * size, 0): a slot of the supervisor's copy of the arguments the exit does
 * not need, never a register (recvmsg: an unused one; recvfrom: len). */
#define RECVMSG_NAMELEN 5
#define RECVFROM_NAMELEN 2

bool netlink_recv_enter(struct syscall_stop *s)
{
	if (!netlink_proxy_is(s->t, (int)s->args[0]))
		return false;
	uint32_t have = 0;
	if (s->id == SC_recvmsg) {
		unsigned ws = s->abi->word_size;
		unsigned char raw[sizeof(struct msghdr)];
		struct net_msg m;
		if (mem_read(s->t->tid, s->args[1], raw, net_msghdr_size(ws)) == 0) {
			net_msghdr_decode(raw, ws, &m);
			have = m.name ? m.namelen : 0;
		}
		s->args[RECVMSG_NAMELEN] = have;
	} else if (!s->socketcall) {
		/* i386's socketcall writes the arguments back: no slot there,
		 * and no name is written */
		if (s->args[4] && s->args[5])
			mem_read(s->t->tid, s->args[5], &have, sizeof(have));
		s->args[RECVFROM_NAMELEN] = have;
	}
	return true;
}

/* The kernel's address (port 0), as a receive on a route socket reports
 * it, into the caller's name buffer addr of size have; full at lenp. */
static long put_kernel_name(struct syscall_stop *s, uint64_t addr, uint32_t have, uint64_t lenp)
{
	struct sockaddr_nl sa = {.nl_family = AF_NETLINK};
	uint32_t full = sizeof(sa);
	if (!addr || !have)
		return s->retval;
	if (mem_write(s->t->tid, addr, &sa, have < full ? have : full) || mem_write(s->t->tid, lenp, &full, sizeof(full)))
		return -EFAULT;
	return s->retval;
}

long netlink_recv_exit(struct syscall_stop *s)
{
	if (s->retval < 0)
		return s->retval;
	if (s->id == SC_recvmsg) {
		unsigned ws = s->abi->word_size;
		unsigned char raw[sizeof(struct msghdr)];
		struct net_msg m;
		if (mem_read(s->t->tid, s->args[1], raw, net_msghdr_size(ws)))
			return -EFAULT;
		net_msghdr_decode(raw, ws, &m);
		/* msg_namelen: the field after the pointer-sized msg_name */
		return put_kernel_name(s, m.name, (uint32_t)s->args[RECVMSG_NAMELEN], s->args[1] + ws);
	}
	if (s->socketcall || !s->args[5])
		return s->retval;
	return put_kernel_name(s, s->args[4], (uint32_t)s->args[RECVFROM_NAMELEN], s->args[5]);
}

static int name_real(int real, int end, void *arg)
{
	(void)end;
	socklen_t len = sizeof(struct sockaddr_nl);
	return getsockname(real, arg, &len) < 0 ? -errno : 0;
}

bool netlink_getsockname(struct syscall_stop *s)
{
	struct sockaddr_nl sa;
	memset(&sa, 0, sizeof(sa));
	int r = netlink_proxy_with(s->t, (int)s->args[0], name_real, &sa);
	if (r == NETLINK_PROXY_NONE)
		return false;
	uint32_t have = 0, full = sizeof(sa);
	if (r)
		s->retval = r;
	else if (mem_read(s->t->tid, s->args[2], &have, sizeof(have)))
		s->retval = -EFAULT;
	else if (mem_write(s->t->tid, s->args[1], &sa, have < full ? have : full) ||
		 mem_write(s->t->tid, s->args[2], &full, sizeof(full)))
		s->retval = -EFAULT;
	else
		s->retval = 0;
	return true;
}

/* getsockopt(SO_DOMAIN, SO_PROTOCOL, SO_TYPE) of a proxy's end: the route
 * socket's answers, not the AF_UNIX pair's. */
bool netlink_getsockopt(struct syscall_stop *s)
{
	int level = (int)s->args[1], name = (int)s->args[2];
	if (level != SOL_SOCKET || (name != SO_DOMAIN && name != SO_PROTOCOL && name != SO_TYPE) ||
	    !netlink_proxy_is(s->t, (int)s->args[0]))
		return false;
	int value = name == SO_DOMAIN ? AF_NETLINK : name == SO_PROTOCOL ? NETLINK_ROUTE : SOCK_RAW;
	uint32_t have = 0, full = sizeof(value);
	if (mem_read(s->t->tid, s->args[4], &have, sizeof(have)))
		s->retval = -EFAULT;
	else if ((int32_t)have < 0)
		s->retval = -EINVAL;
	else if (mem_write(s->t->tid, s->args[3], &value, have < full ? have : full) ||
		 mem_write(s->t->tid, s->args[4], have < full ? &have : &full, sizeof(full)))
		s->retval = -EFAULT;
	else
		s->retval = 0;
	return true;
}
