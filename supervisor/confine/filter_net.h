/* SPDX-License-Identifier: BSD-2-Clause */
/* The network part of the seccomp filters (supervisor/confine/filter.c calls these):
 * decisions that depend only on registers are made in the kernel with no
 * stop, from the same policy functions the handlers use (policy/net.c). */
#ifndef JAIL_SUPERVISOR_FILTER_NET_H
#define JAIL_SUPERVISOR_FILTER_NET_H

#include <stdbool.h>
#include <seccomp.h>

#include "../../arch/abi.h"

struct jail;

/* Rules of the syscall filter for id (native number nr) on abi: 1 if
 * added here, 0 if the generic rule applies, -errno on failure. On the
 * native ABI: socket and setsockopt run (the deny filter judges them),
 * sendto/recvfrom stop only with an address argument. Other ABIs (i386,
 * where libseccomp would also apply register conditions to socketcall,
 * whose arguments are in memory) get the generic rule: they stop; so do
 * all ABIs under jail -v (native false), so that refusals are reported. */
int filter_net_syscall_rules(scmp_filter_ctx ctx, const struct abi *abi, bool native, enum sc_id id, int nr,
			     const struct jail *j);

/* The deny filter's socket() and setsockopt() rules (native ABI only). */
int filter_net_deny_rules(scmp_filter_ctx ctx, const struct abi *abi, bool native, const struct jail *j);

#endif
