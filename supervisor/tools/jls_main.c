/* SPDX-License-Identifier: BSD-2-Clause */
/* jls(8): lists the caller's running jails, asking each supervisor for the
 * jail's live parameters (a hostname changed inside the jail shows). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>
#include <unistd.h>

#include "../../policy/jls.h"
#include "../manage/control.h"
#include "../manage/jailed.h"
#include "../manage/nest.h"
#include "../manage/registry.h"
#include "jls_libxo.h"
#include "version.h"

/* One jail's information from its supervisor; false if it just went away. */
static bool query(struct registry *reg, const struct reg_entry *e, bool want_pids, struct ctl_info *info,
		  pid_t **pids, int *npids)
{
	struct sockaddr_un addr;
	*pids = NULL;
	*npids = 0;
	if (registry_sock_addr(reg, e->jid, &addr))
		return false;
	int fd = ctl_connect(addr.sun_path, 5);
	if (fd < 0)
		return false;
	int rc = ctl_send(fd, CTL_INFO, 0);
	if (rc == 0)
		rc = ctl_recv_info(fd, info);
	if (rc == 0 && want_pids) {
		rc = ctl_get_pids(fd, pids);
		if (rc >= 0) {
			*npids = rc;
			rc = 0;
		}
	}
	close(fd);
	if (rc) {
		if (rc != -ECONNRESET)
			fprintf(stderr, "jls: jail %d: %s\n", e->jid, strerror(-rc));
		return false;
	}
	return true;
}

int main(int argc, char **argv)
{
	static struct jls_opts o;
	static struct ctl_info info;
	struct registry reg;
	struct reg_entry *list;
	char err[PATH_MAX + 128];
	bool found = false;

	tool_version_flag("jls", argc, argv);

	bool pretty;
	int style = xo_take_args(&argc, argv, &pretty, err, sizeof(err));
	if (style < 0) {
		fprintf(stderr, "jls: %s\n", err);
		return 1;
	}
	if (style != XO_TEXT && !xo_available()) {
		fprintf(stderr, "jls: --libxo: this jls was built without JSON and XML support\n");
		return 1;
	}
	if (jls_parse_args(argc, argv, &o, err, sizeof(err))) {
		fprintf(stderr, "jls: %s\n", err);
		return 1;
	}
	/* inside a jail: its supervisor runs us on the host for its
	 * descendants (docs/nested-jails.md); without one, none */
	bool jailed = tool_is_jailed();
	if (jailed) {
		int status = nest_forward(argc, argv);
		if (status >= 0)
			return status;
	}
	bool priv;
	int scope = jailed ? 0 : nest_scope_from_env(&priv);
	if (!jailed && registry_open(&reg, err, sizeof(err))) {
		fprintf(stderr, "jls: %s\n", err);
		return 1;
	}
	int rc = jailed ? 0 : registry_lock(&reg);
	int n = jailed ? 0 : rc ? rc : registry_list(&reg, &list);
	if (jailed)
		list = NULL;
	else
		registry_unlock(&reg);
	if (n < 0) {
		fprintf(stderr, "jls: %s: %s\n", reg.dir, strerror(-n));
		return 1;
	}
	struct xo_out *xo = style == XO_TEXT ? NULL : xo_begin((enum xo_style)style, pretty);
	if (style != XO_TEXT && !xo) {
		fprintf(stderr, "jls: %s\n", strerror(ENOMEM));
		return 1;
	}
	/* paths as the caller's jail names them: beneath its root */
	char root[PATH_MAX] = "";
	if (scope) {
		struct reg_entry self = {.jid = scope};
		pid_t *none;
		int nnone;
		registry_set_scope(0);
		if (!query(&reg, &self, false, &info, &none, &nnone)) {
			free(list);
			return 1;
		}
		registry_set_scope(scope);
		snprintf(root, sizeof(root), "%s", strcmp(info.jail.path, "/") == 0 ? "" : info.jail.path);
	}
	if (!xo)
		jls_print_header(stdout, &o);
	for (int i = 0; i < n; i++) {
		pid_t *pids;
		int npids;
		if ((o.jid && list[i].jid != o.jid) || (o.jname && strcmp(list[i].name, o.jname) != 0))
			continue;
		if (!query(&reg, &list[i], jls_wants_pids(&o), &info, &pids, &npids))
			continue;
		/* what the registry knows: the name (relative inside a jail),
		 * the parent, the children */
		memcpy(info.jail.name, list[i].name, sizeof(info.jail.name));
		info.jail.parent = list[i].parent;
		info.jail.children_cur = 0;
		for (int k = 0; k < n; k++)
			info.jail.children_cur += list[k].parent == list[i].jid;
		size_t rl = strlen(root);
		if (rl && strncmp(info.jail.path, root, rl) == 0 && (info.jail.path[rl] == '/' || !info.jail.path[rl]))
			memmove(info.jail.path, info.jail.path[rl] ? info.jail.path + rl : "/",
				strlen(info.jail.path[rl] ? info.jail.path + rl : "/") + 1);
		struct jls_jail jj = {.jail = &info.jail, .dying = info.dying, .nproc = info.nproc,
				      .pids = pids, .npids = npids};
		if (xo)
			xo_jail(xo, &o, &jj);
		else
			jls_print_jail(stdout, &o, &jj);
		free(pids);
		found = true;
	}
	free(list);
	if (xo && xo_finish(xo, stdout)) {
		fprintf(stderr, "jls: --libxo: cannot write the output\n");
		return 1;
	}
	if ((o.jid || o.jname) && !found) {
		jls_not_found(&o, err, sizeof(err));
		fflush(stdout);
		fprintf(stderr, "jls: %s\n", err);
		return 1;
	}
	return 0;
}
