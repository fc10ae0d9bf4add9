/* SPDX-License-Identifier: BSD-2-Clause */
/* How the ptrace thread sleeps and how other threads wake it
 * (docs/engine.md, Rule 2): it blocks in waitid(__WALL) itself, and a
 * wake signal sent to it alone (tgkill) jumps out of that wait. The wake
 * signal is blocked at all times except inside the armed window, so it
 * interrupts nothing else: one sent before the window stays pending and
 * fires as the window opens (no lost wake-up), one sent after it is taken
 * at the next one. The wait peeks with WNOWAIT: a jump out of it after it
 * returned loses no event (the loop reaps the event it saw by its tid). */
#ifndef JAIL_SUPERVISOR_LOOP_WAKE_H
#define JAIL_SUPERVISOR_LOOP_WAKE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

/* Called by the ptrace thread before any other thread exists that must not
 * take the wake signal: records it as the thread to wake, installs the
 * handler and blocks the signal (threads it starts inherit that). 0 or
 * -errno. */
int loop_wake_init(void);
/* The signal (the spawned command must start with it unblocked). */
int loop_wake_signal(void);

/* Sleeps until a child of the supervisor (a tracee, or a process of its
 * own) has an event to reap, or another thread woke it (supervisor_wake).
 * children false: there is none (ECHILD), sleep until woken. 1 and the
 * event's pid in *pid (not reaped), 0 when woken, or -errno (-ECHILD). */
int loop_wait(pid_t *pid, bool children);

/* Runs the functions other threads posted (supervisor.h), in order. */
void loop_run_posted(void);

/* Does the supervisor have a child, traced or not? */
bool loop_has_children(void);

#endif
