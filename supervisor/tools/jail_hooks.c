/* SPDX-License-Identifier: BSD-2-Clause */
/* The start and stop sequences of jail(8), with their exec.* hooks
 * (jail_hooks.h). */
#include "jail_hooks.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netdb.h>

#include "../../policy/jail_params.h"
#include "../manage/registry.h"
#include "jail_conf_run.h"
#include "jail_one.h"
#include "nest_create.h"

int jail_lookup(const char *key, char *name, size_t size)
{
	struct registry reg;
	struct reg_entry e;
	char err[PATH_MAX + 128];
	if (registry_open(&reg, err, sizeof(err)))
		return 0;
	int jid = 0;
	if (registry_lock(&reg) == 0) {
		if (registry_find(&reg, key, &e) == 0) {
			jid = e.jid;
			if (name)
				snprintf(name, size, "%s", e.name);
		}
		registry_unlock(&reg);
	}
	registry_close(&reg);
	return jid;
}

/* Waits for pid, killing it after timeout seconds (0: no limit). Its wait
 * status, or -1 when it timed out. */
static int wait_hook(pid_t pid, int timeout)
{
	int status = 0;
	if (timeout > 0) {
		int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
		if (pidfd >= 0) {
			struct pollfd p = {.fd = pidfd, .events = POLLIN};
			int rc;
			do
				rc = poll(&p, 1, timeout * 1000);
			while (rc < 0 && errno == EINTR);
			close(pidfd);
			if (rc == 0) {
				kill(pid, SIGKILL);
				while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
					;
				return -1;
			}
		}
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

/* In a hook's child: output to exec.consolelog, identity exec.system_user. */
static void hook_child_setup(const struct jail_cmdline *j, bool host)
{
	if (j->exec_consolelog) {
		int fd = open(j->exec_consolelog, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
		if (fd < 0) {
			fprintf(stderr, "jail: %s: %s: %s\n", j->jail.name, j->exec_consolelog, strerror(errno));
			_exit(126);
		}
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
	}
	if (host && j->exec_system_user) {
		struct passwd *pw = getpwnam(j->exec_system_user);
		if (!pw) {
			fprintf(stderr, "jail: %s: exec.system_user: unknown user %s\n", j->jail.name, j->exec_system_user);
			_exit(126);
		}
		if (pw->pw_uid != geteuid() &&
		    (initgroups(pw->pw_name, pw->pw_gid) < 0 || setgid(pw->pw_gid) < 0 || setuid(pw->pw_uid) < 0)) {
			fprintf(stderr, "jail: %s: exec.system_user %s: %s\n", j->jail.name, pw->pw_name, strerror(errno));
			_exit(126);
		}
	}
}

static int hook_result(const struct jail_cmdline *j, enum jail_exec which, const char *cmd, int status)
{
	if (status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (status < 0)
		fprintf(stderr, "jail: %s: %s %s: timed out\n", j->jail.name, jail_exec_names[which], cmd);
	else
		fprintf(stderr, "jail: %s: %s %s: failed\n", j->jail.name, jail_exec_names[which], cmd);
	return 1;
}

int jail_run_host_hooks(const struct jail_cmdline *j, enum jail_exec which, int jid)
{
	for (int i = 0; j->exec[which][i]; i++) {
		const char *cmd = j->exec[which][i];
		fflush(NULL);
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
			hook_child_setup(j, true);
			execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
			_exit(127);
		}
		if (hook_result(j, which, cmd, wait_hook(pid, j->exec_timeout)))
			return 1;
	}
	return 0;
}

/* exec.stop: each command inside the jail, through jexec (as
 * exec.jail_user when given). */
static int run_jail_hooks(const struct jail_cmdline *j, enum jail_exec which, const char *target, const char *argv0)
{
	char jexec[PATH_MAX];
	const char *slash = strrchr(argv0, '/');
	if (slash)
		snprintf(jexec, sizeof(jexec), "%.*s/jexec", (int)(slash - argv0), argv0);
	else
		snprintf(jexec, sizeof(jexec), "jexec");
	for (int i = 0; j->exec[which][i]; i++) {
		const char *cmd = j->exec[which][i];
		fflush(NULL);
		pid_t pid = fork();
		if (pid < 0)
			return hook_result(j, which, cmd, 1 << 8);
		if (pid == 0) {
			hook_child_setup(j, false);
			const char *user_flag = j->exec_system_jail_user ? "-u" : "-U";
			if (j->exec_jail_user)
				execlp(jexec, "jexec", user_flag, j->exec_jail_user, target, "/bin/sh", "-c", cmd,
				       (char *)NULL);
			else
				execlp(jexec, "jexec", target, "/bin/sh", "-c", cmd, (char *)NULL);
			fprintf(stderr, "jail: %s: %s\n", jexec, strerror(errno));
			_exit(127);
		}
		if (hook_result(j, which, cmd, wait_hook(pid, j->exec_timeout)))
			return 1;
	}
	return 0;
}

/* exec.clean: what FreeBSD keeps (TERM) and sets (HOME, SHELL, USER). */
void jail_clean_environment(void)
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

/* The shell that runs several exec.start commands one at a time, then the
 * command= argv if any ($1: how many commands come first). */
static const char start_script[] =
	"n=$1; shift; while [ \"$n\" -gt 0 ]; do /bin/sh -c \"$1\" || exit; shift; n=$((n - 1)); done; "
	"[ $# -eq 0 ] || exec \"$@\"";

/* exec.jail_user (-U, -u): the jail's command runs as that user, through
 * util-linux's setpriv inside the jail (the jailed root keeps the right to
 * change its credentials, as FreeBSD's does). -u looks the user up on the
 * host, -U in the jail's password file. 0, or 1 after saying why. */
static int command_as_user(struct jail_cmdline *j)
{
	static char *argv[256];
	static char uid[32], gid[32], groups[1024];
	if (!j->exec_jail_user || !j->command)
		return 0;
	struct passwd *pw = NULL;
	if (j->exec_system_jail_user) {
		pw = getpwnam(j->exec_jail_user);
	} else {
		char file[PATH_MAX + 16];
		snprintf(file, sizeof(file), "%s/etc/passwd", strcmp(j->jail.path, "/") ? j->jail.path : "");
		FILE *f = fopen(file, "re");
		while (f && (pw = fgetpwent(f)) && strcmp(pw->pw_name, j->exec_jail_user) != 0)
			;
		if (f)
			fclose(f);
	}
	if (!pw) {
		fprintf(stderr, "jail: %s: getpwnam: %s: no such user\n", j->jail.name, j->exec_jail_user);
		return 1;
	}
	if (geteuid() != 0 && pw->pw_uid != geteuid()) {
		fprintf(stderr, "jail: %s: %s: %s\n", j->jail.name, j->exec_jail_user, strerror(EPERM));
		return 1;
	}
	snprintf(uid, sizeof(uid), "--reuid=%u", (unsigned)pw->pw_uid);
	snprintf(gid, sizeof(gid), "--regid=%u", (unsigned)pw->pw_gid);
	gid_t list[64];
	int ng = 64;
	if (j->exec_system_jail_user && getgrouplist(pw->pw_name, pw->pw_gid, list, &ng) >= 0) {
		size_t len = (size_t)snprintf(groups, sizeof(groups), "--groups=");
		for (int i = 0; i < ng && len < sizeof(groups) - 16; i++)
			len += (size_t)snprintf(groups + len, sizeof(groups) - len, "%s%u", i ? "," : "", (unsigned)list[i]);
	} else {
		snprintf(groups, sizeof(groups), "--clear-groups");
	}
	int n = 0;
	argv[n++] = "/usr/bin/setpriv";
	argv[n++] = uid;
	argv[n++] = gid;
	argv[n++] = groups;
	argv[n++] = "--";
	for (int i = 0; j->command[i] && n < 255; i++)
		argv[n++] = j->command[i];
	argv[n] = NULL;
	j->command = argv;
	return 0;
}

/* -h / ip_hostname: the addresses host.hostname resolves to join the
 * jail's. 0, or 1 after saying why (FreeBSD's words). */
static int resolve_hostname(struct jail_cmdline *j)
{
	char buf[16], err[256];
	const char *v = jail_extra_get(&j->jail, "ip_hostname", buf, sizeof(buf));
	if (!v || strcmp(v, "true") != 0)
		return 0;
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *ai0;
	int rc = getaddrinfo(j->jail.hostname, NULL, &hints, &ai0);
	if (rc) {
		fprintf(stderr, "jail: %s: host.hostname %s: %s\n", j->jail.name, j->jail.hostname, gai_strerror(rc));
		return 1;
	}
	for (struct addrinfo *ai = ai0; ai; ai = ai->ai_next) {
		char text[INET6_ADDRSTRLEN];
		const void *a = ai->ai_family == AF_INET ? (const void *)&((struct sockaddr_in *)ai->ai_addr)->sin_addr
							 : (const void *)&((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr;
		if ((ai->ai_family != AF_INET && ai->ai_family != AF_INET6) ||
		    !inet_ntop(ai->ai_family, a, text, sizeof(text)))
			continue;
		struct jail probe = j->jail;
		if (jail_parse_addrs_af(&probe, ai->ai_family, text, err, sizeof(err)) == 0)
			j->jail = probe; /* a duplicate is skipped */
	}
	freeaddrinfo(ai0);
	return 0;
}

int jail_prepare_command(struct jail_cmdline *j)
{
	return resolve_hostname(j) || command_as_user(j);
}

int jail_start(struct jail_cmdline *j)
{
	static char *argv[JAIL_EXEC_MAX + 64 + 8];
	char key[32];
	bool passthrough = j->command != NULL; /* command= given: its status is ours */
	int nstart = 0;

	while (j->exec[JAIL_EXEC_START][nstart])
		nstart++;
	/* an existing jail: refused before any hook runs */
	if (j->jail.jid)
		snprintf(key, sizeof(key), "%d", j->jail.jid);
	if ((j->jail.jid && jail_lookup(key, NULL, 0)) || (j->jail.name[0] && jail_lookup(j->jail.name, NULL, 0))) {
		if (j->op == JAIL_OP_CREATE_OR_MODIFY && j->from_conf)
			return 0; /* -cm from the file: a running jail stays as it is */
		fprintf(stderr, "jail: \"%s\" already exists\n", j->jail.jid ? key : j->jail.name);
		return 1;
	}
	/* name=p.x on the host: child x of p (FreeBSD), made as p would make it */
	if (nest_prepare_host_child(j))
		return 1;
	if (nstart == 1 && !j->command) {
		argv[0] = "/bin/sh";
		argv[1] = "-c";
		argv[2] = (char *)j->exec[JAIL_EXEC_START][0];
		argv[3] = NULL;
		j->command = argv;
	} else if (nstart) {
		int n = 0;
		static char count[16];
		snprintf(count, sizeof(count), "%d", nstart);
		argv[n++] = "/bin/sh";
		argv[n++] = "-c";
		argv[n++] = (char *)start_script;
		argv[n++] = "sh";
		argv[n++] = count;
		for (int i = 0; i < nstart; i++)
			argv[n++] = (char *)j->exec[JAIL_EXEC_START][i];
		for (int i = 0; j->command && j->command[i] && n < (int)(sizeof(argv) / sizeof(argv[0])) - 1; i++)
			argv[n++] = j->command[i];
		argv[n] = NULL;
		j->command = argv;
	}
	if (jail_prepare_command(j))
		return 1;
	if (jail_run_host_hooks(j, JAIL_EXEC_PREPARE, 0) || jail_run_host_hooks(j, JAIL_EXEC_PRESTART, 0))
		return 1;
	int jidpipe[2];
	if (pipe2(jidpipe, O_CLOEXEC) < 0) {
		fprintf(stderr, "jail: pipe: %s\n", strerror(errno));
		return 1;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "jail: fork: %s\n", strerror(errno));
		close(jidpipe[0]);
		close(jidpipe[1]);
		return 1;
	}
	if (pid == 0) {
		close(jidpipe[0]);
		/* jail.conf's commands start at the jail's root, as jail_attach
		 * leaves them; command= in the current directory if inside */
		if (j->from_conf && chdir(j->jail.path) < 0) {
			fprintf(stderr, "jail: %s: chdir %s: %s\n", j->jail.name, j->jail.path, strerror(errno));
			_exit(1);
		}
		if (j->exec_clean)
			jail_clean_environment();
		_exit(jail_create(j, jidpipe[1], jail_run_host_hooks));
	}
	close(jidpipe[1]);
	int created = 0;
	while (read(jidpipe[0], &created, sizeof(created)) < 0 && errno == EINTR)
		;
	close(jidpipe[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
	char name[JAIL_NAME_MAX] = "";
	snprintf(key, sizeof(key), "%d", created);
	int jid = created ? jail_lookup(key, name, sizeof(name)) : 0;
	if (!name[0])
		snprintf(name, sizeof(name), "%s", j->jail.name[0] ? j->jail.name : key);
	if (rc && !passthrough) {
		if (nstart)
			fprintf(stderr, "jail: %s: exec.start failed\n", j->jail.name);
		/* FreeBSD removes a jail whose start failed */
		if (jid) {
			char *targets[] = {name, NULL};
			struct jail_cmdline r = {.op = JAIL_OP_REMOVE, .quiet = true, .targets = targets};
			jail_remove(&r);
		}
		return 1;
	}
	if (!created || rc)
		return rc ? rc : 1; /* jail_create said why; or command='s status */
	if (!j->quiet)
		printf("%s: created\n", j->label ? j->label : name);
	fflush(stdout);
	if (jail_run_host_hooks(j, JAIL_EXEC_POSTSTART, created))
		return 1;
	return rc;
}

int jail_stop(struct jail_cmdline *j, const char *target, const char *argv0)
{
	char name[JAIL_NAME_MAX];
	int jid = jail_lookup(target, name, sizeof(name));
	if (!jid) {
		if (!j->quiet)
			fprintf(stderr, "jail: \"%s\" not found\n", target);
		return 1;
	}
	if (jail_run_host_hooks(j, JAIL_EXEC_PRESTOP, jid) || run_jail_hooks(j, JAIL_EXEC_STOP, target, argv0))
		return 1;
	char *targets[] = {(char *)target, NULL};
	struct jail_cmdline r = *j;
	r.op = JAIL_OP_REMOVE;
	r.targets = targets;
	r.quiet = true;
	if (jail_remove(&r))
		return 1;
	if (!j->quiet)
		printf("%s: removed\n", j->label ? j->label : target);
	fflush(stdout);
	return jail_run_host_hooks(j, JAIL_EXEC_POSTSTOP, jid) || jail_run_host_hooks(j, JAIL_EXEC_RELEASE, jid);
}
