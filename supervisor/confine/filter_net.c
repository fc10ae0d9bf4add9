/* SPDX-License-Identifier: BSD-2-Clause */
#include "filter_net.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "../../policy/net.h"
#include "../handlers/handlers.h"

#define LOW32 0xffffffffu

static int rule(struct filter_plan *p, unsigned ai, uint32_t action, int nr, unsigned n, const struct deny_cond *cmp)
{
	int rc = plan_add_rule(p, ai, (unsigned)nr, action, n, cmp);
	if (rc) {
		fprintf(stderr, "jail: seccomp network rule for %d: %s\n", nr, strerror(-rc));
		return rc;
	}
	return 0;
}

/* A call that stops only when argument arg (a pointer) is not NULL. */
static int trace_if_pointer(struct filter_plan *p, unsigned ai, int nr, enum sc_id id, unsigned arg)
{
	struct deny_cond set = DC_NE(arg, 0);
	int rc = rule(p, ai, ACT_ALLOW, nr, 0, NULL);
	return rc ? rc : rule(p, ai, ACT_TRACE((uint32_t)id), nr, 1, &set);
}

/* A call that stops (action stop) only when the low 32 bits of argument
 * arg, which the kernel reads as an int, equal value (junk in the high
 * half changes nothing, as for the kernel); else it runs. */
static int stop_if_low32(struct filter_plan *p, unsigned ai, int nr, unsigned arg, uint32_t value, uint32_t stop)
{
	struct deny_cond eq = DC_EQ32(arg, value);
	int rc = rule(p, ai, stop, nr, 1, &eq);
	return rc ? rc : rule(p, ai, ACT_ALLOW, nr, 0, NULL);
}

int filter_net_syscall_rules(struct filter_plan *p, unsigned ai, bool native, enum sc_id id, int nr,
			     const struct jail *j)
{
	if (!native)
		return 0;
	/* a NETLINK_ROUTE socket is a proxy's end (handle_netlink.c), handed
	 * over from user notification */
	if (id == SC_socket)
		return stop_if_low32(p, ai, nr, 0, AF_NETLINK, ACT_NOTIFY) ?: 1;
	if (id == SC_setsockopt) /* SOL_NETLINK stops: filter_net_deny_rules */
		return rule(p, ai, ACT_ALLOW, nr, 0, NULL) ?: 1;
	if (id == SC_sendto)
		return trace_if_pointer(p, ai, nr, id, 4) ?: 1;
	if (id == SC_recvfrom) {
		if (!handler_wanted(id, j, true))
			return rule(p, ai, ACT_ALLOW, nr, 0, NULL) ?: 1;
		return trace_if_pointer(p, ai, nr, id, 4) ?: 1;
	}
	return 0;
}

/* socket(domain, ...) -> errno for every family in [0, NET_FAMILY_LIMIT)
 * whose answer does not depend on the type, in aligned blocks of equal
 * answers, compared on the low 32 bits the kernel reads. */
static int family_rules(struct filter_plan *p, unsigned ai, int nr, const struct jail *j)
{
	for (int f = 0; f < NET_FAMILY_LIMIT;) {
		int err = net_family_errno(j, f);
		if (!err) {
			f++;
			continue;
		}
		int size = 1;
		for (;;) {
			int next = size * 2;
			if (f % next || f + next > NET_FAMILY_LIMIT)
				break;
			bool same = true;
			for (int g = f; g < f + next; g++)
				same = same && net_family_errno(j, g) == err;
			if (!same)
				break;
			size = next;
		}
		struct deny_cond c = DC_MASKED(0, LOW32 & ~(uint32_t)(size - 1), (uint32_t)f);
		int rc = rule(p, ai, ACT_ERRNO(-err), nr, 1, &c);
		if (rc)
			return rc;
		f += size;
	}
	return 0;
}

int filter_net_deny_rules(struct filter_plan *p, unsigned ai, const struct abi *abi, bool native,
			  const struct jail *j)
{
	if (!native)
		return 0; /* those ABIs stop at these calls (filter_net_syscall_rules) */
	int nr_socket = abi_nr(abi, SC_socket), nr_sso = abi_nr(abi, SC_setsockopt);
	int rc = family_rules(p, ai, nr_socket, j);
	static const int inet[] = {AF_INET, AF_INET6};
	for (unsigned i = 0; !rc && i < 2; i++) {
		if (net_family_errno(j, inet[i]))
			continue;
		struct deny_cond c[3] = {
			DC_EQ32(0, inet[i]),
			DC_MASKED(1, NET_SOCK_TYPE_MASK, SOCK_RAW),
			DC_EQ32(2, IPPROTO_RAW),
		};
		/* raw sockets: all of them, or (allow.raw_sockets) IPPROTO_RAW */
		unsigned n = j->allow[JAIL_ALLOW_raw_sockets] ? 3 : 2;
		rc = rule(p, ai, ACT_ERRNO(EPERM), nr_socket, n, c);
	}
	if (!rc && !j->allow[JAIL_ALLOW_socket_af]) {
		/* netlink: NETLINK_ROUTE only (NE on 64 bits: junk in the high
		 * half is refused, never let through) */
		struct deny_cond c[2] = {DC_EQ32(0, AF_NETLINK), DC_NE(2, 0)};
		rc = rule(p, ai, ACT_ERRNO(EPROTONOSUPPORT), nr_socket, 2, c);
	}
	if (!rc) {
		/* a netlink proxy's SOL_NETLINK options are set on the
		 * supervisor's socket (handle_netlink.c): TRACE, beside the
		 * call's ALLOW */
		struct deny_cond c = DC_EQ32(1, SOL_NETLINK);
		rc = rule(p, ai, ACT_TRACE(SC_setsockopt), nr_sso, 1, &c);
	}
	for (unsigned i = 0; !rc && i < net_sockopt_deny_count; i++) {
		struct deny_cond c[2] = {
			DC_EQ32(1, net_sockopt_denies[i].level),
			DC_EQ32(2, net_sockopt_denies[i].optname),
		};
		rc = rule(p, ai, ACT_ERRNO(EPERM), nr_sso, 2, c);
	}
	return rc;
}
