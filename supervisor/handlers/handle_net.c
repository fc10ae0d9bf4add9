/* SPDX-License-Identifier: BSD-2-Clause */
/* Sockets: FreeBSD's jail address rules (policy/net.c) at the seccomp stop
 * of bind, connect, listen and the send calls; AF_UNIX path names through
 * the jail's root; i386's socketcall turned into the direct call.
 *
 * Every sockaddr (and sendmsg's msghdr and control messages) is copied
 * once, checked and rewritten, and written to the thread's scratch slot;
 * the register then points there, so the kernel reads exactly what was
 * checked (docs/scratch-area.md). A socket that connects, sends to an
 * address or listens while unbound is first bound to the jail's address
 * (port 0) by the supervisor, on a duplicate of the tracee's descriptor
 * (pidfd_getfd: the same open file), so its source address is the jail's.
 * See docs/networking.md. */
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <linux/netlink.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include "../../policy/jail.h"
#include "../../policy/net.h"
#include "../../policy/net_msghdr.h"
#include "../fs/fs_root.h"
#include "handle_netlink.h"
#include "handlers.h"
#include "unix_bind.h"
#include "unix_link.h"
#include "unix_object.h"
#include "../engine/memory.h"
#include "../engine/scratch.h"
#include "../engine/tracee.h"

#define ADDR_MAX 128 /* sizeof(struct sockaddr_storage): the kernel's limit */
#define SUN_PATH_MAX 108

/* Where things go in the thread's scratch slot. */
#define OFF_ADDR 0
#define OFF_MSG 256
#define OFF_CTRL 512
#define OFF_SOCKETCALL (SCRATCH_SLOT_SIZE - 32) /* i386 socketcall's argument array */
#define CTRL_MAX (OFF_SOCKETCALL - OFF_CTRL)
#define SOCKETCALL_SENDMSG 16
/* check_unix: the bind was made on the object (unix_bind.h), its result
 * in s->retval */
#define UNIX_BIND_DONE 3

/* ---------------------------------------------------------------- helpers */

static int sock_int_opt(int fd, int opt)
{
	int v = -1;
	socklen_t len = sizeof(v);
	return getsockopt(fd, SOL_SOCKET, opt, &v, &len) < 0 ? -1 : v;
}

/* Implicit bind: if the IPv4/IPv6 socket at the tracee's fd has no local
 * address yet, bind it to the jail's address with port 0 (mapped when an
 * IPv6 socket talks to an IPv4-mapped peer), as the kernel's autobind
 * would have picked a port. 0 or -errno. */
static int bind_if_unbound(const struct tracee *t, int fd, bool mapped_peer)
{
	const struct jail *j = t->jail;
	int local = tracee_dup_fd(t, fd);
	if (local == -EBADF || local == -ESRCH)
		return 0; /* not a descriptor, or the caller is gone: the call itself fails */
	if (local < 0)
		return local; /* out of descriptors or memory: never let it run unbound */
	int family = sock_int_opt(local, SO_DOMAIN);
	int type = sock_int_opt(local, SO_TYPE);
	int err = 0;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	if (family == -1 && errno != ENOTSOCK) {
		err = -errno;
		goto out;
	}
	if ((family != AF_INET && family != AF_INET6) || (type != SOCK_STREAM && type != SOCK_DGRAM &&
							 type != SOCK_SEQPACKET && type != SOCK_RAW))
		goto out;
	if (getsockname(local, (struct sockaddr *)&ss, &len) < 0) {
		err = -errno;
		goto out;
	}
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
		if (sin->sin_port || sin->sin_addr.s_addr != htonl(INADDR_ANY))
			goto out;
		sin->sin_addr.s_addr = htonl(INADDR_ANY);
		err = net_local_ip4(j, &sin->sin_addr);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
		if (sin6->sin6_port || !IN6_IS_ADDR_UNSPECIFIED(&sin6->sin6_addr))
			goto out;
		if (mapped_peer) {
			memset(&sin6->sin6_addr, 0, sizeof(sin6->sin6_addr));
			sin6->sin6_addr.s6_addr[10] = sin6->sin6_addr.s6_addr[11] = 0xff;
		}
		err = net_local_ip6(j, &sin6->sin6_addr);
	}
	if (!err && bind(local, (struct sockaddr *)&ss, len) < 0)
		err = errno == EINVAL ? 0 : -errno; /* EINVAL: bound meanwhile */
out:
	close(local);
	return err;
}

static bool is_inet(const unsigned char *sa, size_t len)
{
	sa_family_t family = 0;
	if (len >= sizeof(family))
		memcpy(&family, sa, sizeof(family));
	return family == AF_INET || family == AF_INET6;
}

static bool is_mapped_peer(const void *sa, size_t len)
{
	struct sockaddr_in6 sin6;
	if (len < sizeof(sin6) - sizeof(uint32_t))
		return false;
	memcpy(&sin6, sa, len < sizeof(sin6) ? len : sizeof(sin6));
	return sin6.sin6_family == AF_INET6 && IN6_IS_ADDR_V4MAPPED(&sin6.sin6_addr);
}

/* Can the kernel keep abstract AF_UNIX names inside the jail's Landlock
 * domain (LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET, Landlock ABI 6)? */
static bool abstract_scoped(void)
{
	static int abi = -1;
	if (abi < 0)
		abi = (int)syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	return abi >= 6;
}

/* AF_UNIX: a path name is translated guest -> host (bind does not follow
 * a final symlink, as mknod does not); the host name must fit sun_path
 * with its NUL, else -ENAMETOOLONG. Abstract names are confined by
 * Landlock's scope (landlock_net.c); without it, refused. *len may change. */
static int check_unix(struct syscall_stop *s, enum net_op op, unsigned char *sa, size_t *len)
{
	size_t off = offsetof(struct sockaddr_un, sun_path);
	if (*len > sizeof(struct sockaddr_un))
		return -EINVAL; /* the kernel's answer; never copied into guest[] */
	if (*len <= off)
		return 0; /* unnamed: autobind */
	if (sa[off] == '\0')
		return abstract_scoped() || op == NET_BIND ? 0 : -EPERM;
	if (!jail_has_root(s->t->jail))
		return 0;
	char guest[SUN_PATH_MAX + 1], host[PATH_MAX];
	size_t n = strnlen((const char *)sa + off, *len - off);
	memcpy(guest, sa + off, n);
	guest[n] = '\0';
	if (op == NET_BIND) {
		/* the directory's object, the file made there (unix_bind.h) */
		long ret;
		if (unix_bind_object(s, (int)s->args[0], sa, *len, guest, &ret) == 0) {
			s->retval = ret;
			return UNIX_BIND_DONE;
		}
	} else {
		/* connect and send: the object itself (unix_object.h) */
		char name[32];
		int got = unix_object_name(s, guest, OFF_CTRL, name, sizeof(name));
		if (got == 0) {
			size_t nl = strlen(name) + 1;
			memcpy(sa + off, name, nl);
			*len = off + nl;
			return 0;
		}
		if (got != UNIX_OBJECT_TRANSLATE)
			return got; /* UNIX_OBJECT_AGAIN, or the lookup's error */
	}
	int err = fs_guest_to_host(s->t, AT_FDCWD, guest, op == NET_BIND ? FS_NOFOLLOW : FS_FOLLOW, host,
				   sizeof(host));
	if (err)
		return err;
	size_t hn = strlen(host);
	if (hn + 1 > SUN_PATH_MAX) {
		/* fits as the jail names it, not under the root's path: through
		 * a short link to its directory (unix_link.h) */
		char shorter[SUN_PATH_MAX];
		err = unix_link_name(host, op == NET_BIND, s->t->tid, shorter, sizeof(shorter));
		if (err)
			return err;
		snprintf(host, sizeof(host), "%s", shorter);
		hn = strlen(host);
	}
	memcpy(sa + off, host, hn + 1);
	*len = off + hn + 1;
	return 0;
}

/* Reads, checks and rewrites the sockaddr (addr, len) of a call; puts the
 * result in the scratch slot at off. 0 or -errno; *where, *newlen and sa
 * (the bytes the kernel will read) set. UNIX_OBJECT_AGAIN: the call comes
 * again (unix_object.h); the handler returns at once with ACT_CONTINUE. */
static int check_addr(struct syscall_stop *s, enum net_op op, uint64_t addr, uint64_t len_arg, size_t off,
		      uint64_t *where, size_t *newlen, unsigned char sa[ADDR_MAX + 2])
{
	int ilen = (int)len_arg;
	if (ilen < 0 || ilen > ADDR_MAX)
		return -EINVAL;
	size_t len = (size_t)ilen;
	if (mem_read(s->t->tid, addr, sa, len))
		return -EFAULT;
	sa_family_t family = 0;
	if (len >= sizeof(family))
		memcpy(&family, sa, sizeof(family));
	int err = family == AF_UNIX ? check_unix(s, op, sa, &len) : net_check_sockaddr(s->t->jail, op, sa, len);
	if (err == UNIX_OBJECT_AGAIN || err == UNIX_BIND_DONE)
		return err;
	if (!err)
		err = scratch_put(s->t, off, sa, len ? len : 1, where);
	*newlen = len;
	return err;
}

static enum action fail(struct syscall_stop *s, int err)
{
	if (err == UNIX_OBJECT_AGAIN)
		return ACT_CONTINUE; /* issued again, registers untouched */
	s->retval = err;
	return ACT_RETURN;
}

/* A call checked and rewritten: it runs; with an object the caller
 * opened for it, its exit stop closes that (unix_object.h). */
static enum action run(struct syscall_stop *s)
{
	return unix_object_placed(s) ? ACT_EXIT_STOP : ACT_CONTINUE;
}

long handle_net_object_exit(struct syscall_stop *s)
{
	unix_object_done(s);
	return s->retval;
}

/* The kernel runs the call with s->args. Through i386's socketcall the
 * arguments are in memory: handle_socketcall() writes them afterwards. */
static void set_call(struct syscall_stop *s)
{
	if (!s->socketcall)
		stop_set_call(s, abi_nr(s->abi, s->id), s->args);
}

/* ---------------------------------------------------------------- calls */

/* socket(domain, type, protocol): decided in the kernel's filter on the
 * native ABI; here for ABIs whose filter cannot (i386). */
static const char *socket_refusal(const struct jail *j, int domain, int type, int protocol)
{
	if (domain == AF_INET && !j->ip4_count)
		return "the jail has no IPv4 address";
	if (domain == AF_INET6 && !j->ip6_count)
		return "the jail has no IPv6 address";
	if (domain == AF_PACKET || (type & NET_SOCK_TYPE_MASK) == SOCK_RAW)
		return j->allow[JAIL_ALLOW_raw_sockets] && protocol == IPPROTO_RAW
			       ? "IPPROTO_RAW writes its own IP header, source included"
			       : "raw sockets need allow.raw_sockets";
	if (domain == AF_NETLINK)
		return "netlink other than NETLINK_ROUTE needs allow.socket_af";
	return "socket family not allowed in a jail (allow.socket_af)";
}

enum action handle_net_socket(struct syscall_stop *s)
{
	int domain = (int)s->args[0], type = (int)s->args[1], protocol = (int)s->args[2];
	int err = net_socket_check(s->t->jail, domain, type, protocol);
	if (!err && domain == AF_NETLINK && protocol == NETLINK_ROUTE)
		return netlink_socket(s, type);
	if (!err)
		return ACT_CONTINUE;
	s->refused = socket_refusal(s->t->jail, domain, type, protocol);
	return fail(s, err);
}

enum action handle_net_setsockopt(struct syscall_stop *s)
{
	int level = (int)s->args[1], name = (int)s->args[2];
	if (netlink_setsockopt(s))
		return ACT_RETURN;
	int err = net_setsockopt_check(s->t->jail, level, name);
	if (!err)
		return ACT_CONTINUE;
	for (unsigned i = 0; i < net_sockopt_deny_count; i++)
		if (net_sockopt_denies[i].level == level && net_sockopt_denies[i].optname == name)
			s->refused = net_sockopt_denies[i].why;
	return fail(s, err);
}

/* getsockopt: stops only for SO_DOMAIN, SO_PROTOCOL and SO_TYPE (the
 * filter's conditions: the option name alone), for a netlink proxy's end */
enum action handle_net_getsockopt(struct syscall_stop *s)
{
	return netlink_getsockopt(s) ? ACT_RETURN : ACT_CONTINUE;
}

/* bind(fd, addr, len) */
enum action handle_net_bind(struct syscall_stop *s)
{
	if (netlink_bind(s))
		return ACT_RETURN;
	uint64_t where;
	size_t len;
	unsigned char sa[ADDR_MAX + 2];
	int err = check_addr(s, NET_BIND, s->args[1], s->args[2], OFF_ADDR, &where, &len, sa);
	if (err == UNIX_BIND_DONE)
		return ACT_RETURN;
	if (err)
		return fail(s, err);
	s->args[1] = where;
	s->args[2] = len;
	set_call(s);
	return ACT_CONTINUE;
}

/* connect(fd, addr, len) */
enum action handle_net_connect(struct syscall_stop *s)
{
	if (netlink_connect(s))
		return ACT_RETURN;
	uint64_t where;
	size_t len;
	unsigned char sa[ADDR_MAX + 2];
	int err = check_addr(s, NET_CONNECT, s->args[1], s->args[2], OFF_ADDR, &where, &len, sa);
	if (err)
		return fail(s, err);
	if (is_inet(sa, len) && (err = bind_if_unbound(s->t, (int)s->args[0], is_mapped_peer(sa, len))))
		return fail(s, err);
	s->args[1] = where;
	s->args[2] = len;
	set_call(s);
	return run(s);
}

/* listen(fd, backlog): an unbound socket would listen on every address */
enum action handle_net_listen(struct syscall_stop *s)
{
	int err = bind_if_unbound(s->t, (int)s->args[0], false);
	return err ? fail(s, err) : ACT_CONTINUE;
}

/* sendto(fd, buf, len, flags, addr, addrlen); recvfrom without an address
 * and send() never stop on the native ABI */
enum action handle_net_sendto(struct syscall_stop *s)
{
	if (s->args[4] == 0) {
		set_call(s); /* i386 socketcall(SEND) arrives here */
		return ACT_CONTINUE;
	}
	if (netlink_sendto(s))
		return ACT_RETURN;
	uint64_t where;
	size_t len;
	unsigned char sa[ADDR_MAX + 2];
	int err = check_addr(s, NET_SEND, s->args[4], s->args[5], OFF_ADDR, &where, &len, sa);
	if (!err && is_inet(sa, len))
		err = bind_if_unbound(s->t, (int)s->args[0], is_mapped_peer(sa, len));
	if (err)
		return fail(s, err);
	s->args[4] = where;
	s->args[5] = len;
	set_call(s);
	return run(s);
}

/* ---------------------------------------------------------------- sendmsg */

static size_t msghdr_size(const struct abi *abi)
{
	return net_msghdr_size(abi->word_size);
}

static int read_msghdr(struct syscall_stop *s, uint64_t addr, struct net_msg *m)
{
	unsigned char buf[sizeof(struct msghdr)];
	if (mem_read(s->t->tid, addr, buf, msghdr_size(s->abi)))
		return -EFAULT;
	net_msghdr_decode(buf, s->abi->word_size, m);
	return 0;
}

static int put_msghdr(struct syscall_stop *s, const struct net_msg *m, size_t off, uint64_t *where)
{
	unsigned char buf[sizeof(struct msghdr)];
	int err = net_msghdr_encode(m, s->abi->word_size, buf);
	return err ? err : scratch_put(s->t, off, buf, msghdr_size(s->abi), where);
}

/* Copies, checks and rewrites one msghdr at addr into the slot at base:
 * msghdr, then the name, then the control messages. Returns 0/-errno and
 * the scratch address of the copy in *where. */
static int check_msg(struct syscall_stop *s, uint64_t addr, size_t base, uint64_t *where)
{
	struct net_msg m;
	int err = read_msghdr(s, addr, &m);
	if (err)
		return err;
	if (m.name && m.namelen) {
		uint64_t name_at;
		size_t len;
		unsigned char sa[ADDR_MAX + 2];
		err = check_addr(s, NET_SEND, m.name, m.namelen, base + OFF_ADDR, &name_at, &len, sa);
		if (err)
			return err;
		if (is_inet(sa, len) && (err = bind_if_unbound(s->t, (int)s->args[0], is_mapped_peer(sa, len))))
			return err;
		m.name = name_at;
		m.namelen = (uint32_t)len;
	}
	if (m.control && m.controllen) {
		if (m.controllen > CTRL_MAX - base)
			return -ENOBUFS;
		static unsigned char ctrl[SCRATCH_SLOT_SIZE];
		if (mem_read(s->t->tid, m.control, ctrl, m.controllen))
			return -EFAULT;
		err = net_check_control(s->t->jail, s->abi->word_size, ctrl, m.controllen);
		if (!err)
			err = scratch_put(s->t, base + OFF_CTRL, ctrl, m.controllen, &m.control);
		if (err)
			return err;
	}
	return put_msghdr(s, &m, base + OFF_MSG, where);
}

/* sendmsg(fd, msg, flags) */
enum action handle_net_sendmsg(struct syscall_stop *s)
{
	if (netlink_sendmsg(s))
		return ACT_RETURN;
	uint64_t where;
	int err = check_msg(s, s->args[1], 0, &where);
	if (err)
		return fail(s, err);
	s->args[1] = where;
	set_call(s);
	return run(s);
}

/* sendmmsg(fd, vec, vlen, flags): the kernel writes each msg_len back into
 * the vector, which cannot be the read-only copy. So the first message is
 * sent with sendmsg, and at the exit stop its length is written to the
 * tracee's vector and 1 returned: a short count, which callers handle. */
enum action handle_net_sendmmsg(struct syscall_stop *s)
{
	if ((uint32_t)s->args[2] == 0)
		return fail(s, 0);
	uint64_t where;
	int err = check_msg(s, s->args[1], 0, &where);
	if (err)
		return fail(s, err);
	uint64_t vec = s->args[1];
	s->args[1] = where;
	s->args[2] = s->args[3]; /* flags */
	s->args[3] = vec;        /* kept for the exit handler; sendmsg ignores it */
	if (s->socketcall)
		s->socketcall = SOCKETCALL_SENDMSG;
	else
		stop_set_call(s, abi_nr(s->abi, SC_sendmsg), s->args);
	/* the exit stop also puts the tracee's registers back (event_loop.c) */
	return ACT_EXIT_STOP;
}

long handle_net_sendmmsg_exit(struct syscall_stop *s)
{
	unix_object_done(s);
	if (s->retval < 0)
		return s->retval;
	uint32_t sent = (uint32_t)s->retval;
	if (mem_write(s->t->tid, s->args[3] + msghdr_size(s->abi), &sent, sizeof(sent)))
		return -EFAULT;
	return 1;
}

/* ---------------------------------------------------------------- outputs */

/* getsockname, getpeername, accept, accept4, recvfrom: an AF_UNIX path
 * name comes back as the guest names it (jails with their own root). */
static int addr_args(const struct syscall_stop *s, uint64_t *addr, uint64_t *lenp)
{
	if (s->id == SC_recvfrom) {
		*addr = s->args[4];
		*lenp = s->args[5];
	} else {
		*addr = s->args[1];
		*lenp = s->args[2];
	}
	return *addr && *lenp ? 0 : -1;
}

/* Where the exit handler finds the caller's buffer size, read at the
 * enter stop (the kernel overwrites *lenp): a slot the call does not use
 * (kept in the supervisor's copy of the arguments, not in a register). */
#define NAME_OUT_BUFLEN 5
#define RECVFROM_BUFLEN 2

enum action handle_net_name_out(struct syscall_stop *s)
{
	if (s->id == SC_getsockname && netlink_getsockname(s))
		return ACT_RETURN;
	uint64_t addr, lenp;
	if (addr_args(s, &addr, &lenp))
		return ACT_CONTINUE;
	uint32_t buflen = 0;
	if (mem_read(s->t->tid, lenp, &buflen, sizeof(buflen)) == 0) {
		if (s->id != SC_recvfrom)
			s->args[NAME_OUT_BUFLEN] = buflen;
		else /* all six are recvfrom's: above its length, which the
		      * exit does not need (i386's socketcall passes the low
		      * 32 bits on) */
			s->args[RECVFROM_BUFLEN] = (uint32_t)s->args[RECVFROM_BUFLEN] | (uint64_t)buflen << 32;
	}
	return ACT_EXIT_STOP;
}

long handle_net_name_out_exit(struct syscall_stop *s)
{
	uint64_t addr, lenp;
	uint32_t buflen, got;
	if (s->retval < 0 || addr_args(s, &addr, &lenp) || mem_read(s->t->tid, lenp, &got, sizeof(got)))
		return s->retval;
	/* the kernel wrote min(buflen, got) bytes; buflen is gone, but a
	 * complete name ends with its NUL within got */
	size_t off = offsetof(struct sockaddr_un, sun_path);
	unsigned char sa[sizeof(struct sockaddr_un) + 1] = {0};
	if (got <= off || got > sizeof(struct sockaddr_un) || mem_read(s->t->tid, addr, sa, got))
		return s->retval;
	sa_family_t family;
	memcpy(&family, sa, sizeof(family));
	if (family != AF_UNIX || sa[off] == '\0')
		return s->retval;
	char host[PATH_MAX], guest[PATH_MAX];
	size_t n = strnlen((const char *)sa + off, got - off);
	memcpy(host, sa + off, n);
	host[n] = '\0';
	char through[PATH_MAX];
	if (unix_link_guest(host, guest, sizeof(guest))) {
		/* bound on the object: the name as the jail wrote it */
	} else {
		if (unix_link_resolve(host, through, sizeof(through)))
			snprintf(host, sizeof(host), "%s", through); /* named through a link */
		if (fs_host_to_guest(s->t, host, guest, sizeof(guest)))
			return s->retval;
	}
	if (strlen(guest) + 1 > SUN_PATH_MAX)
		return s->retval;
	/* the caller's buffer as it gave it at the call, else never more
	 * than the kernel wrote */
	buflen = s->id != SC_recvfrom ? (uint32_t)s->args[NAME_OUT_BUFLEN] : (uint32_t)(s->args[RECVFROM_BUFLEN] >> 32);
	if (!buflen)
		buflen = got;
	if (buflen > sizeof(sa))
		buflen = sizeof(sa);
	size_t gl = off + strlen(guest) + 1;
	memcpy(sa + off, guest, strlen(guest) + 1);
	if (mem_write(s->t->tid, addr, sa, gl < buflen ? gl : buflen))
		return s->retval;
	got = (uint32_t)gl;
	mem_write(s->t->tid, lenp, &got, sizeof(got));
	return s->retval;
}

/* ---------------------------------------------------------------- i386 */

/* socketcall(call, args): the arguments are in memory, where another
 * thread could change them after the check. They are read once, handled as
 * the direct call's, and the kernel gets a copy in the scratch area (args
 * pointed there): only ecx changes, as for any pointer the jail rewrites;
 * the other registers are the tracee's (glibc keeps ebx in edx across
 * socketcall, so turning it into the direct call would clobber them). */
static const struct {
	enum sc_id id;
	int nargs;
} socketcalls[] = {
	[1] = {SC_socket, 3},       [2] = {SC_bind, 3},       [3] = {SC_connect, 3},
	[4] = {SC_listen, 2},       [5] = {SC_accept4, 3},    [6] = {SC_getsockname, 3},
	[7] = {SC_getpeername, 3},  [8] = {SC_socketpair, 4}, [9] = {SC_sendto, 4},
	[10] = {SC_recvfrom, 4},    [11] = {SC_sendto, 6},    [12] = {SC_recvfrom, 6},
	[13] = {SC_shutdown, 2},    [14] = {SC_setsockopt, 5}, [15] = {SC_getsockopt, 5},
	[16] = {SC_sendmsg, 3},     [17] = {SC_recvmsg, 3},   [18] = {SC_accept4, 4},
	[19] = {SC_recvmmsg, 5},    [20] = {SC_sendmmsg, 4},
};

enum action handle_socketcall(struct syscall_stop *s)
{
	uint64_t call = s->args[0] & 0xffffffffu;
	if (call == 0 || call >= sizeof(socketcalls) / sizeof(socketcalls[0]) || s->abi->word_size != 4)
		return fail(s, -EINVAL);
	uint32_t w[6] = {0};
	if (mem_read(s->t->tid, s->args[1], w, (size_t)socketcalls[call].nargs * 4))
		return fail(s, -EFAULT);
	for (int i = 0; i < 6; i++)
		s->args[i] = w[i];
	s->id = socketcalls[call].id;
	s->socketcall = (int)call;
	const struct handler *h = &handlers[s->id];
	enum action act = ACT_CONTINUE;
	if (h->enter && handler_wanted(s->id, s->t->jail, false)) {
		act = h->enter(s);
		if (act == ACT_RETURN || s->rewound)
			return act;
	}
	/* the (checked, maybe rewritten) arguments of the call to run: the
	 * same one, or sendmsg for sendmmsg */
	int run = s->socketcall;
	for (int i = 0; i < socketcalls[run].nargs; i++)
		w[i] = (uint32_t)s->args[i];
	uint64_t where;
	int err = scratch_put(s->t, OFF_SOCKETCALL, w, (size_t)socketcalls[run].nargs * 4, &where);
	if (err)
		return fail(s, err);
	if ((uint64_t)run != call)
		stop_set_arg(s, 0, (uint64_t)run);
	stop_set_arg(s, 1, where);
	return act;
}
