/* SPDX-License-Identifier: BSD-2-Clause */
#include "jail_ifaddr.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int jail_ifaddr_prefix(const char *m, int family)
{
	int max = family == AF_INET6 ? 128 : 32;
	char *end;
	if (*m >= '0' && *m <= '9' && !strchr(m, '.')) {
		long n = strtol(m, &end, 10);
		return *end || n < 0 || n > max ? -1 : (int)n;
	}
	struct in_addr a;
	if (family != AF_INET || inet_pton(AF_INET, m, &a) != 1)
		return -1;
	uint32_t v = ntohl(a.s_addr);
	int n = 0;
	while (n < 32 && (v & (0x80000000u >> n)))
		n++;
	/* a contiguous mask only */
	return n < 32 && (v << n) != 0 ? -1 : n;
}

int jail_ifaddr_split(const char *entry, int af, char *addr, size_t size, bool *has, struct jail_ifaddr *out,
		      char *err, size_t errlen)
{
	const char *label = af == AF_INET6 ? "ip6.addr" : "ip4.addr";
	const char *bar = strchr(entry, '|');
	const char *a = bar ? bar + 1 : entry;
	const char *slash = strchr(a, '/');
	size_t alen = slash ? (size_t)(slash - a) : strlen(a);
	*has = bar || slash;
	if (alen >= size) {
		snprintf(err, errlen, "%s: not an address: %s", label, entry);
		return -1;
	}
	memcpy(addr, a, alen);
	addr[alen] = '\0';
	if (!*has)
		return 0;
	memset(out, 0, sizeof(*out));
	if (bar) {
		size_t n = (size_t)(bar - entry);
		if (n == 0 || n >= JAIL_IFNAME_MAX || memchr(entry, '/', n)) {
			snprintf(err, errlen, "%s: invalid interface name: %.*s", label, (int)(n < 64 ? n : 64), entry);
			return -1;
		}
		memcpy(out->ifname, entry, n);
	}
	struct in_addr a4;
	if (af != AF_INET && inet_pton(AF_INET6, addr, &out->addr) == 1) {
		out->family = AF_INET6;
	} else if (af != AF_INET6 && inet_pton(AF_INET, addr, &a4) == 1) {
		out->family = AF_INET;
		memcpy(&out->addr, &a4, sizeof(a4));
	} else {
		out->family = af == AF_INET6 ? AF_INET6 : AF_INET;
		return 0; /* the caller says it is not an address */
	}
	out->prefix = -1;
	if (slash && (out->prefix = jail_ifaddr_prefix(slash + 1, out->family)) < 0) {
		snprintf(err, errlen, "%s: invalid netmask: %s", label, slash + 1);
		return -1;
	}
	return 0;
}
