/* SPDX-License-Identifier: BSD-2-Clause */
/* jail(8): parse the command line; one jail from it (jail_one.c) or the
 * jails of jail.conf (jail_conf_run.c). */
#include <limits.h>
#include <stdio.h>
#include <unistd.h>

#include "../../policy/cmdline.h"
#include "jail_conf_run.h"
#include "jail_one.h"

int main(int argc, char **argv)
{
	static struct jail_cmdline cl;
	char err[PATH_MAX + 128];

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
		return cl.conf_file || access(JAIL_CONF_DEFAULT, F_OK) == 0 ? conf_remove(&cl, argv[0]) : jail_remove(&cl);
	if (cl.from_conf)
		return conf_create(&cl);
	return jail_create(&cl);
}
