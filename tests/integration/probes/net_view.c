/* SPDX-License-Identifier: BSD-2-Clause */
/* getifaddrs(3) (netlink RTM_GETLINK/RTM_GETADDR dumps) and
 * ioctl(SIOCGIFCONF, SIOCGIFADDR, SIOCGIFNETMASK, SIOCGIFBRDADDR), and a
 * netlink dump read with recvfrom (Go's way), recv() or read() show the
 * jail's own address only, on the interface whose subnet holds it (lo for
 * 127.0.0.2), and every interface of the host, as FreeBSD's jails do;
 * route dumps list none of the host's routes. The route socket behaves as
 * netlink's: getsockopt says AF_NETLINK, NETLINK_ROUTE, SOCK_RAW; its
 * name (getsockname) is AF_NETLINK with the port id its
 * replies carry, a receive reports the kernel (port 0) as the source, a
 * change request is answered EPERM, and socket() leaves one descriptor. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <stdbool.h>
#include <sys/uio.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "probe.h"

/* A netlink route dump of type (RTM_GETADDR, RTM_GETROUTE), read with
 * recvfrom and a source address as Go's net.Interfaces does, or with
 * recvmsg as glibc and iproute2 do: the addresses it lists (IFA_LOCAL or
 * an IPv6 IFA_ADDRESS; a route's RTA_DST), at most max. */
enum reader { BY_RECVMSG, BY_RECVFROM, BY_RECV, BY_READ };
static const char *const reader_name[] = {"recvmsg", "recvfrom", "recv", "read"};

static int open_descriptors(void)
{
	int n = 0;
	for (int fd = 0; fd < 1024; fd++)
		if (fcntl(fd, F_GETFD) >= 0)
			n++;
	return n;
}

static int dump(int type, enum reader how, char out[][INET6_ADDRSTRLEN], int max)
{
	int before = open_descriptors();
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		fail("socket(AF_NETLINK): %s", strerror(errno));
	if (open_descriptors() != before + 1)
		fail("socket(AF_NETLINK) left %d descriptors", open_descriptors() - before);
	struct sockaddr_nl me;
	socklen_t ml = sizeof(me);
	memset(&me, 0xff, sizeof(me));
	static const int opts[3] = {SO_DOMAIN, SO_PROTOCOL, SO_TYPE}, want[3] = {AF_NETLINK, NETLINK_ROUTE, SOCK_RAW};
	for (int i = 0; i < 3; i++) {
		int v = -1;
		socklen_t vl = sizeof(v);
		if (getsockopt(fd, SOL_SOCKET, opts[i], &v, &vl) < 0 || v != want[i] || vl != sizeof(v))
			fail("getsockopt(SOL_SOCKET, %d) of a route socket: %d, not %d", opts[i], v, want[i]);
	}
	struct sockaddr_nl any = {.nl_family = AF_NETLINK};
	if (bind(fd, (struct sockaddr *)&any, sizeof(any)) < 0)
		fail("bind(netlink): %s", strerror(errno));
	if (getsockname(fd, (struct sockaddr *)&me, &ml) < 0 || ml != sizeof(me) || me.nl_family != AF_NETLINK ||
	    me.nl_pid == 0)
		fail("getsockname(netlink): family %d, port %u, length %u", me.nl_family, me.nl_pid, ml);
	struct {
		struct nlmsghdr h;
		struct rtmsg r;
	} req = {.h = {.nlmsg_len = sizeof(req), .nlmsg_type = (unsigned short)type,
		       .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 1},
		 .r = {.rtm_family = AF_UNSPEC}};
	struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
	if (sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		fail("sendto(netlink): %s", strerror(errno));
	static char buf[65536];
	int n = 0;
	for (;;) {
		struct sockaddr_nl from;
		socklen_t fl = sizeof(from);
		struct iovec iov = {buf, sizeof(buf)};
		struct msghdr msg = {.msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = &iov, .msg_iovlen = 1};
		memset(&from, 0xff, sizeof(from));
		ssize_t got = how == BY_RECVFROM ? recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl)
			      : how == BY_RECVMSG ? recvmsg(fd, &msg, 0)
			      : how == BY_RECV	  ? recv(fd, buf, sizeof(buf), 0)
						  : read(fd, buf, sizeof(buf));
		if (got < 0)
			fail("reading a netlink dump: %s", strerror(errno));
		socklen_t named = how == BY_RECVMSG ? msg.msg_namelen : fl;
		if ((how == BY_RECVFROM || how == BY_RECVMSG) &&
		    (named != sizeof(from) || from.nl_family != AF_NETLINK || from.nl_pid != 0))
			fail("%s reports the source family %d, port %u, length %u", reader_name[how], from.nl_family,
			     from.nl_pid, named);
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)got); h = NLMSG_NEXT(h, got)) {
			/* every message is addressed to the socket, hidden ones
			 * taken out (Go's NetlinkRIB fails on any other) */
			if (h->nlmsg_type == NLMSG_NOOP || h->nlmsg_pid != me.nl_pid || h->nlmsg_seq != 1)
				fail("%s: a message of type %d for port %u, seq %u (the socket's port is %u)",
				     reader_name[how], h->nlmsg_type, h->nlmsg_pid, h->nlmsg_seq, me.nl_pid);
			if (h->nlmsg_type == NLMSG_DONE) {
				close(fd);
				return n;
			}
			if (h->nlmsg_type == NLMSG_ERROR)
				fail("netlink dump: error");
			if (h->nlmsg_type == RTM_NEWADDR) {
				struct ifaddrmsg *ifa = NLMSG_DATA(h);
				int len = (int)IFA_PAYLOAD(h);
				for (struct rtattr *a = IFA_RTA(ifa); RTA_OK(a, len); a = RTA_NEXT(a, len))
					if ((a->rta_type == IFA_LOCAL ||
					     (a->rta_type == IFA_ADDRESS && ifa->ifa_family == AF_INET6)) &&
					    n < max)
						inet_ntop(ifa->ifa_family, RTA_DATA(a), out[n++], INET6_ADDRSTRLEN);
			} else if (h->nlmsg_type == RTM_NEWROUTE) {
				struct rtmsg *r = NLMSG_DATA(h);
				int len = (int)RTM_PAYLOAD(h);
				snprintf(out[n], INET6_ADDRSTRLEN, "default");
				for (struct rtattr *a = RTM_RTA(r); RTA_OK(a, len); a = RTA_NEXT(a, len))
					if (a->rta_type == RTA_DST)
						inet_ntop(r->rtm_family, RTA_DATA(a), out[n], INET6_ADDRSTRLEN);
				if (n < max - 1)
					n++;
			}
		}
	}
}

int main(void)
{
	struct ifaddrs *all;
	if (getifaddrs(&all) < 0)
		fail("getifaddrs: %s", strerror(errno));
	int mine = 0, links = 0;
	for (struct ifaddrs *i = all; i; i = i->ifa_next) {
		if (!i->ifa_addr)
			continue;
		int family = i->ifa_addr->sa_family;
		if (family == AF_PACKET)
			links++;
		if (family != AF_INET && family != AF_INET6)
			continue;
		char text[INET6_ADDRSTRLEN] = "?";
		const void *a = family == AF_INET ? (const void *)&((struct sockaddr_in *)(void *)i->ifa_addr)->sin_addr
						  : (const void *)&((struct sockaddr_in6 *)(void *)i->ifa_addr)->sin6_addr;
		inet_ntop(family, a, text, sizeof(text));
		if (strcmp(text, PROBE_ADDR) != 0)
			fail("getifaddrs shows %s on %s, not an address of the jail", text, i->ifa_name);
		if (strcmp(i->ifa_name, "lo") != 0)
			fail("the jail's %s shows on %s, not on lo", text, i->ifa_name);
		mine++;
	}
	freeifaddrs(all);
	if (mine != 1)
		fail("getifaddrs shows the jail's address %d times", mine);
	if (links < 1 || if_nametoindex("lo") == 0)
		fail("the interfaces are not listed (%d links)", links);
	/* the older interface: one ifreq per IPv4 address */
	int sock = socket(AF_INET, SOCK_DGRAM, 0);
	if (sock < 0)
		fail("socket: %s", strerror(errno));
	struct ifreq reqs[64];
	struct ifconf conf = {.ifc_len = sizeof(reqs), .ifc_req = reqs};
	if (ioctl(sock, SIOCGIFCONF, &conf) < 0)
		fail("SIOCGIFCONF: %s", strerror(errno));
	int count = conf.ifc_len / (int)sizeof(struct ifreq);
	for (int i = 0; i < count; i++) {
		const char *text = inet_ntoa(((struct sockaddr_in *)(void *)&reqs[i].ifr_addr)->sin_addr);
		if (strcmp(text, PROBE_ADDR) != 0 || strcmp(reqs[i].ifr_name, "lo") != 0)
			fail("SIOCGIFCONF shows %s on %s", text, reqs[i].ifr_name);
	}
	if (count != 1)
		fail("SIOCGIFCONF lists %d addresses", count);
	/* an interface's address: lo's is the jail's, the others have none */
	struct if_nameindex *names = if_nameindex();
	for (struct if_nameindex *i = names; i && i->if_index; i++) {
		struct ifreq r;
		memset(&r, 0, sizeof(r));
		snprintf(r.ifr_name, sizeof(r.ifr_name), "%s", i->if_name);
		int rc = ioctl(sock, SIOCGIFADDR, &r);
		const char *text = inet_ntoa(((struct sockaddr_in *)(void *)&r.ifr_addr)->sin_addr);
		if (strcmp(i->if_name, "lo") == 0 && (rc < 0 || strcmp(text, PROBE_ADDR) != 0))
			fail("SIOCGIFADDR of lo: %s", rc < 0 ? strerror(errno) : text);
		if (strcmp(i->if_name, "lo") != 0 && (rc == 0 || errno != EADDRNOTAVAIL))
			fail("SIOCGIFADDR of %s: %s", i->if_name, rc == 0 ? text : strerror(errno));
		/* its netmask and broadcast: lo's subnet (the host's /8, as
		 * netlink shows it), none where the jail has no address */
		static const unsigned long more[] = {SIOCGIFNETMASK, SIOCGIFBRDADDR};
		for (int k = 0; k < 2; k++) {
			memset(&r.ifr_addr, 0, sizeof(r.ifr_addr));
			rc = ioctl(sock, more[k], &r);
			text = inet_ntoa(((struct sockaddr_in *)(void *)&r.ifr_addr)->sin_addr);
			const char *what = k ? "SIOCGIFBRDADDR" : "SIOCGIFNETMASK";
			if (strcmp(i->if_name, "lo") == 0 && k == 0 && (rc < 0 || strcmp(text, "255.0.0.0") != 0))
				fail("%s of lo: %s", what, rc < 0 ? strerror(errno) : text);
			if (strcmp(i->if_name, "lo") != 0 && (rc == 0 || errno != EADDRNOTAVAIL))
				fail("%s of %s: %s", what, i->if_name, rc == 0 ? text : strerror(errno));
		}
	}
	if (names)
		if_freenameindex(names);
	close(sock);
	/* the dump read every way: the same view */
	static char addrs[256][INET6_ADDRSTRLEN];
	for (enum reader how = BY_RECVMSG; how <= BY_READ; how++) {
		int seen = dump(RTM_GETADDR, how, addrs, 256);
		for (int i = 0; i < seen; i++)
			if (strcmp(addrs[i], PROBE_ADDR) != 0)
				fail("a netlink dump read with %s shows %s", reader_name[how], addrs[i]);
		if (seen != 1)
			fail("a netlink dump read with %s shows the jail's address %d times", reader_name[how], seen);
		/* routes (`ip route`): only host routes to the jail's address,
		 * so none of the host's (its local table always has 127.0.0.1) */
		seen = dump(RTM_GETROUTE, how, addrs, 256);
		for (int i = 0; i < seen; i++)
			if (strcmp(addrs[i], PROBE_ADDR) != 0)
				fail("a route dump (%s) shows a route to %s", reader_name[how], addrs[i]);
	}
	/* a change is refused as to a process without CAP_NET_ADMIN (it
	 * would be harmless anyway: lo's own address again, in a request the
	 * kernel would reject as a duplicate) */
	int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	struct {
		struct nlmsghdr h;
		struct ifaddrmsg a;
		struct rtattr r;
		struct in_addr ip;
	} add = {.h = {.nlmsg_len = sizeof(add), .nlmsg_type = RTM_NEWADDR,
		       .nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL, .nlmsg_seq = 7},
		 .a = {.ifa_family = AF_INET, .ifa_prefixlen = 8, .ifa_index = if_nametoindex("lo")},
		 .r = {.rta_len = RTA_LENGTH(4), .rta_type = IFA_LOCAL}};
	inet_pton(AF_INET, "127.0.0.1", &add.ip);
	if (fd < 0 || send(fd, &add, sizeof(add), 0) != (ssize_t)sizeof(add))
		fail("a route socket: %s", strerror(errno));
	struct {
		struct nlmsghdr h;
		struct nlmsgerr e;
	} ack;
	if (recv(fd, &ack, sizeof(ack), 0) < (ssize_t)sizeof(ack) || ack.h.nlmsg_type != NLMSG_ERROR ||
	    ack.e.error != -EPERM || ack.h.nlmsg_seq != 7)
		fail("RTM_NEWADDR: type %d, error %d, not EPERM", ack.h.nlmsg_type, ack.e.error);
	close(fd);
	pass("getifaddrs, SIOCGIFCONF, SIOCGIFADDR, SIOCGIFNETMASK, SIOCGIFBRDADDR and netlink dumps read with recvmsg, recvfrom, recv and read show only %s, on lo, and %d interfaces", PROBE_ADDR, links);
}
