/* SPDX-License-Identifier: BSD-2-Clause */
/* jail(8) with jail.conf(5): `jail [-f file] -c [name ...]` creates the
 * jails the file describes (all of them without a name; a name the file
 * lacks is an error), `jail -r jail ...` removes jails, with the stop hooks
 * the file gives them (found by name or jid) unless -R; both go through
 * jail_hooks.h. */
#ifndef JAIL_SUPERVISOR_JAIL_CONF_RUN_H
#define JAIL_SUPERVISOR_JAIL_CONF_RUN_H

#include "../../policy/cmdline.h"

#define JAIL_CONF_DEFAULT "/etc/jail.conf"

int conf_create(const struct jail_cmdline *cl);
/* argv0: how jail(8) was called (jexec is looked up beside it). */
int conf_remove(const struct jail_cmdline *cl, const char *argv0);

#endif
