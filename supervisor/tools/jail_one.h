/* SPDX-License-Identifier: BSD-2-Clause */
/* One jail from a parsed command line (jail_one.c); jail -r without hooks. */
#ifndef JAIL_SUPERVISOR_JAIL_ONE_H
#define JAIL_SUPERVISOR_JAIL_ONE_H

#include "../../policy/cmdline.h"

/* Runs a hook's host commands (jail_run_host_hooks): 0, or 1 on failure. */
typedef int (*jail_created_fn)(const struct jail_cmdline *j, enum jail_exec which, int jid);

/* Creates the jail of cl: its jid is written to jid_fd once registered
 * (unless -1), then created(cl, JAIL_EXEC_CREATED, jid) runs (unless
 * NULL; its failure removes the jail). Passed in, not called, so that this
 * file and the start/stop sequences (jail_hooks.c) do not call each
 * other. */
int jail_create(struct jail_cmdline *cl, int jid_fd, jail_created_fn created);
int jail_remove(const struct jail_cmdline *cl);

/* Nested jails: the root the supervisor opens must be the object fd
 * (nest_create.c), else the jail is not made. */
void jail_expect_root(int fd);

#endif
