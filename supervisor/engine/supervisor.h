/* SPDX-License-Identifier: BSD-2-Clause */
/* One supervisor per jail: it starts the command traced and runs the event
 * loop until no jailed process is left. */
#ifndef JAIL_SUPERVISOR_SUPERVISOR_H
#define JAIL_SUPERVISOR_SUPERVISOR_H

#include <stdbool.h>
#include <sys/types.h>

#include <signal.h>

#include "stop.h"

struct jail;
struct fs_root;
struct static_deny;
struct supervisor;

/* What the layers above the engine give it (tools/jail_main.c): the
 * engine calls up only through these. */
struct injection;

struct supervisor_ops {
	/* the handler table, indexed by enum sc_id (handlers/handler_table.c) */
	const struct handler *handlers;
	/* the enter handler of id in jail j (NULL: none) */
	enum action (*(*handler_enter)(enum sc_id id, const struct jail *j))(struct syscall_stop *s);
	/* jail -v: a static denial at its seccomp stop (report/report.c) */
	void (*report_denial)(const struct syscall_stop *s, const struct static_deny *d);
	/* run by the ptrace thread before it sleeps, after every event and
	 * every wake-up: the jail's own clock and end (manage/control.c) */
	void (*idle)(struct supervisor *sv);
	/* nothing left to wait for: may the supervisor stop? */
	bool (*may_exit)(struct supervisor *sv);
	/* the caller's read-only descriptor of the program at guest path, opened
	 * beneath its root by calls injected in inj (handlers/caller_open.c),
	 * or -errno: the loader's exec stop maps it (exec_image.c) */
	long (*open_program)(struct injection *inj, const char *guest);
};

struct supervisor {
	struct jail *jail;
	struct fs_root *root; /* the jail's root (NULL: the host's /) */
	pid_t main_pid;      /* the command the user asked for */
	int main_status;     /* its wait status, once main_done */
	bool main_done;
	pid_t front_pid;     /* the `jail` process that waits for main_status (0: none) */
	int report_fd;       /* where main_status is written (-1: nowhere) */
	/* The command ended the jail: main_status is written once the jail's
	 * end is done (supervisor_report), so that jail(8) returns after the
	 * mounts and addresses are gone, as FreeBSD's does. */
	bool report_deferred;
	int stop_timeout;    /* jail -r: seconds between SIGTERM and SIGKILL */
	bool report_denials; /* jail -v: report each static denial (report.c) */
	const struct supervisor_ops *ops;
	sigset_t child_unblock; /* signals the supervisor blocked that the command must not inherit blocked */
};

/* Runs until every jailed process is gone, on the thread that traces them
 * (the ptrace thread: the one that spawned the command; only it may call
 * ptrace). It sleeps in waitid(__WALL); other threads wake it with: */
void supervisor_run(struct supervisor *sv);
/* fn(arg) is run by the ptrace thread, soon (before it sleeps again): what
 * another thread needs done to the jail's processes (seize, signal). From
 * any thread; never blocks. */
void supervisor_post(void (*fn)(void *), void *arg);
/* Wakes the ptrace thread: it runs what was posted and ops->idle. */
void supervisor_wake(void);
/* Does the supervisor have a child (traced or not) left? */
bool supervisor_has_children(void);
/* Writes the command's status to jail(8) if it has not been yet. */
void supervisor_report(struct supervisor *sv);

#endif
