/* SPDX-License-Identifier: BSD-2-Clause */
/* One supervisor per jail: it starts the command traced and runs the event
 * loop until no jailed process is left. */
#ifndef JAIL_SUPERVISOR_SUPERVISOR_H
#define JAIL_SUPERVISOR_SUPERVISOR_H

#include <stdbool.h>
#include <sys/types.h>

struct jail;
struct fs_root;

struct supervisor {
	struct jail *jail;
	struct fs_root *root; /* the jail's root (NULL: the host's /) */
	pid_t main_pid;      /* the command the user asked for */
	int main_status;     /* its wait status, once main_done */
	bool main_done;
	pid_t front_pid;     /* the `jail` process that waits for main_status (0: none) */
	int report_fd;       /* where main_status is written (-1: nowhere) */
	int stop_timeout;    /* jail -r: seconds between SIGTERM and SIGKILL */
	bool report_denials; /* jail -v: report each static denial (report.c) */
};

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

/* A wait status that code outside the loop consumed (e.g. a tracee died
 * during a syscall injection): the loop handles it before waiting again. */
void supervisor_defer_event(pid_t tid, int status);

/* Runs until every jailed process is gone. */
void supervisor_run(struct supervisor *sv);

#endif
