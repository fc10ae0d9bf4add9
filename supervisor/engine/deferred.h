/* SPDX-License-Identifier: BSD-2-Clause */
/* Wait statuses that code outside the event loop consumed (e.g. a tracee
 * died during a syscall injection): the loop handles them, in the order
 * they came, before it waits again. No limit: a lost exit status would
 * leave a dead thread in the process table. */
#ifndef JAIL_SUPERVISOR_DEFERRED_H
#define JAIL_SUPERVISOR_DEFERRED_H

#include <stdbool.h>
#include <sys/types.h>

void supervisor_defer_event(pid_t tid, int status);

/* The oldest deferred event: true and *tid, *status; false if none. */
bool supervisor_next_deferred(pid_t *tid, int *status);

/* How many are waiting. */
unsigned supervisor_deferred_count(void);

#endif
