/* SPDX-License-Identifier: BSD-2-Clause */
/* jail -m: the running jail's parameters, with those given applied, sent
 * to its supervisor (control.h's MODIFY); "NAME: updated". */
#include "jail_conf_run.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>
#include <unistd.h>

#include "../../policy/jail_modify.h"
#include "../manage/control.h"
#include "../manage/registry.h"
#include "nest_create.h"

/* The key jail -m finds the jail by: its jid if given, else its name. */
static const char *jail_key(const struct jail_cmdline *cl, char *buf, size_t size)
{
	if (cl->jail.jid) {
		snprintf(buf, size, "%d", cl->jail.jid);
		return buf;
	}
	return cl->name_given ? cl->jail.name : NULL;
}

bool jail_exists(const struct jail_cmdline *cl)
{
	struct registry reg;
	struct reg_entry e;
	char err[PATH_MAX + 128], key[32];
	const char *k = jail_key(cl, key, sizeof(key));
	if (!k || registry_open(&reg, err, sizeof(err)))
		return false;
	bool found = registry_lock(&reg) == 0 && registry_find(&reg, k, &e) == 0;
	registry_unlock(&reg);
	registry_close(&reg);
	return found;
}

int jail_modify(const struct jail_cmdline *cl)
{
	static struct jail_cmdline next;
	static struct ctl_info info;
	struct registry reg;
	struct reg_entry e;
	char err[PATH_MAX + 128], key[32];
	const char *k = jail_key(cl, key, sizeof(key));
	if (!k) {
		fprintf(stderr, "jail: -m: the jail must be named (name= or jid=)\n");
		return 1;
	}
	if (registry_open(&reg, err, sizeof(err))) {
		fprintf(stderr, "jail: %s\n", err);
		return 1;
	}
	int fd = registry_connect(&reg, k, &e, 10);
	if (fd == -ENOENT) {
		fprintf(stderr, "jail: \"%s\" not found\n", k);
		return 1;
	}
	if (fd < 0) {
		fprintf(stderr, "jail: %s: %s\n", k, strerror(-fd));
		return 1;
	}
	int rc = ctl_send(fd, CTL_INFO, 0);
	if (rc == 0)
		rc = ctl_recv_info(fd, &info);
	if (rc) {
		fprintf(stderr, "jail: %s: %s\n", k, strerror(-rc));
		close(fd);
		return 1;
	}
	/* the running jail, with the parameters given applied in order; an
	 * address list given replaces the jail's */
	memset(&next, 0, sizeof(next));
	next.jail = info.jail;
	next.stop_timeout = info.stop_timeout;
	bool cleared4 = false, cleared6 = false;
	for (int i = 0; i < cl->nparams; i++) {
		char name[128];
		const char *word = cl->params[i], *eq = strchr(word, '=');
		size_t len = eq ? (size_t)(eq - word) : strlen(word);
		if (strncmp(word, "command", 7) == 0 && (word[7] == '=' || !word[7]))
			break;
		snprintf(name, sizeof(name), "%.*s", (int)(len < sizeof(name) ? len : sizeof(name) - 1), word);
		/* the key the jail was found by: inside a jail the child's name
		 * as its parent names it ("c"), its registry name being "p.c" */
		if (eq && (strcmp(name, "name") == 0 || strcmp(name, "jid") == 0) && strcmp(eq + 1, k) == 0)
			continue;
		if (strcmp(name, "ip4.addr") == 0 && !cleared4) {
			next.jail.ip4_count = 0;
			cleared4 = true;
		}
		if (strcmp(name, "ip6.addr") == 0 && !cleared6) {
			next.jail.ip6_count = 0;
			cleared6 = true;
		}
		if (jail_cmdline_set_param(&next, name, eq ? eq + 1 : NULL, err, sizeof(err))) {
			fprintf(stderr, "jail: %s\n", err);
			close(fd);
			return 1;
		}
	}
	if (jail_modify_check(&info.jail, &next.jail, info.nproc > 0, err, sizeof(err))) {
		fprintf(stderr, "jail: %s: %s\n", e.name, err);
		close(fd);
		return 1;
	}
	/* a jailed caller changes a child within the child's parent's limits */
	if (registry_scope() && nest_check_modify(e.parent ? e.parent : registry_scope(), &info.jail, &next.jail)) {
		close(fd);
		return 1;
	}
	struct ctl_reply r;
	rc = ctl_send_modify(fd, &next.jail);
	if (rc == 0)
		rc = ctl_recv_reply(fd, &r);
	if (rc == 0)
		rc = r.status;
	close(fd);
	if (rc) {
		fprintf(stderr, "jail: %s: jail_set: %s\n", e.name, strerror(-rc));
		return 1;
	}
	if (!cl->quiet)
		printf("%s: updated\n", e.name);
	return 0;
}
