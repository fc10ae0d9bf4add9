/* SPDX-License-Identifier: BSD-2-Clause */
/* Is the calling tool running inside a jail? Every jailed process is
 * traced by its jail's supervisor, and a supervisor's control socket
 * refuses traced peers, so from inside a jail no jail is reachable: the
 * tools then behave as FreeBSD's do in a jail with no child jails (jls
 * lists nothing, jexec/jkill/jail -r find nothing, jail -c is EPERM)
 * instead of touching the registry. A tool run under a debugger counts as
 * jailed too (it could not reach the supervisors either). */
#ifndef JAIL_SUPERVISOR_JAILED_H
#define JAIL_SUPERVISOR_JAILED_H

#include <stdbool.h>

bool tool_is_jailed(void);

#endif
