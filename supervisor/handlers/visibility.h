/* SPDX-License-Identifier: BSD-2-Clause */
/* Process visibility, FreeBSD's prison_check: a jailed process sees and
 * reaches only the processes of its own jail. Every other pid (host
 * processes, other jails, the supervisor) looks absent: ESRCH, or ENOENT
 * under /proc. See docs/visibility.md. */
#ifndef JAIL_SUPERVISOR_VISIBILITY_H
#define JAIL_SUPERVISOR_VISIBILITY_H

#include <stdbool.h>
#include <sys/types.h>

#include "../engine/members.h"

#endif
