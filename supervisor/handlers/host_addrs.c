/* SPDX-License-Identifier: BSD-2-Clause */
#include "host_addrs.h"

#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

static unsigned prefix_of(const struct sockaddr *mask, int family)
{
	const unsigned char *b = family == AF_INET ? (const unsigned char *)&((const struct sockaddr_in *)(const void *)mask)->sin_addr
						   : ((const struct sockaddr_in6 *)(const void *)mask)->sin6_addr.s6_addr;
	unsigned n = 0;
	for (size_t i = 0; i < (family == AF_INET ? 4u : 16u); i++)
		n += (unsigned)__builtin_popcount(b[i]);
	return n;
}

/* The host's addresses, as the supervisor sees them. */
size_t host_addrs(struct net_host_addr *out, size_t max)
{
	struct ifaddrs *all;
	if (getifaddrs(&all))
		return 0;
	size_t n = 0;
	for (struct ifaddrs *i = all; i && n < max; i = i->ifa_next) {
		if (!i->ifa_addr || (i->ifa_addr->sa_family != AF_INET && i->ifa_addr->sa_family != AF_INET6))
			continue;
		char name[IF_NAMESIZE + 1];
		strncpy(name, i->ifa_name, IF_NAMESIZE);
		name[IF_NAMESIZE] = '\0';
		name[strcspn(name, ":")] = '\0'; /* an IPv4 label: its interface */
		struct net_host_addr *h = &out[n];
		h->family = i->ifa_addr->sa_family;
		h->ifindex = if_nametoindex(name);
		h->prefixlen = i->ifa_netmask ? prefix_of(i->ifa_netmask, h->family) : 0;
		if (h->family == AF_INET)
			memcpy(h->addr, &((struct sockaddr_in *)(void *)i->ifa_addr)->sin_addr, 4);
		else
			memcpy(h->addr, ((struct sockaddr_in6 *)(void *)i->ifa_addr)->sin6_addr.s6_addr, 16);
		n++;
	}
	freeifaddrs(all);
	return n;
}

