/* SPDX-License-Identifier: BSD-2-Clause */
/* The nested-jail channel (policy/nest.h): a jailed process's open() of
 * NEST_CHANNEL_PATH, served by its supervisor. */
#ifndef JAIL_SUPERVISOR_NEST_CHANNEL_H
#define JAIL_SUPERVISOR_NEST_CHANNEL_H

struct tracee;

/* How many agents a jail may have at once (each open of the channel
 * starts one, which lives while its tool runs). */
#define NEST_AGENTS_MAX 8

/* Starts an agent (jail --nest-agent JID PRIV, untraced, on the host,
 * with the supervisor's credentials) for t's jail, holding one end of a
 * new socket pair; the other end, to hand to t, or -errno (-EAGAIN: the
 * jail has NEST_AGENTS_MAX agents running). */
int nest_channel_open(const struct tracee *t);

#endif
