/* SPDX-License-Identifier: BSD-2-Clause */
/* A jail's life as jail(8) runs it, for the new syntax and jail.conf alike:
 *
 *   start: exec.prepare, exec.prestart (host) -> the jail -> exec.created
 *          (host) -> exec.start / command (inside) -> exec.poststart (host)
 *   stop:  exec.prestop (host) -> exec.stop (inside) -> SIGTERM, stop.timeout,
 *          SIGKILL -> exec.poststop, exec.release (host)
 *
 * Each hook is a list (jail.conf's +=), run one command at a time with
 * /bin/sh -c, in order; the first that fails stops the start or the stop.
 * Host commands get JID, JNAME and JPATH in their environment, run as
 * exec.system_user when given, write to exec.consolelog when given, and are
 * killed after exec.timeout seconds. */
#ifndef JAIL_SUPERVISOR_JAIL_HOOKS_H
#define JAIL_SUPERVISOR_JAIL_HOOKS_H

#include "../../policy/cmdline.h"

/* Runs the host commands of one hook; 0, or 1 after saying which failed. */
int jail_run_host_hooks(const struct jail_cmdline *j, enum jail_exec which, int jid);

/* jail -c of one jail (new syntax or jail.conf): refuses an existing jail
 * before any hook runs; prints "NAME: created" unless quiet. The exit
 * status: 0, 1, or (command= given on the command line) the command's. */
int jail_start(struct jail_cmdline *j);

/* jail -r of one running jail (target: its jid or name) with j's stop
 * hooks; prints "NAME: removed" unless quiet. argv0: how jail(8) was called
 * (jexec is looked up beside it). 0 or 1. */
int jail_stop(struct jail_cmdline *j, const char *target, const char *argv0);

/* Before a jail's command starts: -h (ip_hostname) resolves the host name
 * into addresses, -u/-U (exec.jail_user) makes the command run as that
 * user. 0, or 1 after saying why. */
int jail_prepare_command(struct jail_cmdline *j);

/* exec.clean / -l: the environment FreeBSD leaves (TERM; HOME, SHELL,
 * USER of the caller; a standard PATH). */
void jail_clean_environment(void);

/* The jid of a running jail (by jid or name), 0 if none; its name in name. */
int jail_lookup(const char *key, char *name, size_t size);

#endif
