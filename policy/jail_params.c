/* SPDX-License-Identifier: BSD-2-Clause */
/* FreeBSD 14's jail parameters beyond the core ones (jail_params.h). */
#include "jail_params.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NO_NET "the jail shares the host's network stack"
#define NO_LINUX_ABI "jailed programs are Linux programs already (no Linux ABI layer)"

const struct jail_param_def jail_params[] = {
	/* with an effect here */
	{"securelevel", JP_INT, JPK_FIELD, true, NULL, NULL},
	{"enforce_statfs", JP_INT, JPK_FIELD, true, NULL, NULL},
	{"children.max", JP_INT, JPK_FIELD, true, NULL, NULL},
	{"devfs_ruleset", JP_INT, JPK_FIELD, true, NULL, NULL},
	{"osrelease", JP_STRING, JPK_FIELD, true, NULL, NULL},
	{"osreldate", JP_INT, JPK_FIELD, true, NULL, NULL},
	{"host.hostuuid", JP_STRING, JPK_FIELD, true, NULL, NULL},
	{"host.hostid", JP_INT, JPK_FIELD, true, NULL, NULL},
	{"sysvmsg", JP_JAILSYS, JPK_FIELD, true, NULL, NULL},
	{"sysvsem", JP_JAILSYS, JPK_FIELD, true, NULL, NULL},
	{"sysvshm", JP_JAILSYS, JPK_FIELD, true, NULL, NULL},
	{"ip4", JP_JAILSYS, JPK_FIELD, true, NULL, NULL},
	{"ip6", JP_JAILSYS, JPK_FIELD, true, NULL, NULL},
	/* kept and shown */
	{"host", JP_JAILSYS, JPK_EXTRA, true, "new", NULL},
	{"vnet", JP_JAILSYS, JPK_EXTRA, true, "inherit", NULL},
	{"ip4.saddrsel", JP_BOOL, JPK_EXTRA, true, "true", NULL},
	{"ip6.saddrsel", JP_BOOL, JPK_EXTRA, true, "true", NULL},
	{"allow.mount.devfs", JP_BOOL, JPK_EXTRA, true, "false", NULL},
	{"allow.mount.fdescfs", JP_BOOL, JPK_EXTRA, true, "false", NULL},
	{"allow.mount.fusefs", JP_BOOL, JPK_EXTRA, true, "false", NULL},
	{"allow.mount.nullfs", JP_BOOL, JPK_EXTRA, true, "false", NULL},
	{"allow.mount.procfs", JP_BOOL, JPK_EXTRA, true, "false", NULL},
	{"allow.mount.linprocfs", JP_BOOL, JPK_EXTRA, true, "false", NULL},
	{"allow.mount.linsysfs", JP_BOOL, JPK_EXTRA, true, "false", NULL},
	{"allow.mount.tmpfs", JP_BOOL, JPK_EXTRA, true, "false", NULL},
	{"allow.mount.zfs", JP_BOOL, JPK_EXTRA, true, "false", NULL},
	{"allow.nfsd", JP_BOOL, JPK_EXTRA, true, "false", NULL},
	{"allow.vmm", JP_BOOL, JPK_EXTRA, true, "false", NULL},
	{"allow.routing", JP_BOOL, JPK_EXTRA, true, "false", NULL},
	{"allow.unprivileged_parent_tampering", JP_BOOL, JPK_EXTRA, true, "false", NULL},
	{"allow.setaudit", JP_BOOL, JPK_EXTRA, true, "false", NULL},
	{"meta", JP_STRING, JPK_EXTRA, true, "", NULL},
	{"env", JP_STRING, JPK_EXTRA, true, "", NULL},
	{"mount.devfs", JP_BOOL, JPK_EXTRA, false, "false", NULL},
	{"mount.fdescfs", JP_BOOL, JPK_EXTRA, false, "false", NULL},
	{"mount.procfs", JP_BOOL, JPK_EXTRA, false, "false", NULL},
	{"ip_hostname", JP_BOOL, JPK_EXTRA, false, "false", NULL},
	{"interface", JP_STRING, JPK_EXTRA, false, "", NULL}, /* tools/jail_ifaddr.c */
	/* reported only */
	{"children.cur", JP_INT, JPK_READONLY, true, NULL, NULL},
	{"cpuset.id", JP_INT, JPK_READONLY, true, NULL, NULL},
	{"dying", JP_BOOL, JPK_READONLY, true, NULL, NULL},
	{"parent", JP_INT, JPK_READONLY, true, NULL, NULL},
	/* no Linux meaning */
	{"vnet.interface", JP_STRING, JPK_NONE, false, NULL, NO_NET " (no virtual network stack to move it into)"},
	{"exec.fib", JP_INT, JPK_NONE, false, NULL, NO_NET " (Linux has no FIBs; policy routing is the host's)"},
	{"linux", JP_JAILSYS, JPK_NONE, true, NULL, NO_LINUX_ABI},
	{"linux.osname", JP_STRING, JPK_NONE, true, NULL, NO_LINUX_ABI},
	{"linux.osrelease", JP_STRING, JPK_NONE, true, NULL, NO_LINUX_ABI "; osrelease sets uname -r"},
	{"linux.oss_version", JP_INT, JPK_NONE, true, NULL, NO_LINUX_ABI},
	{"zfs.mount_snapshot", JP_INT, JPK_NONE, true, NULL, "no ZFS datasets are delegated to jails here"},
	{"mac.label", JP_STRING, JPK_NONE, false, NULL, "Linux has no MAC framework labels for jails"},
};
const unsigned jail_param_count = sizeof(jail_params) / sizeof(jail_params[0]);

const struct jail_param_def *jail_param_find(const char *name, bool *negate)
{
	*negate = false;
	for (unsigned i = 0; i < jail_param_count; i++)
		if (strcmp(jail_params[i].name, name) == 0)
			return &jail_params[i];
	/* "nox" / "a.nox" for boolean x */
	const char *dot = strrchr(name, '.');
	size_t prefix = dot ? (size_t)(dot - name) + 1 : 0;
	if (strncmp(name + prefix, "no", 2) != 0)
		return NULL;
	char base[128];
	snprintf(base, sizeof(base), "%.*s%s", (int)prefix, name, name + prefix + 2);
	for (unsigned i = 0; i < jail_param_count; i++)
		if (jail_params[i].type == JP_BOOL && strcmp(jail_params[i].name, base) == 0) {
			*negate = true;
			return &jail_params[i];
		}
	return NULL;
}

static const char *const sys_names[] = {"disable", "new", "inherit"};

const char *jail_sys_name(enum jail_sys v)
{
	return (unsigned)v < 3 ? sys_names[v] : "?";
}

int jail_sys_parse(const char *value, enum jail_sys *out)
{
	for (int i = 0; i < 3; i++)
		if (strcasecmp(value, sys_names[i]) == 0 || (value[0] == '0' + i && !value[1])) {
			*out = (enum jail_sys)i;
			return 0;
		}
	return -1;
}

static int parse_long(const struct jail_param_def *p, const char *value, long *out, char *err, size_t errlen)
{
	char *end;
	errno = 0;
	long n = strtol(value, &end, 0);
	if (!*value || *end || errno) {
		snprintf(err, errlen, "%s: non-integer value \"%s\"", p->name, value);
		return -1;
	}
	*out = n;
	return 0;
}

static int parse_boolean(const struct jail_param_def *p, const char *value, bool negate, bool *out, char *err,
			 size_t errlen)
{
	bool v = true;
	if (value) {
		char *end;
		if (strcasecmp(value, "true") == 0)
			v = true;
		else if (strcasecmp(value, "false") == 0)
			v = false;
		else if ((v = strtol(value, &end, 10) != 0, !*value || *end)) {
			snprintf(err, errlen, "%s: unknown boolean value \"%s\"", p->name, value);
			return -1;
		}
	}
	*out = negate ? !v : v;
	return 0;
}

/* The kernel's EINVAL, as jail(8) reports it. */
static int invalid(char *err, size_t errlen)
{
	snprintf(err, errlen, "jail_set: %s", strerror(EINVAL));
	return -1;
}

static int set_field(struct jail *j, const struct jail_param_def *p, const char *value, char *err, size_t errlen)
{
	const char *n = p->name;
	long v = 0;
	enum jail_sys sys = JAIL_SYS_DISABLE;
	if (!value) {
		snprintf(err, errlen, "%s: missing value", n);
		return -1;
	}
	if (p->type == JP_INT && parse_long(p, value, &v, err, errlen))
		return -1;
	if (p->type == JP_JAILSYS && jail_sys_parse(value, &sys)) {
		snprintf(err, errlen, "%s: unknown jailsys value \"%s\"", n, value);
		return -1;
	}
	if (strcmp(n, "securelevel") == 0) {
		if (v < -1 || v > 3)
			return invalid(err, errlen);
		j->securelevel = (int)v;
	} else if (strcmp(n, "enforce_statfs") == 0) {
		if (v < 0 || v > 2)
			return invalid(err, errlen);
		j->enforce_statfs = (int)v;
	} else if (strcmp(n, "children.max") == 0) {
		if (v < 0 || v > 999999)
			return invalid(err, errlen);
		j->children_max = (int)v;
	} else if (strcmp(n, "devfs_ruleset") == 0) {
		if (v < 0 || v > 65535)
			return invalid(err, errlen);
		j->devfs_ruleset = (int)v;
		j->devfs_ruleset_set = true;
	} else if (strcmp(n, "osreldate") == 0) {
		if (v <= 0 || v > 2147483647L)
			return invalid(err, errlen);
		j->osreldate = (int)v;
	} else if (strcmp(n, "host.hostid") == 0) {
		if (v < 0)
			return invalid(err, errlen);
		j->hostid = (unsigned long)v;
		j->hostid_set = true;
	} else if (strcmp(n, "osrelease") == 0 || strcmp(n, "host.hostuuid") == 0) {
		char *dst = n[0] == 'o' ? j->osrelease : j->hostuuid;
		size_t max = n[0] == 'o' ? 32 : 64; /* OSRELEASELEN, HOSTUUIDLEN */
		if (strlen(value) >= max) {
			snprintf(err, errlen, "%s: %s", n, strerror(ENAMETOOLONG));
			return -1;
		}
		strcpy(dst, value);
		if (n[0] == 'h')
			j->hostuuid_set = true;
	} else if (strncmp(n, "sysv", 4) == 0) {
		if (sys == JAIL_SYS_NEW) {
			snprintf(err, errlen, "%s: new: not supported: a private SysV key space is not available "
					      "(use inherit or disable)", n);
			return -1;
		}
		int *dst = n[4] == 'm' ? &j->sysvmsg : n[5] == 'e' ? &j->sysvsem : &j->sysvshm;
		*dst = (int)sys;
	} else if (strcmp(n, "ip4") == 0) {
		j->ip4_mode = sys;
		j->ip4_mode_set = true;
	} else if (strcmp(n, "ip6") == 0) {
		j->ip6_mode = sys;
		j->ip6_mode_set = true;
	}
	return 0;
}

int jail_param_set(struct jail *j, const char *name, const char *value, char *err, size_t errlen)
{
	bool negate;
	const struct jail_param_def *p = jail_param_find(name, &negate);
	if (!p)
		return 0;
	if (p->kind == JPK_READONLY) {
		snprintf(err, errlen, "%s: read-only parameter", p->name);
		return -1;
	}
	if (p->kind == JPK_NONE) {
		snprintf(err, errlen, "%s: not supported on Linux: %s", p->name, p->why);
		return -1;
	}
	if (p->kind == JPK_FIELD)
		return set_field(j, p, value, err, errlen) ? -1 : 1;
	/* JPK_EXTRA: checked by type, kept as jls prints it */
	const char *text = value;
	if (p->type == JP_BOOL) {
		bool b;
		if (parse_boolean(p, value, negate, &b, err, errlen))
			return -1;
		if (b && strncmp(p->name, "allow.mount.", 12) == 0 && strcmp(p->name, "allow.mount.tmpfs") != 0 &&
		    strcmp(p->name, "allow.mount.nullfs") != 0) {
			snprintf(err, errlen, "%s: not supported on Linux: " JAIL_NO_MOUNT_WHY, p->name);
			return -1;
		}
		text = b ? "true" : "false";
	} else if (!value) {
		snprintf(err, errlen, "%s: missing value", p->name);
		return -1;
	} else if (p->type == JP_JAILSYS) {
		enum jail_sys sys;
		if (jail_sys_parse(value, &sys)) {
			snprintf(err, errlen, "%s: unknown jailsys value \"%s\"", p->name, value);
			return -1;
		}
		if (strcmp(p->name, "vnet") == 0 && sys == JAIL_SYS_NEW) {
			snprintf(err, errlen, "vnet: new: not supported on Linux: " NO_NET
					      " (no virtual network stack)");
			return -1;
		}
		text = jail_sys_name(sys);
	}
	if (jail_extra_set(j, p->name, text)) {
		snprintf(err, errlen, "%s: %s", p->name, strerror(ENAMETOOLONG));
		return -1;
	}
	return 1;
}

const char *jail_param_get(const struct jail *j, const struct jail_param_def *p, char *buf, size_t size)
{
	const char *n = p->name;
	if (p->kind == JPK_EXTRA) {
		if (!jail_extra_get(j, n, buf, size))
			snprintf(buf, size, "%s", p->def);
		return buf;
	}
	if (strcmp(n, "securelevel") == 0)
		snprintf(buf, size, "%d", j->securelevel);
	else if (strcmp(n, "enforce_statfs") == 0)
		snprintf(buf, size, "%d", j->enforce_statfs);
	else if (strcmp(n, "children.max") == 0)
		snprintf(buf, size, "%d", j->children_max);
	else if (strcmp(n, "devfs_ruleset") == 0)
		snprintf(buf, size, "%d", j->devfs_ruleset);
	else if (strcmp(n, "osreldate") == 0)
		snprintf(buf, size, "%d", j->osreldate);
	else if (strcmp(n, "host.hostid") == 0)
		snprintf(buf, size, "%lu", j->hostid);
	else if (strcmp(n, "osrelease") == 0)
		snprintf(buf, size, "%s", j->osrelease);
	else if (strcmp(n, "host.hostuuid") == 0)
		snprintf(buf, size, "%s", j->hostuuid);
	else if (strcmp(n, "sysvmsg") == 0)
		snprintf(buf, size, "%s", jail_sys_name(jail_sysv(j, j->sysvmsg)));
	else if (strcmp(n, "sysvsem") == 0)
		snprintf(buf, size, "%s", jail_sys_name(jail_sysv(j, j->sysvsem)));
	else if (strcmp(n, "sysvshm") == 0)
		snprintf(buf, size, "%s", jail_sys_name(jail_sysv(j, j->sysvshm)));
	else if (strcmp(n, "ip4") == 0)
		snprintf(buf, size, "%s", jail_sys_name(jail_ip_mode(j, AF_INET)));
	else if (strcmp(n, "ip6") == 0)
		snprintf(buf, size, "%s", jail_sys_name(jail_ip_mode(j, AF_INET6)));
	else if (strcmp(n, "children.cur") == 0)
		snprintf(buf, size, "%d", j->children_cur);
	else if (strcmp(n, "parent") == 0)
		snprintf(buf, size, "%d", j->parent);
	else
		snprintf(buf, size, "0"); /* cpuset.id: no cpusets */
	return buf;
}
