/* SPDX-License-Identifier: BSD-2-Clause */
/* The jail model: one struct jail per jail, with FreeBSD's parameters.
 * Pure data and predicates; no ptrace here. */
#ifndef JAIL_POLICY_JAIL_H
#define JAIL_POLICY_JAIL_H

#include <limits.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>

#include "jail_ifaddr.h"

#define JAIL_MAX_ADDRS 255      /* FreeBSD: ip4.addr/ip6.addr hold at most 255 */
#define JAIL_HOSTNAME_MAX 64    /* Linux's limit (FreeBSD allows 255) */
#define JAIL_NAME_MAX 256

/* allow.* parameters: ALLOW(name, FreeBSD default). */
#define JAIL_ALLOW_LIST(ALLOW)                 \
	ALLOW(set_hostname, true)              \
	ALLOW(reserved_ports, true)            \
	ALLOW(unprivileged_proc_debug, true)   \
	ALLOW(suser, true)                     \
	ALLOW(sysvipc, false)                  \
	ALLOW(raw_sockets, false)              \
	ALLOW(chflags, false)                  \
	ALLOW(mount, false)                    \
	ALLOW(quotas, false)                   \
	ALLOW(socket_af, false)                \
	ALLOW(mlock, false)                    \
	ALLOW(read_msgbuf, false)              \
	ALLOW(extattr, false)                  \
	ALLOW(adjtime, false)                  \
	ALLOW(settime, false)

enum jail_allow {
#define X(name, def) JAIL_ALLOW_##name,
	JAIL_ALLOW_LIST(X)
#undef X
	JAIL_ALLOW_COUNT
};

/* FreeBSD's "jailsys" parameters (ip4, ip6, host, vnet, sysvmsg, ...). */
enum jail_sys {
	JAIL_SYS_DISABLE = 0,
	JAIL_SYS_NEW = 1,
	JAIL_SYS_INHERIT = 2,
};

#define JAIL_EXTRA_MAX 2048 /* the stored parameters without a field of their own */
#define JAIL_SECURELEVEL_DEFAULT -1 /* FreeBSD: the parent's; the host's is -1 */

struct jail {
	int jid;
	char name[JAIL_NAME_MAX];
	char path[PATH_MAX];              /* absolute, canonical; "/" for the host root */
	char hostname[JAIL_HOSTNAME_MAX + 1];
	char domainname[JAIL_HOSTNAME_MAX + 1]; /* host.domainname */
	struct in_addr ip4[JAIL_MAX_ADDRS];
	int ip4_count;                    /* 0: no IPv4 for this jail */
	struct in6_addr ip6[JAIL_MAX_ADDRS];
	int ip6_count;                    /* 0: no IPv6 for this jail */
	bool allow[JAIL_ALLOW_COUNT];
	bool persist;
	enum jail_sys ip4_mode, ip6_mode; /* ip4, ip6: from the addresses unless set */
	bool ip4_mode_set, ip6_mode_set;
	int sysvmsg, sysvsem, sysvshm;    /* enum jail_sys, or -1: from allow.sysvipc */
	int securelevel;                  /* -1..3; see jail_allowed */
	int enforce_statfs;               /* 0..2 (FreeBSD's default 2) */
	int children_max;                 /* jails this jail may create (0) */
	int children_cur;                 /* its child jails now (filled by jls) */
	int parent;                       /* the jid of the jail it was made in, 0: the host */
	int devfs_ruleset;                /* 0; with mount.devfs 4 unless given (devfs_rules.h) */
	bool devfs_ruleset_set;           /* given */
	int osreldate;                    /* FreeBSD's __FreeBSD_version the jail reports */
	char osrelease[65];               /* uname -r inside ("": the host's) */
	char hostuuid[65];                /* host.hostuuid ("": the host's machine id) */
	unsigned long hostid;             /* host.hostid */
	bool hostuuid_set, hostid_set;    /* given: the jail reads them as its machine id (docs/parameters.md) */
	struct jail_ifaddr ifaddr[JAIL_IFADDR_MAX]; /* "if|addr/mask" entries (jail_ifaddr.h) */
	int ifaddr_count;
	/* other accepted parameters, "name=value\n" each: kept and shown by
	 * jls, no effect of their own (docs/parameters.md) */
	char extra[JAIL_EXTRA_MAX];
};

/* Is allow.<a> in effect? The parameter, bounded by securelevel as
 * FreeBSD's securelevel bounds it: from 1 the immutable/append-only flags
 * (chflags) and from 2 the clock (settime, adjtime) are out of reach
 * whatever allow.* says. */
bool jail_allowed(const struct jail *j, enum jail_allow a);

/* sysvmsg / sysvsem / sysvshm in effect: the parameter if set, else
 * FreeBSD 14's mapping of allow.sysvipc (inherit) or its absence (disable). */
enum jail_sys jail_sysv(const struct jail *j, int param);

/* ip4 / ip6 in effect: the parameter if set, else new with addresses and
 * disable without (FreeBSD). af: AF_INET or AF_INET6. */
enum jail_sys jail_ip_mode(const struct jail *j, int af);

/* The stored value of an extra parameter, or NULL. */
const char *jail_extra_get(const struct jail *j, const char *name, char *buf, size_t size);
/* Stores (replaces) an extra parameter. 0, or -1 if it does not fit. */
int jail_extra_set(struct jail *j, const char *name, const char *value);

/* A jail with FreeBSD's defaults: path "/", no addresses, empty hostname. */
void jail_init(struct jail *j);

/* "set_hostname" -> JAIL_ALLOW_set_hostname; -1 if unknown. */
int jail_allow_lookup(const char *name);
const char *jail_allow_name(enum jail_allow a);

/* Parses a comma-separated address list (old syntax's ip argument, may be
 * ""): an entry that parses as IPv6 is IPv6, anything else must be IPv4.
 * Returns 0, or -1 with a FreeBSD-worded message in err. */
int jail_parse_addrs(struct jail *j, const char *list, char *err, size_t errlen);

/* Appends a comma-separated list of addresses of one family (AF_INET for
 * ip4.addr=, AF_INET6 for ip6.addr=; AF_UNSPEC: either, as jail_parse_addrs).
 * 0, or -1 with a FreeBSD-worded message in err ("ip6.addr: not an IPv6
 * address: x", duplicates, 0.0.0.0). */
int jail_parse_addrs_af(struct jail *j, int af, const char *list, char *err, size_t errlen);

/* FreeBSD's rule for names: a name may be numeric only if it is the jid
 * (written without leading zeros). 0, or -EINVAL. */
int jail_check_name(const char *name, int jid);

/* Sets the jail's hostname. 0, or -EINVAL if longer than JAIL_HOSTNAME_MAX. */
int jail_set_hostname(struct jail *j, const char *name, size_t len);

/* Sets the jail's NIS domain name; 0 or -EINVAL if too long. */
int jail_set_domainname(struct jail *j, const char *name, size_t len);

/* May a process with effective uid euid in j change the host or domain
 * name? 0, or -EPERM (not root in the jail, or allow.set_hostname off). */
int jail_priv_set_hostname(const struct jail *j, unsigned euid);

/* Does the jail confine paths (a root other than "/")? */
bool jail_has_root(const struct jail *j);

#endif
