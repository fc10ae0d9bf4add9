/* SPDX-License-Identifier: BSD-2-Clause */
/* Putting processes into a jail: the command, traced from its first
 * instruction, or a running process (jexec). */
#ifndef JAIL_SUPERVISOR_SPAWN_H
#define JAIL_SUPERVISOR_SPAWN_H

#include <sys/types.h>

struct supervisor;

/* Signals the supervisor ignores (it must outlive the terminal's signals);
 * spawn restores them to default in the command. */
extern const int supervisor_ignored_signals[];

/* Starts argv in the jail, traced from its first instruction, with cwd
 * already set by the caller. 0 or -errno (message on stderr). */
int supervisor_spawn(struct supervisor *sv, char **argv);

/* Adds a running process to the jail (jexec): seizes it with the same
 * options as a spawned command; it loads the jail's filters itself. 0 or
 * -errno. */
int supervisor_attach(struct supervisor *sv, pid_t pid);

#endif
