/* SPDX-License-Identifier: BSD-2-Clause */
/* Is the calling tool running inside a jail? Every jailed process is
 * traced by its jail's supervisor, and a supervisor's control socket
 * refuses traced peers, so from inside a jail no registry is reachable: a
 * jailed tool asks its jail's supervisor instead (nest.h,
 * docs/nested-jails.md), and without that channel behaves as FreeBSD's
 * tools do in a jail with no child jails (jls lists nothing,
 * jexec/jkill/jail -r find nothing, jail -c is EPERM). A tool run under
 * a debugger counts as jailed too (it could not reach the supervisors
 * either). */
#ifndef JAIL_SUPERVISOR_JAILED_H
#define JAIL_SUPERVISOR_JAILED_H

#include <stdbool.h>

bool tool_is_jailed(void);

#endif
