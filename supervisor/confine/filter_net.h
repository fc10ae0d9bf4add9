/* SPDX-License-Identifier: BSD-2-Clause */
/* The network part of the seccomp filters (supervisor/confine/filter.c calls these):
 * decisions that depend only on registers are made in the kernel with no
 * stop, from the same policy functions the handlers use (policy/net.c). */
#ifndef JAIL_SUPERVISOR_FILTER_NET_H
#define JAIL_SUPERVISOR_FILTER_NET_H

#include <stdbool.h>
#include "../../arch/abi.h"
#include "bpf_gen.h"

struct jail;

/* The rules for id (number nr of plan ABI ai) in place of its generic
 * one: 1 if added here, 0 if the generic rule applies, -errno on failure.
 * On the native ABI: socket and setsockopt run (unless a rule of
 * filter_net_deny_rules holds), sendto/recvfrom stop only with an address
 * argument. Other ABIs (i386, whose socketcall has its arguments in
 * memory) get the generic rule: they stop; so do all ABIs under jail -v
 * (native false), so that refusals are reported. */
int filter_net_syscall_rules(struct filter_plan *p, unsigned ai, bool native, enum sc_id id, int nr,
			     const struct jail *j);

/* The socket() and setsockopt() rules that refuse, or stop, by their
 * arguments (native ABI only). */
int filter_net_deny_rules(struct filter_plan *p, unsigned ai, const struct abi *abi, bool native,
			  const struct jail *j);

#endif
