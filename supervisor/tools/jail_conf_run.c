/* SPDX-License-Identifier: BSD-2-Clause */
#include "jail_conf_run.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../policy/jail_conf.h"
#include "../manage/registry.h"
#include "jail_hooks.h"

#define MAX_CONF_JAILS 256

static const char *conf_path(const struct jail_cmdline *cl)
{
	return cl->conf_file ? cl->conf_file : JAIL_CONF_DEFAULT;
}

/* The command line of jail `name` as the file describes it, with the
 * options given to jail(8) itself. 0, or 1 after printing why. */
static int settings_of(const struct jail_conf *conf, const char *name, const struct jail_cmdline *cl,
		       struct jail_cmdline *out, struct conf_setting **settings, int *count)
{
	char err[PATH_MAX + 128];
	struct conf_setting *s;

	memset(out, 0, sizeof(*out));
	jail_init(&out->jail);
	out->stop_timeout = JAIL_STOP_TIMEOUT_DEFAULT;
	out->op = cl->op;
	out->quiet = cl->quiet;
	out->verbose = cl->verbose;
	out->report_log = cl->report_log;
	out->print_jid = cl->print_jid;
	out->from_conf = true;
	out->label = name;
	int n = jail_conf_resolve(conf, name, &s, err, sizeof(err));
	if (n < 0) {
		fprintf(stderr, "jail: %s\n", err);
		return 1;
	}
	/* out keeps pointers into the settings: the caller frees them */
	*settings = s;
	*count = n;
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		/* "command" in a file is exec.start */
		const char *pname = strcmp(s[i].name, "command") == 0 ? "exec.start" : s[i].name;
		int hook = 0;
		for (int e = 0; e < JAIL_EXEC_COUNT && !hook; e++)
			hook = strcmp(pname, jail_exec_names[e]) == 0 ? e + 1 : 0;
		if (hook) {
			out->exec[hook - 1][0] = NULL;
			for (size_t k = 0; k < s[i].nvalues && rc == 0; k++)
				rc = jail_cmdline_add_exec(out, pname, s[i].values[k], err, sizeof(err)) < 0 ? -1 : 0;
			continue;
		}
		if (strcmp(pname, "mount") == 0) { /* each value one fstab line */
			out->mount[0] = NULL;
			for (size_t k = 0; k < s[i].nvalues && rc == 0; k++)
				rc = jail_cmdline_add_mount(out, s[i].values[k], err, sizeof(err));
			continue;
		}
		rc = jail_cmdline_set_param(out, pname, s[i].value, err, sizeof(err));
	}
	/* options given to jail(8) apply over the file (-l is exec.clean) */
	if (rc == 0 && cl->exec_clean)
		out->exec_clean = true;
	if (rc) {
		fprintf(stderr, "jail: %s: %s\n", name, err);
		return 1;
	}
	return 0;
}

static int load(const struct jail_cmdline *cl, struct jail_conf *conf)
{
	char err[PATH_MAX + 128];
	if (jail_conf_load(conf_path(cl), conf, err, sizeof(err))) {
		fprintf(stderr, "jail: %s\n", err);
		return 1;
	}
	return 0;
}

/* The jails `name` depends on (its depend parameter), into deps; count. */
static int depends_of(const struct jail_conf *conf, const char *name, char deps[][JAIL_NAME_MAX], int max)
{
	struct conf_setting *s;
	char err[PATH_MAX + 128];
	int n = jail_conf_resolve(conf, name, &s, err, sizeof(err)), count = 0;
	for (int i = 0; i < n; i++)
		if (strcmp(s[i].name, "depend") == 0)
			for (size_t k = 0; k < s[i].nvalues; k++) {
				char *copy = strdup(s[i].values[k]);
				for (char *save = NULL, *w = copy ? strtok_r(copy, ", ", &save) : NULL; w && count < max;
				     w = strtok_r(NULL, ", ", &save))
					snprintf(deps[count++], JAIL_NAME_MAX, "%s", w);
				free(copy);
			}
	jail_conf_settings_free(s, n > 0 ? n : 0);
	return count;
}

/* depend: the jails a jail depends on are created first (those not
 * running yet), FreeBSD's order; a loop is an error. */
static int create_with_depends(const struct jail_conf *conf, const char *name, const struct jail_cmdline *cl,
			       int depth)
{
	static char deps[8][16][JAIL_NAME_MAX];
	if (depth >= 8) {
		fprintf(stderr, "jail: %s: depend: dependency loop\n", name);
		return 1;
	}
	int nd = depends_of(conf, name, deps[depth], 16);
	for (int d = 0; d < nd; d++) {
		if (jail_lookup(deps[depth][d], NULL, 0))
			continue; /* already running */
		if (!jail_conf_has(conf, deps[depth][d])) {
			fprintf(stderr, "jail: %s: depend: \"%s\" not found\n", name, deps[depth][d]);
			return 1;
		}
		if (create_with_depends(conf, deps[depth][d], cl, depth + 1))
			return 1;
	}
	if (depth > 0 && jail_lookup(name, NULL, 0))
		return 0;
	static struct jail_cmdline one;
	struct conf_setting *s = NULL;
	int ns = 0;
	int rc = settings_of(conf, name, cl, &one, &s, &ns) || jail_start(&one);
	jail_conf_settings_free(s, ns);
	return rc ? 1 : 0;
}

int conf_create(const struct jail_cmdline *cl)
{
	static struct jail_conf conf;
	const char *names[MAX_CONF_JAILS];
	size_t n;

	if (load(cl, &conf))
		return 1;
	if (cl->targets) {
		for (n = 0; cl->targets[n] && n < MAX_CONF_JAILS; n++) {
			names[n] = cl->targets[n];
			if (!jail_conf_has(&conf, names[n])) {
				fprintf(stderr, "jail: \"%s\" not found\n", names[n]);
				jail_conf_free(&conf);
				return 1;
			}
		}
	} else {
		n = jail_conf_names(&conf, names, MAX_CONF_JAILS);
	}
	int status = 0;
	for (size_t i = 0; i < n; i++)
		if (create_with_depends(&conf, names[i], cl, 0))
			status = 1;
	jail_conf_free(&conf);
	return status;
}

/* The block of the file for a running jail: by the key as given, else by
 * the jail's name (jail -r JID of a jail the file names). NULL if none. */
static const char *block_of(const struct jail_conf *conf, const char *key)
{
	char name[JAIL_NAME_MAX];
	if (jail_conf_has(conf, key))
		return key;
	if (!jail_lookup(key, name, sizeof(name)))
		return NULL;
	const char *names[MAX_CONF_JAILS];
	size_t n = jail_conf_names(conf, names, MAX_CONF_JAILS);
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return names[i];
	return NULL;
}

static int remove_target(const struct jail_cmdline *cl, const struct jail_conf *conf, const char *target,
			 const char *label, const char *argv0);

/* depend, on removal: the running jails of the file that depend on
 * `name` are removed first. */
static int remove_dependents(const struct jail_cmdline *cl, const struct jail_conf *conf, const char *name,
			     const char *argv0)
{
	const char *names[MAX_CONF_JAILS];
	char deps[16][JAIL_NAME_MAX];
	size_t n = jail_conf_names(conf, names, MAX_CONF_JAILS);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(names[i], name) == 0 || !jail_lookup(names[i], NULL, 0))
			continue;
		int nd = depends_of(conf, names[i], deps, 16);
		for (int d = 0; d < nd; d++)
			if (strcmp(deps[d], name) == 0 && remove_target(cl, conf, names[i], names[i], argv0))
				return 1;
	}
	return 0;
}

/* One target of jail -r: with the file's stop hooks if it names the jail. */
static int remove_target(const struct jail_cmdline *cl, const struct jail_conf *conf, const char *target,
			 const char *label, const char *argv0)
{
	static struct jail_cmdline one;
	const char *block = conf ? block_of(conf, target) : NULL;
	if (!block) {
		memset(&one, 0, sizeof(one));
		one.op = JAIL_OP_REMOVE;
		one.quiet = cl->quiet;
		one.label = label;
		return jail_stop(&one, target, argv0);
	}
	if (remove_dependents(cl, conf, block, argv0))
		return 1;
	struct conf_setting *s = NULL;
	int ns = 0, rc = settings_of(conf, block, cl, &one, &s, &ns);
	if (rc == 0) {
		one.label = label;
		rc = jail_stop(&one, target, argv0);
	}
	jail_conf_settings_free(s, ns);
	return rc;
}

int conf_remove(const struct jail_cmdline *cl, const char *argv0)
{
	static struct jail_conf conf;
	bool have = false;

	/* -R: no file, no hooks; without -f the default file only if present */
	if (!cl->no_hooks && (cl->conf_file || access(JAIL_CONF_DEFAULT, F_OK) == 0)) {
		if (load(cl, &conf))
			return 1;
		have = true;
	}
	int status = 0;
	for (char **t = cl->targets; *t; t++) {
		if (strcmp(*t, "*") != 0) {
			if (remove_target(cl, have ? &conf : NULL, *t, *t, argv0))
				status = 1;
			continue;
		}
		struct registry reg;
		struct reg_entry *list = NULL;
		char err[PATH_MAX + 128];
		if (registry_open(&reg, err, sizeof(err))) {
			fprintf(stderr, "jail: %s\n", err);
			status = 1;
			continue;
		}
		int n = registry_lock(&reg) == 0 ? registry_list(&reg, &list) : -1;
		registry_unlock(&reg);
		registry_close(&reg);
		for (int i = 0; i < n; i++)
			if (remove_target(cl, have ? &conf : NULL, list[i].name, list[i].name, argv0))
				status = 1;
		free(list);
	}
	if (have)
		jail_conf_free(&conf);
	return status;
}

int conf_exhibit(const struct jail_cmdline *cl)
{
	static struct jail_conf conf;
	const char *names[MAX_CONF_JAILS];
	char err[PATH_MAX + 128];

	if (load(cl, &conf))
		return 1;
	size_t n = jail_conf_names(&conf, names, MAX_CONF_JAILS);
	int status = 0;
	for (size_t i = 0; i < n; i++) {
		struct conf_setting *s;
		int ns = jail_conf_resolve(&conf, names[i], &s, err, sizeof(err));
		if (ns < 0) {
			fprintf(stderr, "jail: %s\n", err);
			status = 1;
			continue;
		}
		for (int k = 0; k < ns; k++)
			printf("%s%s%s%s", k ? cl->separator : "", s[k].name, s[k].value ? "=" : "",
			       s[k].value ? s[k].value : "");
		putchar('\n');
		jail_conf_settings_free(s, ns);
	}
	jail_conf_free(&conf);
	return status;
}
