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

/* Is process group pgid the jail's alone: a member of caller's jail in it,
 * and no process outside? A group the jail shares with the shell, the
 * `jail` process or the supervisor (the command starts in its caller's
 * group) is not. False when it cannot tell (fail closed). For owners the
 * kernel signals later: F_SETOWN(-pgid), FIOSETOWN, SIOCSPGRP. */
bool vis_pgrp_owned(const struct tracee *caller, pid_t pgid);

/* The pid of the process pidfd fd of t refers to (its fdinfo "Pid:"),
 * read from the object; 0 if fd is not a pidfd, -1 if it cannot be told
 * or the process is gone. */
pid_t vis_pidfd_pid(const struct tracee *t, int fd);

#endif
