/* SPDX-License-Identifier: BSD-2-Clause */
/* jail(8)'s new syntax: -c param=value ... [command=...], and -r jail ...
 * Parameter names, booleans ("persist", "nopersist", "allow.noset_hostname",
 * "persist=false") and messages follow FreeBSD's jail(8) and libjail. */
#include "cmdline.h"
#include "jail_params.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* "true"/"false" (any case) or an integer. 0 with *val set, or -1. */
static int parse_bool(const char *s, bool *val)
{
	char *end;
	if (strcasecmp(s, "true") == 0) {
		*val = true;
		return 0;
	}
	if (strcasecmp(s, "false") == 0) {
		*val = false;
		return 0;
	}
	long n = strtol(s, &end, 10);
	if (end == s || *end)
		return -1;
	*val = n != 0;
	return 0;
}

static int parse_int(const char *name, const char *s, int *val, char *err, size_t errlen)
{
	char *end;
	errno = 0;
	long n = strtol(s, &end, 10);
	if (end == s || *end || errno || n < -2147483647L || n > 2147483647L) {
		snprintf(err, errlen, "%s: non-integer value \"%s\"", name, s);
		return -1;
	}
	*val = (int)n;
	return 0;
}

/* A boolean parameter: "x", "nox", "x=v", "nox=v" (v inverted). Returns 1
 * if name is the boolean base (with or without "no"), setting *val. */
static int bool_param(const char *base, const char *name, const char *value, bool *val, char *err,
		      size_t errlen)
{
	bool negate;
	size_t blen = strlen(base);
	const char *dot = strrchr(base, '.');
	size_t prefix = dot ? (size_t)(dot - base) + 1 : 0;

	if (strcmp(name, base) == 0)
		negate = false;
	else if (strncmp(name, base, prefix) == 0 && strncmp(name + prefix, "no", 2) == 0 &&
		 strcmp(name + prefix + 2, base + prefix) == 0 && strlen(name) == blen + 2)
		negate = true;
	else
		return 0;
	bool v = true;
	if (value && parse_bool(value, &v)) {
		snprintf(err, errlen, "%s: unknown boolean value \"%s\"", name, value);
		return -1;
	}
	*val = negate ? !v : v;
	return 1;
}

static int set_string(char *dst, size_t size, const char *name, const char *value, char *err, size_t errlen)
{
	if (strlen(value) >= size) {
		snprintf(err, errlen, "%s %s: name too long", name, value);
		return -1;
	}
	strcpy(dst, value);
	return 0;
}

static int need_value(const char *name, const char *value, char *err, size_t errlen)
{
	if (value)
		return 0;
	snprintf(err, errlen, "%s: missing value", name);
	return -1;
}

const char *const jail_exec_names[JAIL_EXEC_COUNT] = {
	"exec.prepare", "exec.prestart", "exec.created", "exec.start", "exec.poststart",
	"exec.prestop", "exec.stop", "exec.poststop", "exec.release",
};

int jail_cmdline_add_exec(struct jail_cmdline *out, const char *name, const char *value, char *err, size_t errlen)
{
	for (int e = 0; e < JAIL_EXEC_COUNT; e++) {
		if (strcmp(name, jail_exec_names[e]) != 0)
			continue;
		if (!value || !value[0])
			return 1;
		int n = 0;
		while (out->exec[e][n])
			n++;
		if (n == JAIL_EXEC_MAX) {
			snprintf(err, errlen, "%s: too many commands", name);
			return -1;
		}
		out->exec[e][n] = value;
		out->exec[e][n + 1] = NULL;
		return 1;
	}
	return 0;
}

int jail_cmdline_add_mount(struct jail_cmdline *out, const char *value, char *err, size_t errlen)
{
	int n = 0;
	if (!value || !value[0])
		return 0;
	while (out->mount[n])
		n++;
	if (n == JAIL_MOUNT_MAX) {
		snprintf(err, errlen, "mount: too many entries");
		return -1;
	}
	out->mount[n] = value;
	out->mount[n + 1] = NULL;
	return 0;
}

static int set_other_param(struct jail_cmdline *out, const char *name, const char *value, char *err,
			   size_t errlen)
{
	bool b;
	int rc;
	for (int e = 0; e < JAIL_EXEC_COUNT; e++)
		if (strcmp(name, jail_exec_names[e]) == 0) {
			if (need_value(name, value, err, errlen))
				return -1;
			out->exec[e][0] = NULL; /* name=value replaces the hook */
			return jail_cmdline_add_exec(out, name, value, err, errlen) < 0 ? -1 : 0;
		}
	if (strcmp(name, "mount") == 0)
		return need_value(name, value, err, errlen) ? -1 : jail_cmdline_add_mount(out, value, err, errlen);
	if (strcmp(name, "mount.fstab") == 0) {
		if (need_value(name, value, err, errlen))
			return -1;
		out->mount_fstab = value[0] ? value : NULL;
		return 0;
	}
	rc = bool_param("exec.clean", name, value, &b, err, errlen);
	if (rc)
		return rc < 0 ? -1 : (out->exec_clean = b, 0);
	rc = bool_param("exec.system_jail_user", name, value, &b, err, errlen);
	if (rc)
		return rc < 0 ? -1 : (out->exec_system_jail_user = b, 0);
	if (strcmp(name, "exec.timeout") == 0)
		return need_value(name, value, err, errlen) || parse_int(name, value, &out->exec_timeout, err, errlen)
			       ? -1 : 0;
	const char **strings[] = {&out->exec_consolelog, &out->exec_jail_user, &out->exec_system_user, &out->depend};
	static const char *const string_names[] = {"exec.consolelog", "exec.jail_user", "exec.system_user", "depend"};
	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
		if (strcmp(name, string_names[i]) == 0) {
			if (need_value(name, value, err, errlen))
				return -1;
			*strings[i] = value[0] ? value : NULL;
			return 0;
		}
	rc = jail_param_set(&out->jail, name, value, err, errlen);
	if (rc)
		return rc < 0 ? -1 : 0;
	snprintf(err, errlen, "unknown parameter: %s", name);
	return -1;
}

int jail_cmdline_set_param(struct jail_cmdline *out, const char *name, const char *value, char *err, size_t errlen)
{
	struct jail *j = &out->jail;
	bool b;
	int rc;

	if (strcmp(name, "jid") == 0) {
		if (need_value(name, value, err, errlen) || parse_int(name, value, &j->jid, err, errlen))
			return -1;
		if (j->jid < 0) {
			snprintf(err, errlen, "negative jid");
			return -1;
		}
		return 0;
	}
	if (strcmp(name, "name") == 0) {
		if (need_value(name, value, err, errlen) || set_string(j->name, sizeof(j->name), name, value, err, errlen))
			return -1;
		/* "p.x": child x of p (tools/nest_create.c) */
		out->name_given = value[0] != '\0';
		return 0;
	}
	if (strcmp(name, "path") == 0)
		return need_value(name, value, err, errlen) || jail_cmdline_set_path(j, value, err, errlen) ? -1 : 0;
	if (strcmp(name, "host.hostname") == 0 || strcmp(name, "host.domainname") == 0) {
		if (need_value(name, value, err, errlen))
			return -1;
		bool host = name[5] == 'h';
		rc = host ? jail_set_hostname(j, value, strlen(value)) : jail_set_domainname(j, value, strlen(value));
		if (rc) {
			snprintf(err, errlen, "%s %s: name too long", name, value);
			return -1;
		}
		return 0;
	}
	if (strcmp(name, "ip4.addr") == 0 || strcmp(name, "ip6.addr") == 0) {
		if (need_value(name, value, err, errlen))
			return -1;
		return jail_parse_addrs_af(j, name[2] == '6' ? AF_INET6 : AF_INET, value, err, errlen);
	}
	if (strcmp(name, "stop.timeout") == 0) {
		if (need_value(name, value, err, errlen) || parse_int(name, value, &out->stop_timeout, err, errlen))
			return -1;
		if (out->stop_timeout < 0)
			out->stop_timeout = 0;
		return 0;
	}
	rc = bool_param("persist", name, value, &b, err, errlen);
	if (rc < 0)
		return -1;
	if (rc > 0) {
		j->persist = b;
		return 0;
	}
	if (strncmp(name, "allow.", 6) == 0) {
		for (int a = 0; a < JAIL_ALLOW_COUNT; a++) {
			char base[64];
			snprintf(base, sizeof(base), "allow.%s", jail_allow_name((enum jail_allow)a));
			rc = bool_param(base, name, value, &b, err, errlen);
			if (rc < 0)
				return -1;
			if (rc > 0) {
				j->allow[a] = b;
				return 0;
			}
		}
	}
	return set_other_param(out, name, value, err, errlen);
}

static int parse_create(int argc, char **argv, struct jail_cmdline *out, char *err, size_t errlen)
{
	/* FreeBSD: with no param=value argument the jails come from jail.conf */
	if (argc == 0 || (argc == 1 && !strchr(argv[0], '='))) {
		out->from_conf = true;
		out->targets = argc ? argv : NULL;
		return 0;
	}
	for (int i = 0; i < argc; i++) {
		if (strncmp(argv[i], "command", 7) == 0 && (argv[i][7] == '\0' || argv[i][7] == '=')) {
			if (argv[i][7] == '=') {
				argv[i] += 8;
				out->command = argv + i;
			} else {
				out->command = argv + i + 1;
			}
			if (!out->command[0] || !out->command[0][0]) {
				snprintf(err, errlen, "command: missing value");
				return -1;
			}
			break;
		}
		char name[128];
		const char *eq = strchr(argv[i], '=');
		size_t len = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
		if (len >= sizeof(name)) {
			snprintf(err, errlen, "unknown parameter: %s", argv[i]);
			return -1;
		}
		memcpy(name, argv[i], len);
		name[len] = '\0';
		if (jail_cmdline_set_param(out, name, eq ? eq + 1 : NULL, err, errlen))
			return -1;
	}
	return 0;
}

int jail_parse_cmdline(int argc, char **argv, struct jail_cmdline *out, char *err, size_t errlen)
{
	bool create = false, remove = false, modify = false, exhibit = false;
	const char *name = NULL, *securelevel = NULL, *user = NULL;
	bool host_user = false, ip_hostname = false;
	int opt;

	memset(out, 0, sizeof(*out));
	jail_init(&out->jail);
	out->stop_timeout = JAIL_STOP_TIMEOUT_DEFAULT;
	optind = 0; /* glibc: 0 restarts the scan from scratch */
	opterr = 0;
	while ((opt = getopt(argc, argv, "+cde:f:hiJ:lmn:p:qrRs:u:U:vL:")) != -1) {
		if (jail_cmdline_output_flag(opt, optarg, out))
			continue;
		switch (opt) {
		case 'c':
			create = true;
			break;
		case 'R':
			out->no_hooks = true;
			/* fall through */
		case 'r':
			remove = true;
			break;
		case 'm':
			modify = true;
			break;
		case 'e':
			exhibit = true;
			out->separator = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 'f':
			out->conf_file = optarg;
			break;
		case 'd':
		case 'p':
			break; /* FreeBSD: modify dying jails; parallel start limit */
		case 'h':
			ip_hostname = true;
			break;
		case 'J':
			out->jid_file = optarg;
			break;
		case 'l':
			out->exec_clean = true;
			break;
		case 's':
			securelevel = optarg;
			break;
		case 'u':
		case 'U':
			user = optarg;
			host_user = opt == 'u';
			break;
		default:
			return 1;
		}
	}
	if (securelevel && jail_cmdline_set_param(out, "securelevel", securelevel, err, errlen))
		return -1;
	if (user) {
		out->exec_jail_user = user;
		out->exec_system_jail_user = host_user;
	}
	if (ip_hostname && jail_cmdline_set_param(out, "ip_hostname", NULL, err, errlen))
		return -1;
	if (exhibit) {
		if (create || remove || modify)
			return 1;
		out->op = JAIL_OP_EXHIBIT;
		return 0;
	}
	if (!create && !remove && !modify) {
		/* the old syntax: the options above apply to it too */
		struct jail_cmdline opts = *out;
		int rc = jail_parse_old_syntax(argc, argv, out, err, errlen);
		if (rc)
			return rc;
		out->exec_clean = opts.exec_clean;
		out->exec_jail_user = opts.exec_jail_user;
		out->exec_system_jail_user = opts.exec_system_jail_user;
		out->jid_file = opts.jid_file;
		out->jail.securelevel = opts.jail.securelevel;
		memcpy(out->jail.extra, opts.jail.extra, sizeof(out->jail.extra));
		return 0;
	}
	if (remove && modify)
		return 1;
	argc -= optind;
	argv += optind;
	if (remove && !create) {
		out->op = JAIL_OP_REMOVE;
		if (argc == 0 || name)
			return 1;
		for (int i = 0; i < argc; i++)
			if (strchr(argv[i], '='))
				return 1;
		out->targets = argv;
		return 0;
	}
	out->op = remove ? JAIL_OP_RESTART : modify && create ? JAIL_OP_CREATE_OR_MODIFY
					   : modify ? JAIL_OP_MODIFY : JAIL_OP_CREATE;
	if (name && jail_cmdline_set_param(out, "name", name, err, errlen))
		return -1;
	out->params = argv;
	out->nparams = argc;
	return parse_create(argc, argv, out, err, errlen);
}
