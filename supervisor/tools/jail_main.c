/* SPDX-License-Identifier: BSD-2-Clause */
/* jail(8): parse the command line; then the jails of jail.conf
 * (jail_conf_run.c), one jail with its start/stop hooks (jail_hooks.c),
 * or one jail of the old syntax (jail_one.c). */
#include <limits.h>
#include <stdio.h>
#include <unistd.h>

#include "../../policy/cmdline.h"
#include "jail_conf_run.h"
#include "jail_hooks.h"
#include "../confine/kernel_check.h"
#include "jail_one.h"
#include "version.h"

int main(int argc, char **argv)
{
	static struct jail_cmdline cl;
	char err[PATH_MAX + 128];

	tool_version_flag("jail", argc, argv);
	int rc = jail_parse_cmdline(argc, argv, &cl, err, sizeof(err));
	if (rc > 0) {
		fprintf(stderr, "%s\n", jail_usage);
		return 1;
	}
	if (rc < 0) {
		fprintf(stderr, "jail: %s\n", err);
		return 1;
	}
	if (cl.op == JAIL_OP_REMOVE)
		return conf_remove(&cl, argv[0]);
	/* before anything is made: what this kernel lacks (kernel_check.h) */
	bool own_root = !cl.from_conf && jail_has_root(&cl.jail);
	if (kernel_check_required("jail", own_root))
		return 1;
	kernel_warn_weaker("jail", own_root);
	if (cl.from_conf)
		return conf_create(&cl);
	if (cl.old_syntax)
		return jail_create(&cl, -1, jail_run_host_hooks);
	return jail_start(&cl);
}
