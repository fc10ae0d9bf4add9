/* SPDX-License-Identifier: BSD-2-Clause */
/* jkill: sends a signal to every process of a jail, from the host (what
 * FreeBSD does with `killall -j jail`). The jail's supervisor sends it: it
 * knows the jail's live processes, so a recycled pid is never hit.
 *   jkill [-s signal | -signal] jail ...      (default SIGTERM) */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../manage/control.h"
#include "../manage/jailed.h"
#include "../manage/nest.h"
#include "../manage/registry.h"
#include "version.h"

static const char usage_text[] = "usage: jkill [-s signal | -signal] jail ...";

/* "TERM", "SIGTERM", "15" -> 15; -1 if unknown. */
static int parse_signal(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);
	if (*s && !*end)
		return n >= 0 && n <= 64 ? (int)n : -1;
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (int i = 1; i < 32; i++) {
		const char *name = sigabbrev_np(i);
		if (name && strcasecmp(name, s) == 0)
			return i;
	}
	return -1;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, status = 0;
	int i = 1;

	tool_version_flag("jkill", argc, argv);
	/* inside a jail: its supervisor runs us on the host for its
	 * descendants (docs/nested-jails.md) */
	bool jailed = tool_is_jailed();
	if (jailed) {
		int forwarded = nest_forward(argc, argv);
		if (forwarded >= 0)
			return forwarded;
	}
	bool priv = false;
	bool scoped = !jailed && nest_scope_from_env(&priv) > 0;
	if (i < argc && strcmp(argv[i], "-s") == 0) {
		if (i + 1 >= argc || (sig = parse_signal(argv[i + 1])) < 0)
			goto usage;
		i += 2;
	} else if (i < argc && argv[i][0] == '-' && argv[i][1]) {
		if ((sig = parse_signal(argv[i] + 1)) < 0)
			goto usage;
		i++;
	}
	if (i >= argc)
		goto usage;

	struct registry reg;
	char err[PATH_MAX + 128];
	if (jailed || (scoped && !priv)) { /* no jail is reachable from inside one (manage/jailed.h) */
		for (; i < argc; i++)
			fprintf(stderr, "jkill: jail \"%s\" not found\n", argv[i]);
		return 1;
	}
	if (registry_open(&reg, err, sizeof(err))) {
		fprintf(stderr, "jkill: %s\n", err);
		return 1;
	}
	for (; i < argc; i++) {
		struct reg_entry e;
		struct ctl_reply r;
		int fd = registry_connect(&reg, argv[i], &e, 10);
		if (fd < 0) {
			if (fd == -ENOENT)
				fprintf(stderr, "jkill: jail \"%s\" not found\n", argv[i]);
			else
				fprintf(stderr, "jkill: %s: %s\n", argv[i], strerror(-fd));
			status = 1;
			continue;
		}
		int rc = ctl_send(fd, CTL_KILL, sig);
		if (rc == 0)
			rc = ctl_recv_reply(fd, &r);
		if (rc == 0)
			rc = r.status;
		if (rc) {
			fprintf(stderr, "jkill: %s: %s\n", argv[i], strerror(-rc));
			status = 1;
		}
		close(fd);
	}
	return status;
usage:
	fprintf(stderr, "%s\n", usage_text);
	return 1;
}
