/* SPDX-License-Identifier: BSD-2-Clause */
#include "net.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/netlink.h>
#include <string.h>
#include <sys/socket.h>

#ifndef IPV6_FREEBIND
#define IPV6_FREEBIND 78
#endif
#ifndef IPV6_TRANSPARENT
#define IPV6_TRANSPARENT 75
#endif
#ifndef IP_UNICAST_IF
#define IP_UNICAST_IF 50
#endif
#ifndef IPV6_UNICAST_IF
#define IPV6_UNICAST_IF 76
#endif
#ifndef SO_BINDTOIFINDEX
#define SO_BINDTOIFINDEX 62
#endif
#ifndef IPV6_HDRINCL
#define IPV6_HDRINCL 36
#endif

bool net_owns_ip4(const struct jail *j, struct in_addr a)
{
	for (int i = 0; i < j->ip4_count; i++)
		if (j->ip4[i].s_addr == a.s_addr)
			return true;
	return false;
}

bool net_owns_ip6(const struct jail *j, const struct in6_addr *a)
{
	for (int i = 0; i < j->ip6_count; i++)
		if (memcmp(&j->ip6[i], a, sizeof(*a)) == 0)
			return true;
	return false;
}

/* INADDR_ANY, or 127.0.0.1 that the jail does not own: FreeBSD gives the
 * jail's primary address instead. */
static bool ip4_means_primary(const struct jail *j, struct in_addr a)
{
	return a.s_addr == htonl(INADDR_ANY) || (a.s_addr == htonl(INADDR_LOOPBACK) && !net_owns_ip4(j, a));
}

static bool ip6_means_primary(const struct jail *j, const struct in6_addr *a)
{
	return IN6_IS_ADDR_UNSPECIFIED(a) || (IN6_IS_ADDR_LOOPBACK(a) && !net_owns_ip6(j, a));
}

int net_local_ip4(const struct jail *j, struct in_addr *a)
{
	if (jail_ip_mode(j, AF_INET) == JAIL_SYS_INHERIT)
		return 0; /* ip4=inherit: the host's addresses */
	if (j->ip4_count == 0 || jail_ip_mode(j, AF_INET) == JAIL_SYS_DISABLE)
		return -EADDRNOTAVAIL;
	if (ip4_means_primary(j, *a)) {
		*a = j->ip4[0];
		return 0;
	}
	return net_owns_ip4(j, *a) ? 0 : -EADDRNOTAVAIL;
}

int net_remote_ip4(const struct jail *j, struct in_addr *a)
{
	if (!ip4_means_primary(j, *a) || jail_ip_mode(j, AF_INET) == JAIL_SYS_INHERIT)
		return 0;
	if (j->ip4_count == 0)
		return -ENETUNREACH;
	*a = j->ip4[0];
	return 0;
}

static void mapped_to_ip4(const struct in6_addr *a6, struct in_addr *a4)
{
	memcpy(&a4->s_addr, &a6->s6_addr[12], 4);
}

static void ip4_to_mapped(struct in_addr a4, struct in6_addr *a6)
{
	memset(a6, 0, sizeof(*a6));
	a6->s6_addr[10] = 0xff;
	a6->s6_addr[11] = 0xff;
	memcpy(&a6->s6_addr[12], &a4.s_addr, 4);
}

int net_local_ip6(const struct jail *j, struct in6_addr *a)
{
	if (IN6_IS_ADDR_V4MAPPED(a)) {
		struct in_addr a4;
		mapped_to_ip4(a, &a4);
		int err = net_local_ip4(j, &a4);
		if (!err)
			ip4_to_mapped(a4, a);
		return err;
	}
	if (jail_ip_mode(j, AF_INET6) == JAIL_SYS_INHERIT)
		return 0; /* ip6=inherit: the host's addresses */
	if (j->ip6_count == 0 || jail_ip_mode(j, AF_INET6) == JAIL_SYS_DISABLE)
		return -EADDRNOTAVAIL;
	if (ip6_means_primary(j, a)) {
		*a = j->ip6[0];
		return 0;
	}
	return net_owns_ip6(j, a) ? 0 : -EADDRNOTAVAIL;
}

int net_remote_ip6(const struct jail *j, struct in6_addr *a)
{
	if (IN6_IS_ADDR_V4MAPPED(a)) {
		struct in_addr a4;
		mapped_to_ip4(a, &a4);
		int err = net_remote_ip4(j, &a4);
		if (!err)
			ip4_to_mapped(a4, a);
		return err;
	}
	if (!ip6_means_primary(j, a) || jail_ip_mode(j, AF_INET6) == JAIL_SYS_INHERIT)
		return 0;
	if (j->ip6_count == 0)
		return -ENETUNREACH;
	*a = j->ip6[0];
	return 0;
}

int net_check_sockaddr(const struct jail *j, enum net_op op, void *sa, size_t len)
{
	sa_family_t family;
	if (len < sizeof(family))
		return 0; /* no address: the kernel decides (EINVAL or autobind) */
	memcpy(&family, sa, sizeof(family));
	enum net_dir { NET_LOCAL, NET_REMOTE } dir = op == NET_BIND ? NET_LOCAL : NET_REMOTE;
	if (family == AF_UNSPEC && op != NET_CONNECT && len >= sizeof(struct sockaddr_in)) {
		/* inet_bind takes AF_UNSPEC with INADDR_ANY as AF_INET; a UDP
		 * send takes an AF_UNSPEC destination as AF_INET. (A connect
		 * with AF_UNSPEC dissolves the association: no address.) */
		family = AF_INET;
		memcpy(sa, &family, sizeof(family));
	}
	if (family == AF_INET) {
		struct sockaddr_in sin;
		if (len < sizeof(sin))
			return -EINVAL;
		memcpy(&sin, sa, sizeof(sin));
		int err = dir == NET_LOCAL ? net_local_ip4(j, &sin.sin_addr) : net_remote_ip4(j, &sin.sin_addr);
		if (!err)
			memcpy(sa, &sin, sizeof(sin));
		return err;
	}
	if (family == AF_INET6) {
		struct sockaddr_in6 sin6;
		if (len < sizeof(sin6) - sizeof(sin6.sin6_scope_id)) /* SIN6_LEN_RFC2133 */
			return -EINVAL;
		memset(&sin6, 0, sizeof(sin6));
		memcpy(&sin6, sa, len < sizeof(sin6) ? len : sizeof(sin6));
		int err = dir == NET_LOCAL ? net_local_ip6(j, &sin6.sin6_addr) : net_remote_ip6(j, &sin6.sin6_addr);
		if (!err)
			memcpy((char *)sa + offsetof(struct sockaddr_in6, sin6_addr), &sin6.sin6_addr,
			       sizeof(sin6.sin6_addr));
		return err;
	}
	return 0;
}

int net_family_errno(const struct jail *j, int domain)
{
	switch (domain) {
	case AF_UNIX:
	case AF_NETLINK:
		return 0;
	case AF_INET:
	case AF_INET6: {
		enum jail_sys mode = jail_ip_mode(j, domain);
		int count = domain == AF_INET ? j->ip4_count : j->ip6_count;
		return mode == JAIL_SYS_INHERIT || (mode == JAIL_SYS_NEW && count) ? 0 : -EPROTONOSUPPORT;
	}
	case AF_PACKET:
		return j->allow[JAIL_ALLOW_raw_sockets] ? 0 : -EPERM;
	default:
		if (domain < 0 || domain >= NET_FAMILY_LIMIT)
			return 0; /* the kernel's EAFNOSUPPORT */
		return j->allow[JAIL_ALLOW_socket_af] ? 0 : -EPROTONOSUPPORT;
	}
}

int net_socket_check(const struct jail *j, int domain, int type, int protocol)
{
	int err = net_family_errno(j, domain);
	if (err)
		return err;
	if ((domain == AF_INET || domain == AF_INET6) && (type & NET_SOCK_TYPE_MASK) == SOCK_RAW &&
	    (!j->allow[JAIL_ALLOW_raw_sockets] || protocol == IPPROTO_RAW))
		return -EPERM; /* IPPROTO_RAW: the sender writes the IP header, source included */
	/* only the routing family (addresses, links, routes: getifaddrs);
	 * sock_diag, audit, uevents... show or change the whole host */
	if (domain == AF_NETLINK && protocol != NETLINK_ROUTE && !j->allow[JAIL_ALLOW_socket_af])
		return -EPROTONOSUPPORT;
	return 0;
}

const struct net_sockopt_deny net_sockopt_denies[] = {
	{SOL_IP, IP_TRANSPARENT, "accepts and sends for addresses not the jail's"},
	{SOL_IP, IP_FREEBIND, "binds addresses the host does not have"},
	{SOL_IPV6, IPV6_TRANSPARENT, "accepts and sends for addresses not the jail's"},
	{SOL_IPV6, IPV6_FREEBIND, "binds addresses the host does not have"},
	{SOL_SOCKET, SO_BINDTODEVICE, "picks the host's interface"},
	{SOL_SOCKET, SO_BINDTOIFINDEX, "picks the host's interface"},
	{SOL_IP, IP_UNICAST_IF, "picks the host's interface"},
	{SOL_IPV6, IPV6_UNICAST_IF, "picks the host's interface"},
	/* a raw socket (allow.raw_sockets) that writes its own IP header
	 * chooses any source address; the packets are not checked */
	{SOL_IP, IP_HDRINCL, "raw packets with a source address of the sender's choosing"},
	{SOL_IPV6, IPV6_HDRINCL, "raw packets with a source address of the sender's choosing"},
};
const unsigned net_sockopt_deny_count = sizeof(net_sockopt_denies) / sizeof(net_sockopt_denies[0]);

int net_setsockopt_check(const struct jail *j, int level, int optname)
{
	(void)j;
	for (unsigned i = 0; i < net_sockopt_deny_count; i++)
		if (net_sockopt_denies[i].level == level && net_sockopt_denies[i].optname == optname)
			return -EPERM;
	return 0;
}
