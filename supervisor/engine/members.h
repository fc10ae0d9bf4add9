/* SPDX-License-Identifier: BSD-2-Clause */
/* The members of a jail, from the process table: who a jailed process may
 * see (handlers/visibility.c, fs/proc_hide.c). */
#ifndef JAIL_SUPERVISOR_MEMBERS_H
#define JAIL_SUPERVISOR_MEMBERS_H

#include <stdbool.h>
#include <sys/types.h>

struct tracee;

/* Is pid (a process or thread id) a live traced thread of caller's jail?
 * A traced thread stays in the table until the supervisor has waited for
 * its exit, and the kernel keeps its pid until then: no reuse can pass. */
bool vis_pid(const struct tracee *caller, pid_t pid);

/* Does process group pgid have a member in caller's jail? */
bool vis_pgrp(const struct tracee *caller, pid_t pgid);

/* The process group and session of process pid from /proc/<pid>/stat;
 * 0 or -errno. */
int vis_proc_ids(pid_t pid, pid_t *pgrp, pid_t *sid);

/* The processes (thread-group ids) of caller's jail, ascending; at most
 * max; their number. */
unsigned vis_members(const struct tracee *caller, pid_t *out, unsigned max);

#endif
