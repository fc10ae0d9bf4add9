/* SPDX-License-Identifier: BSD-2-Clause */
/* The supervisor thread serving a notification acts with the caller's
 * credentials around the file-system calls it makes on its behalf. */
#ifndef JAIL_SUPERVISOR_ACT_AS_H
#define JAIL_SUPERVISOR_ACT_AS_H

#include <stdbool.h>

struct tracee;

/* Takes t's fsuid, fsgid, groups, effective capabilities (and its umask
 * when creates is set). 0 or -errno: the call must then fail. */
int act_as_tracee(const struct tracee *t, bool creates);
/* Done acting (creds_release: a notification thread may keep the
 * caller's capabilities; what needs the supervisor's own rights takes
 * them: creds.h). */
void act_as_done(void);

#endif
