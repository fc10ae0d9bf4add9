/* SPDX-License-Identifier: BSD-2-Clause */
/* Nested jails, the tools' side (policy/nest.h; docs/nested-jails.md). */
#ifndef JAIL_SUPERVISOR_NEST_H
#define JAIL_SUPERVISOR_NEST_H

#include <stdbool.h>

/* Inside a jail: has the jail's supervisor run argv (argv[0] the tool) for
 * us, on the host, limited to the jail's descendants, with our
 * descriptors 0-2, relaying our signals; its exit code. -1: no channel
 * (not in a jail whose supervisor offers one). */
int nest_forward(int argc, char **argv);

/* A tool run by a jail's agent (environment NEST_ENV_SCOPE): limits the
 * registry to that jail's descendants (registry_set_scope) and removes
 * the variables. The jid, or 0 when not run for a jailed caller; *priv:
 * the caller was the jail's privileged account. */
int nest_scope_from_env(bool *priv);

#endif
