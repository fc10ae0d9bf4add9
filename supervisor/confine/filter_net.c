/* SPDX-License-Identifier: BSD-2-Clause */
#include "filter_net.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "../../policy/net.h"
#include "../handlers/handlers.h"

#define LOW32 0xffffffffu

static int rule(scmp_filter_ctx ctx, uint32_t action, int nr, unsigned n, const struct scmp_arg_cmp *cmp)
{
	int rc = seccomp_rule_add_array(ctx, action, nr, n, cmp);
	if (rc && rc != -EACCES) {
		fprintf(stderr, "jail: seccomp network rule for %d: %s\n", nr, strerror(-rc));
		return rc;
	}
	return 0;
}

/* A call that stops only when argument arg (a pointer) is not NULL. */
static int trace_if_pointer(scmp_filter_ctx ctx, int nr, enum sc_id id, unsigned arg)
{
	struct scmp_arg_cmp null = {arg, SCMP_CMP_EQ, 0, 0}, set = {arg, SCMP_CMP_NE, 0, 0};
	int rc = rule(ctx, SCMP_ACT_ALLOW, nr, 1, &null);
	return rc ? rc : rule(ctx, SCMP_ACT_TRACE((uint32_t)id), nr, 1, &set);
}

/* A call that stops (action stop) only when the low 32 bits of argument
 * arg, which the kernel reads as an int, equal value; every other value
 * is allowed: 32 aligned blocks, the siblings of value's block at each
 * size, cover [0, 2^32) but value (junk in the high half changes nothing,
 * as for the kernel). */
static int stop_if_low32(scmp_filter_ctx ctx, int nr, unsigned arg, uint32_t value, uint32_t stop)
{
	struct scmp_arg_cmp eq = {arg, SCMP_CMP_MASKED_EQ, LOW32, value};
	int rc = rule(ctx, stop, nr, 1, &eq);
	for (unsigned k = 0; !rc && k < 32; k++) {
		uint32_t size = 1u << k;
		struct scmp_arg_cmp other = {arg, SCMP_CMP_MASKED_EQ, LOW32 & ~(size - 1), (value ^ size) & ~(size - 1)};
		rc = rule(ctx, SCMP_ACT_ALLOW, nr, 1, &other);
	}
	return rc;
}

int filter_net_syscall_rules(scmp_filter_ctx ctx, const struct abi *abi, bool native, enum sc_id id, int nr,
			     const struct jail *j)
{
	(void)abi;
	if (!native)
		return 0;
	/* a NETLINK_ROUTE socket is a proxy's end (handle_netlink.c), handed
	 * over from user notification: in this filter, the one with the
	 * listener (a NOTIFY of the deny filter would find none: ENOSYS) */
	if (id == SC_socket)
		return stop_if_low32(ctx, nr, 0, AF_NETLINK, SCMP_ACT_NOTIFY) ?: 1;
	if (id == SC_setsockopt) /* SOL_NETLINK stops: filter_net_deny_rules */
		return rule(ctx, SCMP_ACT_ALLOW, nr, 0, NULL) ?: 1;
	if (id == SC_sendto)
		return trace_if_pointer(ctx, nr, id, 4) ?: 1;
	if (id == SC_recvfrom) {
		if (!handler_wanted(id, j, true))
			return rule(ctx, SCMP_ACT_ALLOW, nr, 0, NULL) ?: 1;
		return trace_if_pointer(ctx, nr, id, 4) ?: 1;
	}
	return 0;
}

/* socket(domain, ...) -> errno for every family in [0, NET_FAMILY_LIMIT)
 * whose answer does not depend on the type, in aligned blocks of equal
 * answers, compared on the low 32 bits the kernel reads. */
static int family_rules(scmp_filter_ctx ctx, int nr, const struct jail *j)
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
		struct scmp_arg_cmp c = {0, SCMP_CMP_MASKED_EQ, LOW32 & ~(uint32_t)(size - 1), (uint32_t)f};
		int rc = rule(ctx, SCMP_ACT_ERRNO((uint32_t)-err), nr, 1, &c);
		if (rc)
			return rc;
		f += size;
	}
	return 0;
}

int filter_net_deny_rules(scmp_filter_ctx ctx, const struct abi *abi, bool native, const struct jail *j)
{
	if (!native)
		return 0; /* those ABIs stop at these calls (filter_net_syscall_rules) */
	int nr_socket = abi_nr(abi, SC_socket), nr_sso = abi_nr(abi, SC_setsockopt);
	int rc = family_rules(ctx, nr_socket, j);
	static const int inet[] = {AF_INET, AF_INET6};
	for (unsigned i = 0; !rc && i < 2; i++) {
		if (net_family_errno(j, inet[i]))
			continue;
		struct scmp_arg_cmp c[3] = {
			{0, SCMP_CMP_MASKED_EQ, LOW32, (uint32_t)inet[i]},
			{1, SCMP_CMP_MASKED_EQ, NET_SOCK_TYPE_MASK, SOCK_RAW},
			{2, SCMP_CMP_MASKED_EQ, LOW32, IPPROTO_RAW},
		};
		/* raw sockets: all of them, or (allow.raw_sockets) IPPROTO_RAW */
		unsigned n = j->allow[JAIL_ALLOW_raw_sockets] ? 3 : 2;
		rc = rule(ctx, SCMP_ACT_ERRNO(EPERM), nr_socket, n, c);
	}
	if (!rc && !j->allow[JAIL_ALLOW_socket_af]) {
		/* netlink: NETLINK_ROUTE only (NE on 64 bits: junk in the high
		 * half is refused, never let through) */
		struct scmp_arg_cmp c[2] = {{0, SCMP_CMP_MASKED_EQ, LOW32, AF_NETLINK}, {2, SCMP_CMP_NE, 0, 0}};
		rc = rule(ctx, SCMP_ACT_ERRNO(EPROTONOSUPPORT), nr_socket, 2, c);
	}
	if (!rc) {
		/* a netlink proxy's SOL_NETLINK options are set on the
		 * supervisor's socket (handle_netlink.c): one TRACE rule here,
		 * where the default is ALLOW, not 33 in the syscall filter */
		struct scmp_arg_cmp c = {1, SCMP_CMP_MASKED_EQ, LOW32, SOL_NETLINK};
		rc = rule(ctx, SCMP_ACT_TRACE(SC_setsockopt), nr_sso, 1, &c);
	}
	for (unsigned i = 0; !rc && i < net_sockopt_deny_count; i++) {
		struct scmp_arg_cmp c[2] = {
			{1, SCMP_CMP_MASKED_EQ, LOW32, (uint32_t)net_sockopt_denies[i].level},
			{2, SCMP_CMP_MASKED_EQ, LOW32, (uint32_t)net_sockopt_denies[i].optname},
		};
		rc = rule(ctx, SCMP_ACT_ERRNO(EPERM), nr_sso, 2, c);
	}
	return rc;
}
