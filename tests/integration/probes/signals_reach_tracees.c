/* SPDX-License-Identifier: BSD-2-Clause */
/* Signals reach jailed processes unchanged: handlers run, stop and continue
 * work (group-stop vs signal-delivery stop), and a fatal signal's status
 * comes back. Passes outside a jail too. */
#include <signal.h>
#include <sys/wait.h>

#include "probe.h"

static volatile sig_atomic_t got;

static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	if (sig == SIGUSR1 && si->si_code == SI_QUEUE && si->si_value.sival_int == 42)
		got = 1;
}

int main(void)
{
	struct sigaction sa = {.sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO};
	sigaction(SIGUSR1, &sa, NULL);
	sigqueue(getpid(), SIGUSR1, (union sigval){.sival_int = 42});
	if (!got)
		fail("SIGUSR1 with its value did not reach the handler");

	int go[2];
	if (pipe(go) < 0)
		fail("pipe: %s", strerror(errno));
	pid_t child = fork();
	if (child == 0) {
		char c;
		raise(SIGSTOP);
		/* exit only after the parent saw the continue, or wait reports the exit */
		_exit(read(go[0], &c, 1) == 1 ? 7 : 8);
	}
	int status;
	if (waitpid(child, &status, WUNTRACED) != child || !WIFSTOPPED(status) || WSTOPSIG(status) != SIGSTOP)
		fail("child did not stop (status %#x)", status);
	kill(child, SIGCONT);
	if (waitpid(child, &status, WCONTINUED) != child || !WIFCONTINUED(status))
		fail("child did not continue (status %#x)", status);
	if (write(go[1], "x", 1) != 1)
		fail("write: %s", strerror(errno));
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 7)
		fail("child did not exit 7 (status %#x)", status);

	child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	kill(child, SIGTERM);
	if (waitpid(child, &status, 0) != child || !WIFSIGNALED(status) || WTERMSIG(status) != SIGTERM)
		fail("child was not killed by SIGTERM (status %#x)", status);
	pass("handlers, stop/continue and fatal signals behave as on the host");
}
