/* SPDX-License-Identifier: BSD-2-Clause */
#include "jail_modify.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int refuse(char *err, size_t errlen, const char *what, const char *why)
{
	snprintf(err, errlen, "%s %s", what, why);
	return -1;
}

int jail_modify_check(const struct jail *from, const struct jail *to, bool running, char *err, size_t errlen)
{
	if (from->jid != to->jid || strcmp(from->name, to->name) != 0)
		return refuse(err, errlen, "name", "cannot be changed after creation");
	if (strcmp(from->path, to->path) != 0)
		return refuse(err, errlen, "path", "cannot be changed after creation");
	if (strcmp(from->osrelease, to->osrelease) != 0)
		return refuse(err, errlen, "osrelease", "cannot be changed after creation");
	if (from->osreldate != to->osreldate)
		return refuse(err, errlen, "osreldate", "cannot be changed after creation");
	/* the addresses on an interface are added at creation only */
	char fbuf[64], tbuf[64];
	const char *fi = jail_extra_get(from, "interface", fbuf, sizeof(fbuf));
	const char *ti = jail_extra_get(to, "interface", tbuf, sizeof(tbuf));
	if (from->ifaddr_count != to->ifaddr_count || strcmp(fi ? fi : "", ti ? ti : "") != 0)
		return refuse(err, errlen, "interface", "cannot be changed after creation");
	if (to->securelevel < from->securelevel && from->securelevel > 0) {
		snprintf(err, errlen, "jail_set: %s", strerror(EPERM)); /* FreeBSD: never lowered */
		return -1;
	}
	if (!running)
		return 0;
	const char *held = "cannot be changed while the jail has processes";
	for (int a = 0; a < JAIL_ALLOW_COUNT; a++) {
		if (a == JAIL_ALLOW_set_hostname || from->allow[a] == to->allow[a])
			continue;
		char name[64];
		snprintf(name, sizeof(name), "allow.%s", jail_allow_name((enum jail_allow)a));
		return refuse(err, errlen, name, held);
	}
	if (from->securelevel != to->securelevel)
		return refuse(err, errlen, "securelevel", held);
	if (from->enforce_statfs != to->enforce_statfs)
		return refuse(err, errlen, "enforce_statfs", held);
	if (jail_sysv(from, from->sysvmsg) != jail_sysv(to, to->sysvmsg) ||
	    jail_sysv(from, from->sysvsem) != jail_sysv(to, to->sysvsem) ||
	    jail_sysv(from, from->sysvshm) != jail_sysv(to, to->sysvshm))
		return refuse(err, errlen, "sysvipc", held);
	if (jail_ip_mode(from, AF_INET) != jail_ip_mode(to, AF_INET))
		return refuse(err, errlen, "ip4", held);
	if (jail_ip_mode(from, AF_INET6) != jail_ip_mode(to, AF_INET6))
		return refuse(err, errlen, "ip6", held);
	return 0;
}

void jail_modify_apply(struct jail *dst, const struct jail *src)
{
	memcpy(dst->hostname, src->hostname, sizeof(dst->hostname));
	memcpy(dst->domainname, src->domainname, sizeof(dst->domainname));
	memcpy(dst->ip4, src->ip4, sizeof(dst->ip4));
	dst->ip4_count = src->ip4_count;
	memcpy(dst->ip6, src->ip6, sizeof(dst->ip6));
	dst->ip6_count = src->ip6_count;
	dst->ip4_mode = src->ip4_mode;
	dst->ip6_mode = src->ip6_mode;
	dst->ip4_mode_set = src->ip4_mode_set;
	dst->ip6_mode_set = src->ip6_mode_set;
	memcpy(dst->allow, src->allow, sizeof(dst->allow));
	dst->persist = src->persist;
	dst->sysvmsg = src->sysvmsg;
	dst->sysvsem = src->sysvsem;
	dst->sysvshm = src->sysvshm;
	dst->securelevel = src->securelevel;
	dst->enforce_statfs = src->enforce_statfs;
	dst->children_max = src->children_max;
	dst->devfs_ruleset = src->devfs_ruleset;
	dst->devfs_ruleset_set = src->devfs_ruleset_set;
	memcpy(dst->hostuuid, src->hostuuid, sizeof(dst->hostuuid));
	dst->hostid = src->hostid;
	dst->hostuuid_set = src->hostuuid_set;
	dst->hostid_set = src->hostid_set;
	memcpy(dst->extra, src->extra, sizeof(dst->extra));
}
