/* SPDX-License-Identifier: BSD-2-Clause */
#include "jail_conf_run.h"
#include "jail_one.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../policy/jail_conf.h"
#include "../manage/registry.h"

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
	out->op = JAIL_OP_CREATE;
	out->quiet = cl->quiet;
	out->verbose = cl->verbose;
	out->report_log = cl->report_log;
	out->print_jid = cl->print_jid;
	int n = jail_conf_resolve(conf, name, &s, err, sizeof(err));
	if (n < 0) {
		fprintf(stderr, "jail: %s\n", err);
		return 1;
	}
	/* out keeps pointers into the settings: the caller frees them */
	*settings = s;
	*count = n;
	int rc = jail_cmdline_set_param(out, "name", name, err, sizeof(err));
	for (int i = 0; i < n && rc == 0; i++) {
		/* "command" in a file is exec.start */
		const char *pname = strcmp(s[i].name, "command") == 0 ? "exec.start" : s[i].name;
		rc = jail_cmdline_set_param(out, pname, s[i].value, err, sizeof(err));
	}
	if (rc) {
		fprintf(stderr, "jail: %s: %s\n", name, err);
		return 1;
	}
	return 0;
}

/* A host-side exec.* command: /bin/sh -c, with JID, JNAME, JPATH. */
static int run_host(const struct jail_cmdline *j, enum jail_exec which, int jid)
{
	const char *cmd = j->exec[which];
	if (!cmd)
		return 0;
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "jail: %s: %s: %s\n", j->jail.name, jail_exec_names[which], strerror(errno));
		return 1;
	}
	if (pid == 0) {
		char id[16] = "";
		if (jid > 0)
			snprintf(id, sizeof(id), "%d", jid);
		setenv("JID", id, 1);
		setenv("JNAME", j->jail.name, 1);
		setenv("JPATH", j->jail.path, 1);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	fprintf(stderr, "jail: %s: %s %s: failed\n", j->jail.name, jail_exec_names[which], cmd);
	return 1;
}

/* exec.clean: what FreeBSD keeps (TERM) and sets (HOME, SHELL, USER). */
static void clean_environment(void)
{
	const char *term = getenv("TERM");
	char *keep = term ? strdup(term) : NULL;
	struct passwd *pw = getpwuid(getuid());
	char *home = pw ? strdup(pw->pw_dir) : NULL, *user = pw ? strdup(pw->pw_name) : NULL;
	char *shell = pw && pw->pw_shell[0] ? strdup(pw->pw_shell) : NULL;
	clearenv();
	setenv("PATH", "/sbin:/bin:/usr/sbin:/usr/bin", 1);
	if (keep)
		setenv("TERM", keep, 1);
	setenv("HOME", home ? home : "/", 1);
	setenv("SHELL", shell ? shell : "/bin/sh", 1);
	if (user)
		setenv("USER", user, 1);
	free(keep);
	free(home);
	free(user);
	free(shell);
}

static int jid_of(const char *name)
{
	struct registry reg;
	struct reg_entry e;
	char err[PATH_MAX + 128];
	if (registry_open(&reg, err, sizeof(err)))
		return 0;
	int jid = registry_find(&reg, name, &e) == 0 ? e.jid : 0;
	return jid;
}

/* One jail of the file: exec.prestart, the jail with exec.start as its
 * command (in a child: jail_create ends as the command's front), then
 * exec.poststart. */
static int create_one(struct jail_cmdline *j)
{
	char *start_argv[] = {"/bin/sh", "-c", (char *)j->exec[JAIL_EXEC_START], NULL};
	if (j->exec[JAIL_EXEC_START])
		j->command = start_argv;
	if (run_host(j, JAIL_EXEC_PRESTART, 0))
		return 1;
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "jail: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		/* commands start at the jail's root, as jail_attach leaves them */
		if (chdir(j->jail.path) < 0) {
			fprintf(stderr, "jail: %s: chdir %s: %s\n", j->jail.name, j->jail.path, strerror(errno));
			_exit(1);
		}
		if (j->exec_clean)
			clean_environment();
		_exit(jail_create(j));
	}
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
	int jid = jid_of(j->jail.name);
	if (rc) {
		if (j->command)
			fprintf(stderr, "jail: %s: exec.start failed\n", j->jail.name);
		/* FreeBSD removes a jail whose start failed */
		if (jid) {
			char *targets[] = {j->jail.name, NULL};
			struct jail_cmdline r = {.op = JAIL_OP_REMOVE, .quiet = true, .targets = targets};
			jail_remove(&r);
		}
		return 1;
	}
	if (!j->quiet)
		printf("%s: created\n", j->jail.name);
	fflush(stdout);
	return run_host(j, JAIL_EXEC_POSTSTART, jid);
}

int conf_create(const struct jail_cmdline *cl)
{
	static struct jail_conf conf;
	char err[PATH_MAX + 128];
	const char *names[MAX_CONF_JAILS];
	size_t n;

	if (jail_conf_load(conf_path(cl), &conf, err, sizeof(err))) {
		fprintf(stderr, "jail: %s\n", err);
		return 1;
	}
	if (cl->targets) {
		for (n = 0; cl->targets[n] && n < MAX_CONF_JAILS; n++)
			names[n] = cl->targets[n];
	} else {
		n = jail_conf_names(&conf, names, MAX_CONF_JAILS);
	}
	int status = 0;
	for (size_t i = 0; i < n; i++) {
		static struct jail_cmdline one;
		struct conf_setting *s = NULL;
		int ns = 0;
		/* a name the file lacks still gets its global and "*" statements */
		if (settings_of(&conf, names[i], cl, &one, &s, &ns) || create_one(&one))
			status = 1;
		jail_conf_settings_free(s, ns);
	}
	jail_conf_free(&conf);
	return status;
}

/* exec.prestop, exec.stop (inside, through jexec), the removal, exec.poststop. */
static int remove_one(const struct jail_cmdline *cl, struct jail_cmdline *j, const char *target, const char *argv0)
{
	int jid = jid_of(target);
	if (!jid) {
		if (!cl->quiet)
			fprintf(stderr, "jail: \"%s\" not found\n", target);
		return 1;
	}
	if (run_host(j, JAIL_EXEC_PRESTOP, jid))
		return 1;
	if (j->exec[JAIL_EXEC_STOP]) {
		char jexec[PATH_MAX];
		const char *slash = strrchr(argv0, '/');
		if (slash)
			snprintf(jexec, sizeof(jexec), "%.*s/jexec", (int)(slash - argv0), argv0);
		else
			snprintf(jexec, sizeof(jexec), "jexec");
		pid_t pid = fork();
		if (pid == 0) {
			execlp(jexec, "jexec", target, "/bin/sh", "-c", j->exec[JAIL_EXEC_STOP], (char *)NULL);
			fprintf(stderr, "jail: %s: %s\n", jexec, strerror(errno));
			_exit(127);
		}
		int status = 1;
		while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "jail: %s: exec.stop %s: failed\n", target, j->exec[JAIL_EXEC_STOP]);
			return 1;
		}
	}
	char *targets[] = {(char *)target, NULL};
	struct jail_cmdline r = *cl;
	r.targets = targets;
	r.quiet = true;
	if (jail_remove(&r))
		return 1;
	if (!cl->quiet)
		printf("%s: removed\n", target);
	fflush(stdout);
	return run_host(j, JAIL_EXEC_POSTSTOP, jid);
}

int conf_remove(const struct jail_cmdline *cl, const char *argv0)
{
	static struct jail_conf conf;
	char err[PATH_MAX + 128];

	if (jail_conf_load(conf_path(cl), &conf, err, sizeof(err))) {
		fprintf(stderr, "jail: %s\n", err);
		return 1;
	}
	bool any = false;
	for (char **t = cl->targets; *t; t++)
		any = any || jail_conf_has(&conf, *t);
	if (!any) { /* none described by the file: a plain removal */
		jail_conf_free(&conf);
		return jail_remove(cl);
	}
	int status = 0;
	for (char **t = cl->targets; *t; t++) {
		static struct jail_cmdline one;
		char *single[] = {*t, NULL};
		struct jail_cmdline plain = *cl;
		plain.targets = single;
		if (strcmp(*t, "*") == 0 || !jail_conf_has(&conf, *t)) {
			if (jail_remove(&plain))
				status = 1;
			continue;
		}
		struct conf_setting *s = NULL;
		int ns = 0;
		if (settings_of(&conf, *t, cl, &one, &s, &ns) || remove_one(cl, &one, *t, argv0))
			status = 1;
		jail_conf_settings_free(s, ns);
	}
	jail_conf_free(&conf);
	return status;
}
