/* SPDX-License-Identifier: BSD-2-Clause */
/* jail(8) with jail.conf(5): `jail [-f file] -c [name ...]` creates the
 * jails the file describes (all of them without a name; a name the file
 * lacks is an error), `jail -r jail ...` removes jails, with the stop hooks
 * the file gives them (found by name or jid) unless -R; both go through
 * jail_hooks.h. */
#ifndef JAIL_SUPERVISOR_JAIL_CONF_RUN_H
#define JAIL_SUPERVISOR_JAIL_CONF_RUN_H

#include <stdbool.h>

#include "../../policy/cmdline.h"

#define JAIL_CONF_DEFAULT "/etc/jail.conf"

int conf_create(const struct jail_cmdline *cl);
/* argv0: how jail(8) was called (jexec is looked up beside it). */
int conf_remove(const struct jail_cmdline *cl, const char *argv0);

/* jail_modify.c: jail -m of a running jail (by jid= or name=), the
 * parameters given (cl->params) applied; whether the jail cl names runs. */
int jail_modify(const struct jail_cmdline *cl);
bool jail_exists(const struct jail_cmdline *cl);

/* -e separator: each jail of the file, its parameters separated by it. */
int conf_exhibit(const struct jail_cmdline *cl);

#endif
