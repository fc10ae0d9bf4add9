/* jail(8): parse the command line, then split in two. The supervisor (a
 * child) traces the jailed command and lives as long as the jail has
 * processes; this process waits only for the command's status, mirrors its
 * job-control stops, and exits with it, as FreeBSD's jail(8) does. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../policy/cmdline.h"
#include "fs_root.h"
#include "supervisor.h"

/* The command starts in the current directory if it lies inside the jail's
 * path, else at the jail's root. */
static int enter_start_dir(const struct jail *j)
{
	char cwd[PATH_MAX];
	size_t plen = strlen(j->path);

	if (getcwd(cwd, sizeof(cwd)) && (strcmp(j->path, "/") == 0 ||
	    (strncmp(cwd, j->path, plen) == 0 && (cwd[plen] == '/' || cwd[plen] == '\0'))))
		return 0;
	if (chdir(j->path) < 0) {
		fprintf(stderr, "jail: chdir %s: %s\n", j->path, strerror(errno));
		return -1;
	}
	return 0;
}

static int exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 1;
}

static void run_supervisor(struct jail *j, char **command, int report_fd, pid_t front, bool verbose)
{
	struct supervisor sv = {.jail = j, .front_pid = front, .report_fd = report_fd, .report_denials = verbose};

	for (int i = 0; supervisor_ignored_signals[i]; i++)
		signal(supervisor_ignored_signals[i], SIG_IGN);
	/* orphans of the jail are reparented to us, not to the host's init */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	if (jail_has_root(j)) {
		int err = fs_root_open(j->path, &sv.root);
		if (err) {
			fprintf(stderr, "jail: path %s: %s\n", j->path, strerror(-err));
			_exit(1);
		}
	}
	if (supervisor_spawn(&sv, command) < 0)
		_exit(1);
	/* jailed processes must not be able to read or write our memory (set
	 * after the spawn: the command inherits it until exec, and a
	 * non-dumpable process cannot be seized by a normal user) */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	supervisor_run(&sv);
	_exit(0);
}

static int wait_for_command(int report_fd)
{
	int status;
	ssize_t n;

	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	do
		n = read(report_fd, &status, sizeof(status));
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(status))
		return 1; /* the supervisor failed and said why, or was killed */
	return exit_code(status);
}

int main(int argc, char **argv)
{
	static struct jail_cmdline cl;
	char err[PATH_MAX + 128];
	int report[2];

	int rc = jail_parse_old_syntax(argc, argv, &cl, err, sizeof(err));
	if (rc > 0) {
		fprintf(stderr, "%s\n", jail_usage);
		return 1;
	}
	if (rc < 0) {
		fprintf(stderr, "jail: %s\n", err);
		return 1;
	}
	struct utsname host;
	if (uname(&host) == 0)
		jail_set_domainname(&cl.jail, host.domainname, strlen(host.domainname));
	if (enter_start_dir(&cl.jail) < 0)
		return 1;
	if (pipe2(report, O_CLOEXEC) < 0) {
		fprintf(stderr, "jail: pipe: %s\n", strerror(errno));
		return 1;
	}
	pid_t front = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "jail: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		close(report[0]);
		run_supervisor(&cl.jail, cl.command, report[1], front, cl.verbose);
	}
	close(report[1]);
	return wait_for_command(report[0]);
}
