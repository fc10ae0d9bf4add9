/* SPDX-License-Identifier: BSD-2-Clause */
#include "nest.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

bool nest_tool_known(const char *tool)
{
	return strcmp(tool, "jail") == 0 || strcmp(tool, "jls") == 0 || strcmp(tool, "jexec") == 0 ||
	       strcmp(tool, "jkill") == 0;
}

bool nest_param_allowed(const char *param)
{
	static const char *const ok[] = {
		"name", "path", "host.hostname", "host.domainname", "ip4.addr", "ip6.addr", "persist",
		"children.max", "securelevel", "enforce_statfs", "stop.timeout", "command", "sysvmsg", "sysvsem",
		"sysvshm", NULL,
	};
	char key[128];
	size_t len = strcspn(param, "=");
	if (len >= sizeof(key))
		return false;
	memcpy(key, param, len);
	key[len] = '\0';
	const char *k = key;
	bool no = strncmp(k, "no", 2) == 0 && !strchr(param, '=');
	if (no)
		k += 2;
	if (strncmp(k, "allow.", 6) == 0)
		return strchr(k + 6, '.') == NULL; /* allow.mount.* and the like: no */
	if (no) /* the boolean ones only */
		return strcmp(k, "persist") == 0;
	for (int i = 0; ok[i]; i++)
		if (strcmp(k, ok[i]) == 0)
			return true;
	return false;
}

/* Options: each letter of each leading -word must be in letters. */
static int options(int argc, char *const argv[], const char *letters, char *err, size_t errlen)
{
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1;
		for (const char *c = argv[i] + 1; *c; c++)
			if (!strchr(letters, *c)) {
				snprintf(err, errlen, "-%c", *c);
				return -1;
			}
	}
	return i;
}

static const char *base(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

bool nest_args_allowed(int argc, char *const argv[], char *err, size_t errlen)
{
	if (argc < 1 || !nest_tool_known(base(argv[0]))) {
		snprintf(err, errlen, "%s", argc < 1 ? "no tool" : argv[0]);
		return false;
	}
	const char *tool = base(argv[0]);
	if (strcmp(tool, "jls") == 0)
		return true; /* lists only: every option prints */
	if (strcmp(tool, "jkill") == 0)
		return options(argc, argv, "s", err, errlen) >= 0;
	if (strcmp(tool, "jexec") == 0)
		return options(argc, argv, "", err, errlen) >= 0;
	int i = options(argc, argv, "crmqv", err, errlen);
	if (i < 0)
		return false;
	bool create = false, remove = false, modify = false;
	for (int k = 1; k < i; k++) {
		create |= strchr(argv[k], 'c') != NULL;
		remove |= strchr(argv[k], 'r') != NULL;
		modify |= strchr(argv[k], 'm') != NULL;
	}
	if (create + remove + modify != 1) {
		snprintf(err, errlen, "only -c, -m or -r");
		return false;
	}
	if (remove)
		return true; /* the jails to remove: names or jids */
	for (; i < argc; i++) {
		/* -m: a child found by name or jid; its path and command stay */
		if (modify && (strncmp(argv[i], "path=", 5) == 0 || strncmp(argv[i], "command", 7) == 0)) {
			snprintf(err, errlen, "%s", argv[i]);
			return false;
		}
		if (modify && strncmp(argv[i], "jid=", 4) == 0)
			continue;
		if (!strchr(argv[i], '=') && strncmp(argv[i], "no", 2) != 0 && strcmp(argv[i], "persist") != 0 &&
		    strncmp(argv[i], "allow.", 6) != 0) {
			snprintf(err, errlen, "%s", argv[i]);
			return false; /* the old syntax, a jail.conf name */
		}
		if (!nest_param_allowed(argv[i])) {
			snprintf(err, errlen, "%s", argv[i]);
			return false;
		}
		if (strncmp(argv[i], "command=", 8) == 0)
			return true; /* the rest is the command */
	}
	return true;
}

bool nest_signal_relayed(int sig)
{
	return sig == SIGINT || sig == SIGTERM || sig == SIGHUP || sig == SIGQUIT || sig == SIGUSR1 ||
	       sig == SIGUSR2 || sig == SIGALRM;
}
