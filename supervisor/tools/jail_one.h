/* SPDX-License-Identifier: BSD-2-Clause */
/* One jail from a parsed command line (jail_one.c); jail -r. */
#ifndef JAIL_SUPERVISOR_JAIL_ONE_H
#define JAIL_SUPERVISOR_JAIL_ONE_H

#include "../../policy/cmdline.h"

int jail_create(struct jail_cmdline *cl);
int jail_remove(const struct jail_cmdline *cl);

#endif
