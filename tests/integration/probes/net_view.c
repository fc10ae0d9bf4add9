/* SPDX-License-Identifier: BSD-2-Clause */
/* getifaddrs(3) (netlink RTM_GETLINK/RTM_GETADDR dumps) and
 * ioctl(SIOCGIFCONF, SIOCGIFADDR, SIOCGIFNETMASK, SIOCGIFBRDADDR) show the jail's own address only, on the interface
 * whose subnet holds it (lo for 127.0.0.2), and every interface of the
 * host, as FreeBSD's jails do. */
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "probe.h"

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
	pass("getifaddrs, SIOCGIFCONF, SIOCGIFADDR, SIOCGIFNETMASK and SIOCGIFBRDADDR show only %s, on lo, and %d interfaces", PROBE_ADDR, links);
}
