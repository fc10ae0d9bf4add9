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
	j->securelevel = JAIL_SECURELEVEL_DEFAULT;
	j->enforce_statfs = 2;
	j->osreldate = 1400097; /* FreeBSD 14.0-RELEASE's __FreeBSD_version */
	j->sysvmsg = j->sysvsem = j->sysvshm = -1;
}

enum jail_sys jail_sysv(const struct jail *j, int param)
{
	if (param >= 0)
		return (enum jail_sys)param;
	return j->allow[JAIL_ALLOW_sysvipc] ? JAIL_SYS_INHERIT : JAIL_SYS_DISABLE;
}

enum jail_sys jail_ip_mode(const struct jail *j, int af)
{
	if (af == AF_INET)
		return j->ip4_mode_set ? j->ip4_mode : j->ip4_count ? JAIL_SYS_NEW : JAIL_SYS_DISABLE;
	return j->ip6_mode_set ? j->ip6_mode : j->ip6_count ? JAIL_SYS_NEW : JAIL_SYS_DISABLE;
}

bool jail_allowed(const struct jail *j, enum jail_allow a)
{
	if ((int)a < 0 || a >= JAIL_ALLOW_COUNT || !j->allow[a])
		return false;
	if (a == JAIL_ALLOW_chflags && j->securelevel >= 1)
		return false;
	if ((a == JAIL_ALLOW_settime || a == JAIL_ALLOW_adjtime) && j->securelevel >= 2)
		return false;
	return true;
}

/* The line "name=..." of extra, or NULL. */
static const char *extra_line(const struct jail *j, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = j->extra; *p;) {
		const char *nl = strchr(p, '\n');
		if (strncmp(p, name, n) == 0 && p[n] == '=')
			return p;
		if (!nl)
			break;
		p = nl + 1;
	}
	return NULL;
}

const char *jail_extra_get(const struct jail *j, const char *name, char *buf, size_t size)
{
	const char *line = extra_line(j, name);
	if (!line)
		return NULL;
	line += strlen(name) + 1;
	const char *nl = strchr(line, '\n');
	size_t len = nl ? (size_t)(nl - line) : strlen(line);
	snprintf(buf, size, "%.*s", (int)len, line);
	return buf;
}

int jail_extra_set(struct jail *j, const char *name, const char *value)
{
	const char *line = extra_line(j, name);
	if (line) { /* drop the old line */
		const char *nl = strchr(line, '\n');
		char *dst = j->extra + (line - j->extra);
		memmove(dst, nl + 1, strlen(nl + 1) + 1);
	}
	size_t used = strlen(j->extra), add = strlen(name) + strlen(value) + 2;
	if (strchr(value, '\n') || used + add >= sizeof(j->extra))
		return -1;
	snprintf(j->extra + used, sizeof(j->extra) - used, "%s=%s\n", name, value);
	return 0;
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
	char entry[INET6_ADDRSTRLEN + JAIL_IFNAME_MAX + 8], text[INET6_ADDRSTRLEN + 8];
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
		/* "if|addr/mask": added to the interface while the jail exists */
		bool has;
		struct jail_ifaddr ifa;
		if (jail_ifaddr_split(entry, af, text, sizeof(text), &has, &ifa, err, errlen))
			return -1;
		if (has && j->ifaddr_count == JAIL_IFADDR_MAX) {
			snprintf(err, errlen, "%s: too many interface addresses", label);
			return -1;
		}
		struct in6_addr a6;
		struct in_addr a4;
		if (af != AF_INET && inet_pton(AF_INET6, text, &a6) == 1) {
			if (add_ip6(j, &a6, text, err, errlen))
				return -1;
		} else if (af != AF_INET6 && inet_pton(AF_INET, text, &a4) == 1) {
			if (add_ip4(j, &a4, text, err, errlen))
				return -1;
		} else {
			snprintf(err, errlen, "%s: not an IPv%c address: %s", label, v, entry);
			return -1;
		}
		if (has)
			j->ifaddr[j->ifaddr_count++] = ifa;
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
