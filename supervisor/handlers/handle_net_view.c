/* SPDX-License-Identifier: BSD-2-Clause */
/* The jail's own view of the host's addresses (FreeBSD shows a jail every
 * interface but only its own addresses, policy/net_view.c):
 * - recvmsg on a NETLINK_ROUTE socket (getifaddrs, if_nameindex, `ip
 *   addr`, `hostname -I`), and recvfrom with a source address (Go): the
 *   address messages of a dump are rewritten at the exit stop. Other
 *   sockets' calls go on after the enter stop.
 * - ioctl(SIOCGIFCONF, SIOCGIF{ADDR,NETMASK,BRDADDR,DSTADDR}) (ifconfig,
 *   older programs): the list of interface addresses, an interface's
 *   address, netmask, broadcast or peer, at the exit stop;
 *   TIOCSPGRP goes to visibility.c. */
#include <errno.h>
#include <ifaddrs.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../policy/net_view.h"
#include "../engine/memory.h"
#include "../engine/tracee.h"
#include "handle_netlink.h"
#include "handlers.h"
#include "host_addrs.h"
#include "netlink_proxy.h"

#define MAX_IOV 1024

static bool is_route_netlink(const struct tracee *t, int fd)
{
	int local = tracee_dup_fd(t, fd);
	if (local < 0)
		return false;
	int domain = 0, proto = 0;
	socklen_t l1 = sizeof(domain), l2 = sizeof(proto);
	bool yes = getsockopt(local, SOL_SOCKET, SO_DOMAIN, &domain, &l1) == 0 && domain == AF_NETLINK &&
		   getsockopt(local, SOL_SOCKET, SO_PROTOCOL, &proto, &l2) == 0 && proto == NETLINK_ROUTE;
	close(local);
	return yes;
}

enum action handle_netlink_recvmsg(struct syscall_stop *s)
{
	if (netlink_recv_enter(s))
		return ACT_EXIT_STOP; /* a proxy: only the name to write */
	return is_route_netlink(s->t, (int)s->args[0]) ? ACT_EXIT_STOP : ACT_CONTINUE;
}

/* The buffers of msghdr addr in either ABI's layout: *count iovecs. */
static int read_iovs(struct syscall_stop *s, uint64_t msg, uint64_t *base, uint64_t *len, size_t *count)
{
	unsigned ws = s->abi->word_size;
	uint64_t iov = 0, iovlen = 0;
	/* msg_name, msg_namelen (padded to a word), msg_iov, msg_iovlen */
	if (mem_read(s->t->tid, msg + 2 * ws, &iov, ws) || mem_read(s->t->tid, msg + 3 * ws, &iovlen, ws))
		return -EFAULT;
	if (iovlen > MAX_IOV)
		return -EINVAL;
	for (size_t i = 0; i < iovlen; i++) {
		base[i] = len[i] = 0;
		if (mem_read(s->t->tid, iov + i * 2 * ws, &base[i], ws) ||
		    mem_read(s->t->tid, iov + i * 2 * ws + ws, &len[i], ws))
			return -EFAULT;
	}
	*count = (size_t)iovlen;
	return 0;
}

/* The retval bytes the kernel copied into count buffers (base, len) of
 * the tracee: rewritten for the jail (net_view_filter). */
static long filter_received(struct syscall_stop *s, const uint64_t *base, const uint64_t *len, size_t count)
{
	/* the kernel copied min(retval, buffers) bytes (more with MSG_TRUNC) */
	size_t want = (size_t)s->retval, got = 0;
	for (size_t i = 0; i < count; i++)
		got += len[i] < want - got ? (size_t)len[i] : want - got;
	unsigned char *buf = malloc(got ? got : 1);
	struct net_host_addr *hosts = malloc(MAX_HOST_ADDRS * sizeof(*hosts));
	long ret = s->retval;
	if (!buf || !hosts) {
		ret = -ENOMEM;
		goto out;
	}
	size_t at = 0;
	for (size_t i = 0; i < count && at < got; i++) {
		size_t l = len[i] < got - at ? (size_t)len[i] : got - at;
		if (l && mem_read(s->t->tid, base[i], buf + at, l)) {
			ret = -EFAULT;
			goto out;
		}
		at += l;
	}
	size_t n = host_addrs(hosts, MAX_HOST_ADDRS);
	net_view_filter(s->t->jail, hosts, n, buf, got);
	at = 0;
	for (size_t i = 0; i < count && at < got; i++) {
		size_t l = len[i] < got - at ? (size_t)len[i] : got - at;
		if (l && mem_write(s->t->tid, base[i], buf + at, l)) {
			ret = -EFAULT;
			goto out;
		}
		at += l;
	}
out:
	free(buf);
	free(hosts);
	return ret;
}

long handle_netlink_recvmsg_exit(struct syscall_stop *s)
{
	if (netlink_proxy_is(s->t, (int)s->args[0]))
		return netlink_recv_exit(s);
	if (s->retval <= 0)
		return s->retval;
	static uint64_t base[MAX_IOV], len[MAX_IOV];
	size_t count = 0;
	if (read_iovs(s, s->args[1], base, len, &count))
		return -EFAULT; /* fail closed: nothing of the host's shown */
	return filter_received(s, base, len, count);
}

/* recvfrom with a source address (Go's net.Interfaces, syscall.NetlinkRIB;
 * i386's socketcall recv and recvfrom, which always stop): a NETLINK_ROUTE
 * socket's bytes are rewritten at the exit stop like recvmsg's; in a jail
 * with its own root the source address is translated (handle_net.c). */
enum action handle_net_recvfrom(struct syscall_stop *s)
{
	if (netlink_recv_enter(s))
		return ACT_EXIT_STOP;
	if (is_route_netlink(s->t, (int)s->args[0]))
		return ACT_EXIT_STOP;
	return jail_has_root(s->t->jail) ? handle_net_name_out(s) : ACT_CONTINUE;
}

long handle_net_recvfrom_exit(struct syscall_stop *s)
{
	if (netlink_proxy_is(s->t, (int)s->args[0]))
		return netlink_recv_exit(s);
	long ret = s->retval;
	if (ret > 0 && is_route_netlink(s->t, (int)s->args[0])) {
		uint64_t base = s->args[1], len = s->args[2];
		ret = filter_received(s, &base, &len, 1);
	}
	if (ret >= 0 && jail_has_root(s->t->jail))
		return handle_net_name_out_exit(s); /* an AF_UNIX name only */
	return ret;
}

/* ---------------------------------------------------------------- ioctl */

static bool per_interface(uint32_t req)
{
	return req == SIOCGIFADDR || req == SIOCGIFNETMASK || req == SIOCGIFBRDADDR || req == SIOCGIFDSTADDR;
}

enum action handle_net_ioctl(struct syscall_stop *s)
{
	if ((uint32_t)s->args[1] == SIOCGIFCONF || per_interface((uint32_t)s->args[1]))
		return ACT_EXIT_STOP;
	return handle_ioctl_owner(s);
}

/* struct ifconf {int ifc_len; char *ifc_buf;} and struct ifreq {char
 * name[16]; struct sockaddr addr; ...} in the tracee's ABI: an ifreq is 40
 * bytes on 64-bit ABIs, 32 on i386; the address is at 16. */
/* SIOCGIFADDR, SIOCGIFNETMASK, SIOCGIFBRDADDR, SIOCGIFDSTADDR of an
 * interface: if a jail address is placed on one of its IPv4 addresses, the
 * jail's address (SIOCGIFADDR) or the host's netmask, broadcast, peer (of
 * the subnet the jail's address is in, as netlink dumps show them); else
 * EADDRNOTAVAIL with the address cleared, as for an interface without an
 * IPv4 address (FreeBSD: EADDRNOTAVAIL for an interface with no address of
 * the jail). */
static long ifaddr_exit(struct syscall_stop *s)
{
	unsigned char r[IF_NAMESIZE + sizeof(struct sockaddr_in)];
	if (mem_read(s->t->tid, s->args[2], r, sizeof(r)))
		return -EFAULT;
	char name[IF_NAMESIZE + 1];
	memcpy(name, r, IF_NAMESIZE);
	name[IF_NAMESIZE] = '\0';
	name[strcspn(name, ":")] = '\0';
	unsigned ifindex = if_nametoindex(name);
	struct net_host_addr *hosts = malloc(MAX_HOST_ADDRS * sizeof(*hosts));
	if (!hosts)
		return -ENOMEM;
	size_t n = host_addrs(hosts, MAX_HOST_ADDRS);
	const unsigned char *shown = NULL;
	for (size_t h = 0; h < n && !shown; h++)
		if (hosts[h].family == AF_INET && hosts[h].ifindex == ifindex)
			shown = net_view_shown(s->t->jail, hosts, n, AF_INET, ifindex, hosts[h].addr);
	struct sockaddr_in sin;
	memcpy(&sin, r + IF_NAMESIZE, sizeof(sin));
	long ret = s->retval;
	if (!shown) {
		memset(&sin.sin_addr, 0, sizeof(sin.sin_addr));
		ret = -EADDRNOTAVAIL;
	} else if ((uint32_t)s->args[1] == SIOCGIFADDR) {
		memcpy(&sin.sin_addr, shown, 4);
	}
	free(hosts);
	if (mem_write(s->t->tid, s->args[2] + IF_NAMESIZE, &sin, sizeof(sin)))
		return -EFAULT;
	return ret;
}

long handle_net_ioctl_exit(struct syscall_stop *s)
{
	if (s->retval == 0 && per_interface((uint32_t)s->args[1]))
		return ifaddr_exit(s);
	if (s->retval != 0 || (uint32_t)s->args[1] != SIOCGIFCONF)
		return s->retval;
	unsigned ws = s->abi->word_size;
	size_t req_size = ws == 4 ? 32 : 40;
	int32_t len = 0;
	uint64_t buf = 0;
	if (mem_read(s->t->tid, s->args[2], &len, sizeof(len)) || mem_read(s->t->tid, s->args[2] + ws, &buf, ws))
		return -EFAULT;
	if (!buf || len <= 0)
		return s->retval; /* a size query: an upper bound is fine */
	size_t count = (size_t)len / req_size;
	unsigned char *reqs = malloc(count * req_size + 1);
	struct net_host_addr *hosts = malloc(MAX_HOST_ADDRS * sizeof(*hosts));
	long ret = s->retval;
	if (!reqs || !hosts) {
		ret = -ENOMEM;
		goto out;
	}
	if (mem_read(s->t->tid, buf, reqs, count * req_size)) {
		ret = -EFAULT;
		goto out;
	}
	size_t n = host_addrs(hosts, MAX_HOST_ADDRS), kept = 0;
	for (size_t i = 0; i < count; i++) {
		unsigned char *r = reqs + i * req_size;
		struct sockaddr_in sin;
		memcpy(&sin, r + IF_NAMESIZE, sizeof(sin));
		char name[IF_NAMESIZE + 1];
		memcpy(name, r, IF_NAMESIZE);
		name[IF_NAMESIZE] = '\0';
		name[strcspn(name, ":")] = '\0';
		const unsigned char *shown = NULL;
		if (sin.sin_family == AF_INET)
			shown = net_view_shown(s->t->jail, hosts, n, AF_INET, if_nametoindex(name),
					       (const unsigned char *)&sin.sin_addr);
		if (!shown)
			continue;
		memcpy(&sin.sin_addr, shown, 4);
		memcpy(r + IF_NAMESIZE, &sin, sizeof(sin));
		memmove(reqs + kept * req_size, r, req_size);
		kept++;
	}
	/* the dropped entries' bytes are cleared, the length shortened */
	memset(reqs + kept * req_size, 0, (count - kept) * req_size);
	int32_t newlen = (int32_t)(kept * req_size);
	if (mem_write(s->t->tid, buf, reqs, count * req_size) ||
	    mem_write(s->t->tid, s->args[2], &newlen, sizeof(newlen)))
		ret = -EFAULT;
out:
	free(reqs);
	free(hosts);
	return ret;
}
