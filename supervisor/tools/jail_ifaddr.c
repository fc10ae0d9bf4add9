/* SPDX-License-Identifier: BSD-2-Clause */
#include "jail_ifaddr.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../policy/jail.h"

#define PLAN_MAX (JAIL_IFADDR_MAX + 2 * JAIL_MAX_ADDRS)

struct planned {
	unsigned ifindex;
	char ifname[JAIL_IFNAME_MAX];
	int family, prefix;
	struct in6_addr addr;
};

/* What jail_ifaddr_add added, for jail_ifaddr_remove. */
static struct planned added[PLAN_MAX];
static int nadded;

static const char *interface_param(const struct jail *j, char *buf, size_t size)
{
	const char *v = jail_extra_get(j, "interface", buf, size);
	return v && *v ? v : NULL;
}

bool jail_ifaddr_wanted(const struct jail *j)
{
	char buf[64];
	return j->ifaddr_count > 0 || interface_param(j, buf, sizeof(buf));
}

static bool listed(const struct jail *j, int family, const void *a)
{
	for (int i = 0; i < j->ifaddr_count; i++)
		if (j->ifaddr[i].family == family &&
		    memcmp(&j->ifaddr[i].addr, a, family == AF_INET ? 4 : 16) == 0)
			return true;
	return false;
}

static int plan_one(struct planned *p, const char *ifname, int family, int prefix, const void *a, char *err,
		    size_t errlen)
{
	char text[INET6_ADDRSTRLEN];
	inet_ntop(family, a, text, sizeof(text));
	if (!ifname) {
		snprintf(err, errlen, "%s.addr %s: no interface given (interface= or \"if|addr\")",
			 family == AF_INET ? "ip4" : "ip6", text);
		return -1;
	}
	memset(p, 0, sizeof(*p));
	snprintf(p->ifname, sizeof(p->ifname), "%s", ifname);
	p->ifindex = if_nametoindex(ifname);
	if (!p->ifindex) {
		snprintf(err, errlen, "interface %s: %s", ifname, strerror(errno == ENXIO ? ENODEV : errno));
		return -1;
	}
	p->family = family;
	p->prefix = prefix >= 0 ? prefix : family == AF_INET ? 32 : 128;
	memcpy(&p->addr, a, family == AF_INET ? 4 : 16);
	return 0;
}

/* Every address to add, with its interface: the "if|addr/mask" entries,
 * then, with interface=, the jail's other addresses (/32, /128). */
static int plan(const struct jail *j, struct planned *out, int *n, char *err, size_t errlen)
{
	char buf[64];
	const char *iface = interface_param(j, buf, sizeof(buf));
	if (iface && strlen(iface) >= JAIL_IFNAME_MAX) {
		snprintf(err, errlen, "interface %s: %s", iface, strerror(ENAMETOOLONG));
		return -1;
	}
	*n = 0;
	for (int i = 0; i < j->ifaddr_count; i++) {
		const struct jail_ifaddr *f = &j->ifaddr[i];
		if (plan_one(&out[(*n)++], f->ifname[0] ? f->ifname : iface, f->family, f->prefix, &f->addr, err,
			     errlen))
			return -1;
	}
	for (int i = 0; iface && i < j->ip4_count; i++)
		if (!listed(j, AF_INET, &j->ip4[i]) &&
		    plan_one(&out[(*n)++], iface, AF_INET, -1, &j->ip4[i], err, errlen))
			return -1;
	for (int i = 0; iface && i < j->ip6_count; i++)
		if (!listed(j, AF_INET6, &j->ip6[i]) &&
		    plan_one(&out[(*n)++], iface, AF_INET6, -1, &j->ip6[i], err, errlen))
			return -1;
	return 0;
}

int jail_ifaddr_check(const struct jail *j, char *err, size_t errlen)
{
	static struct planned p[PLAN_MAX];
	int n;
	if (!jail_ifaddr_wanted(j))
		return 0;
	if (geteuid() != 0) {
		snprintf(err, errlen, "interface: adding the jail's addresses to an interface needs root "
				      "(a normal user's jail uses addresses the host has)");
		return -1;
	}
	return plan(j, p, &n, err, errlen);
}

/* One RTM_NEWADDR (exclusive) or RTM_DELADDR: 0 or -errno. */
static int addr_request(int type, const struct planned *p)
{
	struct {
		struct nlmsghdr h;
		struct ifaddrmsg m;
		char attrs[2 * RTA_SPACE(16)];
	} req;
	memset(&req, 0, sizeof(req));
	int alen = p->family == AF_INET ? 4 : 16;
	req.h.nlmsg_type = (unsigned short)type;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | (type == RTM_NEWADDR ? NLM_F_CREATE | NLM_F_EXCL : 0);
	req.h.nlmsg_seq = 1;
	req.m.ifa_family = (unsigned char)p->family;
	req.m.ifa_prefixlen = (unsigned char)p->prefix;
	req.m.ifa_flags = p->family == AF_INET6 ? IFA_F_NODAD : 0; /* usable at once */
	req.m.ifa_index = p->ifindex;
	size_t len = NLMSG_LENGTH(sizeof(req.m));
	unsigned short kinds[] = {IFA_LOCAL, IFA_ADDRESS};
	for (int k = 0; k < 2; k++) {
		struct rtattr *rta = (struct rtattr *)((char *)&req + NLMSG_ALIGN(len));
		rta->rta_type = kinds[k];
		rta->rta_len = (unsigned short)RTA_LENGTH(alen);
		memcpy(RTA_DATA(rta), &p->addr, (size_t)alen);
		len = NLMSG_ALIGN(len) + RTA_SPACE(alen);
	}
	req.h.nlmsg_len = (unsigned)len;
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return -errno;
	struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
	int rc = 0;
	if (sendto(fd, &req, len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0) {
		rc = -errno;
	} else {
		char buf[1024];
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *h = (struct nlmsghdr *)buf;
		if (n < 0)
			rc = -errno;
		else if (n < (ssize_t)NLMSG_LENGTH(sizeof(struct nlmsgerr)) || h->nlmsg_type != NLMSG_ERROR)
			rc = -EPROTO;
		else
			rc = ((struct nlmsgerr *)NLMSG_DATA(h))->error;
	}
	close(fd);
	return rc;
}

int jail_ifaddr_add(const struct jail *j, char *err, size_t errlen)
{
	static struct planned p[PLAN_MAX];
	int n;
	if (!jail_ifaddr_wanted(j))
		return 0;
	if (jail_ifaddr_check(j, err, errlen) || plan(j, p, &n, err, errlen))
		return -1;
	for (int i = 0; i < n; i++) {
		int rc = addr_request(RTM_NEWADDR, &p[i]);
		if (rc == -EEXIST)
			continue; /* the interface had it: not ours to remove */
		if (rc) {
			char text[INET6_ADDRSTRLEN];
			inet_ntop(p[i].family, &p[i].addr, text, sizeof(text));
			snprintf(err, errlen, "interface %s: %s/%d: %s", p[i].ifname, text, p[i].prefix, strerror(-rc));
			jail_ifaddr_remove();
			return -1;
		}
		added[nadded++] = p[i];
	}
	return 0;
}

void jail_ifaddr_remove(void)
{
	while (nadded > 0)
		if (addr_request(RTM_DELADDR, &added[--nadded])) {
			/* gone already (the interface removed, or someone else) */
		}
}
