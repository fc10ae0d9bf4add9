/* SPDX-License-Identifier: BSD-2-Clause */
/* jail(8): parse the command line; then the jails of jail.conf
 * (jail_conf_run.c), one jail with its start/stop hooks (jail_hooks.c),
 * or one jail of the old syntax (jail_one.c). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../../policy/cmdline.h"
#include "../manage/jailed.h"
#include "../manage/nest.h"
#include "../../policy/nest.h"
#include "nest_agent.h"
#include "nest_create.h"
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
	bool jailed = tool_is_jailed();
	/* the agent a jail's supervisor starts for a jailed tool (nest_agent.c) */
	if (!jailed && argc == 4 && strcmp(argv[1], "--nest-agent") == 0)
		return nest_agent_main(argc, argv);
	/* inside a jail: the jail's supervisor runs us on the host, limited to
	 * the jail's descendants (docs/nested-jails.md) */
	if (jailed) {
		int status = nest_forward(argc, argv);
		if (status >= 0)
			return status;
	}
	bool priv = false;
	int scope = jailed ? 0 : nest_scope_from_env(&priv);
	char **args = argv;
	const char *guest_path = NULL;
	if (scope) {
		static char *taken[NEST_ARGC_MAX + 1];
		if (argc > NEST_ARGC_MAX || !nest_args_allowed(argc, argv, err, sizeof(err))) {
			fprintf(stderr, "jail: jail_set: %s\n", strerror(EPERM));
			return 1;
		}
		guest_path = nest_take_path(argc, argv, taken);
		args = taken;
		for (argc = 0; args[argc]; argc++)
			;
	}
	int rc = jail_parse_cmdline(argc, args, &cl, err, sizeof(err));
	if (rc > 0) {
		fprintf(stderr, "%s\n", jail_usage);
		return 1;
	}
	if (rc < 0) {
		fprintf(stderr, "jail: %s\n", err);
		return 1;
	}
	/* inside a jail: no child jail can be made (children.max 0 is all
	 * this design offers), and none is found (manage/jailed.h) */
	if (scope && cl.op == JAIL_OP_REMOVE && !priv) {
		fprintf(stderr, "jail: jail_remove: %s\n", strerror(EPERM));
		return 1;
	}
	if (scope && cl.op != JAIL_OP_REMOVE) {
		bool modify = cl.op == JAIL_OP_MODIFY; /* a child, within its parent's limits */
		if ((cl.op != JAIL_OP_CREATE && !modify) || cl.from_conf || cl.old_syntax || !priv) {
			fprintf(stderr, "jail: jail_set: %s\n", strerror(EPERM));
			return 1;
		}
		if (!modify && nest_prepare_create(&cl, scope, guest_path, false))
			return 1;
	}
	if (cl.op != JAIL_OP_EXHIBIT && jailed) {
		if (cl.op == JAIL_OP_REMOVE) {
			for (char **t = cl.targets; *t; t++)
				fprintf(stderr, "jail: \"%s\" not found\n", *t);
		} else {
			fprintf(stderr, "jail: jail_set: %s\n", strerror(EPERM));
		}
		return 1;
	}
	if (cl.op == JAIL_OP_CREATE || cl.op == JAIL_OP_CREATE_OR_MODIFY || cl.op == JAIL_OP_RESTART) {
		/* before anything is made: what this kernel lacks (kernel_check.h) */
		bool own_root = !cl.from_conf && jail_has_root(&cl.jail);
		if (kernel_check_required("jail", own_root))
			return 1;
		kernel_warn_weaker("jail", own_root);
	}
	switch (cl.op) {
	case JAIL_OP_EXHIBIT:
		return conf_exhibit(&cl);
	case JAIL_OP_REMOVE:
		return conf_remove(&cl, argv[0]);
	case JAIL_OP_MODIFY:
		if (cl.from_conf) {
			fprintf(stderr, "jail: -m: give the parameters to change (name=... param=value ...)\n");
			return 1;
		}
		return jail_modify(&cl);
	case JAIL_OP_CREATE_OR_MODIFY:
		if (!cl.from_conf && jail_exists(&cl))
			return jail_modify(&cl);
		return cl.from_conf ? conf_create(&cl) : jail_start(&cl);
	case JAIL_OP_RESTART: {
		/* remove (the file's stop hooks apply), then create */
		char key[JAIL_NAME_MAX], *targets[] = {key, NULL};
		struct jail_cmdline r = cl;
		r.op = JAIL_OP_REMOVE;
		if (!cl.from_conf) {
			if (cl.jail.jid)
				snprintf(key, sizeof(key), "%d", cl.jail.jid);
			else
				snprintf(key, sizeof(key), "%s", cl.jail.name);
			r.targets = targets;
			if (jail_exists(&cl) && conf_remove(&r, argv[0]))
				return 1;
			return jail_start(&cl);
		}
		if (!cl.targets) {
			fprintf(stderr, "%s\n", jail_usage);
			return 1;
		}
		if (conf_remove(&r, argv[0]))
			return 1;
		return conf_create(&cl);
	}
	case JAIL_OP_CREATE:
	default:
		break;
	}
	if (cl.from_conf)
		return conf_create(&cl);
	if (cl.old_syntax) {
		if (jail_prepare_command(&cl))
			return 1;
		if (cl.exec_clean)
			jail_clean_environment();
		if (nest_prepare_host_child(&cl))
			return 1;
		return jail_create(&cl, -1, jail_run_host_hooks);
	}
	return jail_start(&cl);
}
