/* SPDX-License-Identifier: BSD-2-Clause */
#include "jail.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const allow_names[JAIL_ALLOW_COUNT] = {
#define X(name, def) #name,
	JAIL_ALLOW_LIST(X)
#undef X
};

static const bool allow_defaults[JAIL_ALLOW_COUNT] = {
#define X(name, def) def,
	JAIL_ALLOW_LIST(X)
#undef X
};

void jail_init(struct jail *j)
{
	memset(j, 0, sizeof(*j));
	strcpy(j->path, "/");
	memcpy(j->allow, allow_defaults, sizeof(j->allow));
}

int jail_allow_lookup(const char *name)
{
	for (int i = 0; i < JAIL_ALLOW_COUNT; i++)
		if (strcmp(allow_names[i], name) == 0)
			return i;
	return -1;
}

const char *jail_allow_name(enum jail_allow a)
{
	return (int)a >= 0 && a < JAIL_ALLOW_COUNT ? allow_names[a] : "?";
}

static int add_ip6(struct jail *j, const struct in6_addr *a, const char *text, char *err, size_t errlen)
{
	for (int i = 0; i < j->ip6_count; i++)
		if (memcmp(&j->ip6[i], a, sizeof(*a)) == 0) {
			snprintf(err, errlen, "ip6.addr: duplicate address %s", text);
			return -1;
		}
	if (IN6_IS_ADDR_UNSPECIFIED(a)) {
		snprintf(err, errlen, "ip6.addr: invalid address %s", text);
		return -1;
	}
	if (j->ip6_count == JAIL_MAX_ADDRS) {
		snprintf(err, errlen, "ip6.addr: too many addresses");
		return -1;
	}
	j->ip6[j->ip6_count++] = *a;
	return 0;
}

static int add_ip4(struct jail *j, const struct in_addr *a, const char *text, char *err, size_t errlen)
{
	for (int i = 0; i < j->ip4_count; i++)
		if (j->ip4[i].s_addr == a->s_addr) {
			snprintf(err, errlen, "ip4.addr: duplicate address %s", text);
			return -1;
		}
	if (a->s_addr == htonl(INADDR_ANY)) {
		snprintf(err, errlen, "ip4.addr: invalid address %s", text);
		return -1;
	}
	if (j->ip4_count == JAIL_MAX_ADDRS) {
		snprintf(err, errlen, "ip4.addr: too many addresses");
		return -1;
	}
	j->ip4[j->ip4_count++] = *a;
	return 0;
}

int jail_parse_addrs(struct jail *j, const char *list, char *err, size_t errlen)
{
	return jail_parse_addrs_af(j, AF_UNSPEC, list, err, errlen);
}

int jail_parse_addrs_af(struct jail *j, int af, const char *list, char *err, size_t errlen)
{
	/* the old syntax's one list takes either family; its errors are
	 * worded as FreeBSD's ip4.addr */
	const char *label = af == AF_INET6 ? "ip6.addr" : "ip4.addr";
	char v = af == AF_INET6 ? '6' : '4';
	char entry[INET6_ADDRSTRLEN + 8];
	const char *p = list;

	while (*p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == 0 || len >= sizeof(entry)) {
			snprintf(err, errlen, "%s: not an IPv%c address: %.*s", label, v, (int)(len < 64 ? len : 64), p);
			return -1;
		}
		memcpy(entry, p, len);
		entry[len] = '\0';
		struct in6_addr a6;
		struct in_addr a4;
		if (af != AF_INET && inet_pton(AF_INET6, entry, &a6) == 1) {
			if (add_ip6(j, &a6, entry, err, errlen))
				return -1;
		} else if (af != AF_INET6 && inet_pton(AF_INET, entry, &a4) == 1) {
			if (add_ip4(j, &a4, entry, err, errlen))
				return -1;
		} else {
			snprintf(err, errlen, "%s: not an IPv%c address: %s", label, v, entry);
			return -1;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

int jail_check_name(const char *name, int jid)
{
	const char *p = name;
	if (!*p)
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p)
		return 0; /* not numeric */
	if (name[0] == '0' || strtol(name, NULL, 10) != jid || p - name > 10)
		return -EINVAL;
	return 0;
}

int jail_set_hostname(struct jail *j, const char *name, size_t len)
{
	if (len > JAIL_HOSTNAME_MAX)
		return -EINVAL;
	memcpy(j->hostname, name, len);
	j->hostname[len] = '\0';
	return 0;
}

int jail_set_domainname(struct jail *j, const char *name, size_t len)
{
	if (len > JAIL_HOSTNAME_MAX)
		return -EINVAL;
	memcpy(j->domainname, name, len);
	j->domainname[len] = '\0';
	return 0;
}

int jail_priv_set_hostname(const struct jail *j, unsigned euid)
{
	if (euid != 0)
		return -EPERM;
	return j->allow[JAIL_ALLOW_set_hostname] ? 0 : -EPERM;
}

bool jail_has_root(const struct jail *j)
{
	return strcmp(j->path, "/") != 0;
}
