/* SPDX-License-Identifier: BSD-2-Clause */
/* Starting the command: fork, let the supervisor seize the child, then the
 * child installs the seccomp filters and execs. The exec is the first thing
 * the command's image runs under the jail. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../policy/jail.h"
#include "../../policy/priv_caps.h"
#include "../engine/notify.h"
#include "../engine/ptrace_virtual.h"
#include "../engine/scratch.h"
#include "../engine/supervisor.h"
#include "../engine/tracee.h"
#include "../fs/fs_root.h"
#include "confine.h"
#include "filter.h"
#include "spawn.h"

/* the engine's: ptrace_virtual.c resets a tracee's options to them */
#define SEIZE_OPTIONS ENGINE_TRACE_OPTIONS

const int supervisor_ignored_signals[] = {SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGHUP, SIGPIPE, 0};

static void child_exec(const sigset_t *unblock, int go_fd, int listener_sock, const struct filter_progs *filters,
		       bool set_nnp, const struct fs_root *root, uint64_t caps, char **argv)
{
	int listener;
	char go;

	for (int i = 0; supervisor_ignored_signals[i]; i++)
		signal(supervisor_ignored_signals[i], SIG_DFL);
	sigprocmask(SIG_UNBLOCK, unblock, NULL);
	/* Wait until the supervisor has seized us. */
	if (read(go_fd, &go, 1) != 1)
		_exit(127);
	close(go_fd);
	if (confine_self("jail", filters, set_nnp, root, caps, &listener))
		_exit(1);
	/* the listener goes to the supervisor; the jail never holds it */
	if (notify_send_listener(listener_sock, listener)) {
		fprintf(stderr, "jail: cannot hand over the seccomp listener\n");
		_exit(1);
	}
	close(listener);
	close(listener_sock);
	execvp(argv[0], argv);
	fprintf(stderr, "jail: execvp: %s: %s\n", argv[0], strerror(errno));
	_exit(1);
}

int supervisor_spawn(struct supervisor *sv, char **argv)
{
	struct filter_set filters;
	bool set_nnp = geteuid() != 0;
	int go[2], lsock[2];

	int rc = filter_build(&filters, sv->jail, set_nnp, sv->report_denials);
	if (!rc && (rc = filter_export(&filters)))
		filter_free(&filters);
	if (rc) {
		fprintf(stderr, "jail: cannot build the seccomp filter: %s\n", strerror(-rc));
		return rc;
	}
	if (pipe2(go, O_CLOEXEC) < 0) {
		rc = -errno;
		filter_free(&filters);
		return rc;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, lsock) < 0) {
		rc = -errno;
		close(go[0]);
		close(go[1]);
		filter_free(&filters);
		return rc;
	}
	pid_t pid = fork();
	if (pid < 0) {
		rc = -errno;
		fprintf(stderr, "jail: fork: %s\n", strerror(errno));
		close(go[0]);
		close(go[1]);
		close(lsock[0]);
		close(lsock[1]);
		filter_free(&filters);
		return rc;
	}
	if (pid == 0) {
		close(go[1]);
		close(lsock[0]);
		child_exec(&sv->child_unblock, go[0], lsock[1], &filters.progs, set_nnp, sv->root,
			   jail_kept_capabilities(sv->jail), argv);
	}
	close(go[0]);
	close(lsock[1]);
	filter_free(&filters);
	/* the child's listener is served by threads of its own (notify.c) */
	rc = notify_serve_from(lsock[0], true);
	if (rc) {
		fprintf(stderr, "jail: notification threads: %s\n", strerror(-rc));
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(go[1]);
		return rc;
	}
	if (ptrace(PTRACE_SEIZE, pid, 0, SEIZE_OPTIONS) < 0) {
		rc = -errno;
		fprintf(stderr, "jail: ptrace(SEIZE): %s\n", strerror(errno));
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(go[1]);
		return rc;
	}
	struct tracee *t = tracee_add(pid, pid, sv->jail);
	t->attached = true; /* seized while running: no attach stop */
	tracee_wrlock();
	t->root = fs_root_ref(sv->root);
	tracee_unlock();
	scratch_new_space(t);
	sv->main_pid = pid;
	if (write(go[1], "g", 1) != 1) {
		rc = -errno;
		kill(pid, SIGKILL);
	}
	close(go[1]);
	return rc;
}

int supervisor_attach(struct supervisor *sv, pid_t pid)
{
	if (ptrace(PTRACE_SEIZE, pid, 0, SEIZE_OPTIONS) < 0)
		return -errno;
	struct tracee *t = tracee_add(pid, pid, sv->jail);
	t->attached = true; /* seized while running: no attach stop */
	tracee_wrlock();
	t->root = fs_root_ref(sv->root);
	tracee_unlock();
	scratch_new_space(t);
	return 0;
}
