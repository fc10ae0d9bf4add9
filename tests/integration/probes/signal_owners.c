/* SPDX-License-Identifier: BSD-2-Clause */
/* A descriptor's owner is signalled later by the kernel (SIGIO, or the
 * F_SETSIG signal, when it becomes ready): F_SETOWN, F_SETOWN_EX,
 * ioctl(FIOSETOWN) and ioctl(SIOCSPGRP) set it. The owner must be one of
 * the jail's processes, or a process group of the jail's processes only:
 * the group the command starts in is shared with its caller, the `jail`
 * process and the supervisor. Anything else is ESRCH.
 * The target outside is $JAIL_PROBE_TARGET (scripts/signal_owners.sh: a
 * stopped sleep the test started) or the parent. Each attempt is followed
 * by I/O that would send the owner SIGCONT: harmless, and the script sees
 * whether its stopped sleep woke up. */
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/sockios.h>
#include <time.h>

#include "probe.h"

static int sv[2];

/* data on sv[0]: its owner gets SIGCONT now if the owner was set */
static void poke(void)
{
	char c = 'x';
	if (write(sv[1], &c, 1) != 1 || read(sv[0], &c, 1) != 1)
		fail("socketpair I/O: %s", strerror(errno));
	fcntl(sv[0], F_SETOWN, 0);
}

#define TRY_DENIED(call)                 \
	do {                             \
		CHECK_DENIED(call, ESRCH); \
		poke();                  \
	} while (0)

int main(void)
{
	const char *env = getenv("JAIL_PROBE_TARGET");
	pid_t target = env ? (pid_t)atoi(env) : getppid();
	pid_t shared = getpgrp(), neg_shared = -shared, neg_target = -target;
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0 || fcntl(sv[0], F_SETSIG, SIGCONT) < 0 ||
	    fcntl(sv[0], F_SETFL, O_ASYNC | O_NONBLOCK) < 0)
		fail("socketpair/F_SETSIG/O_ASYNC: %s", strerror(errno));
	check_log("target pid %d, shared group %d\n", (int)target, (int)shared);
	if (target > 0) {
		TRY_DENIED(fcntl(sv[0], F_SETOWN, target));
		struct f_owner_ex pid_ex = {F_OWNER_PID, target};
		TRY_DENIED(fcntl(sv[0], F_SETOWN_EX, &pid_ex));
		TRY_DENIED(ioctl(sv[0], FIOSETOWN, &target));
		TRY_DENIED(ioctl(sv[0], SIOCSPGRP, &target));
		TRY_DENIED(ioctl(sv[0], FIOSETOWN, &neg_target));
	}
	/* group 0: the command was started outside any process group (the
	 * test VM's init); an owner of 0 means "none", nothing to share */
	if (shared > 0) {
		TRY_DENIED(fcntl(sv[0], F_SETOWN, neg_shared));
		struct f_owner_ex pgrp_ex = {F_OWNER_PGRP, shared};
		TRY_DENIED(fcntl(sv[0], F_SETOWN_EX, &pgrp_ex));
		TRY_DENIED(ioctl(sv[0], FIOSETOWN, &neg_shared));
		TRY_DENIED(ioctl(sv[0], SIOCSPGRP, &neg_shared));
	}

	/* a group of the jail's own: allowed */
	pid_t child = fork();
	if (child == 0) {
		setpgid(0, 0);
		pause();
		_exit(0);
	}
	if (child < 0)
		fail("fork: %s", strerror(errno));
	setpgid(child, child);
	pid_t neg_child = -child;
	for (int i = 0; i < 100 && getpgid(child) != child; i++)
		usleep(10000);
	CHECK_ALLOWED(fcntl(sv[0], F_SETOWN, neg_child), 0);
	CHECK_ALLOWED(ioctl(sv[0], FIOSETOWN, &neg_child), 0);
	CHECK_ALLOWED(ioctl(sv[0], SIOCSPGRP, &child), 0);
	CHECK_ALLOWED(fcntl(sv[0], F_SETOWN, getpid()), 0);
	fcntl(sv[0], F_SETOWN, 0);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);

	/* a timer's SIGEV_THREAD_ID must name a thread of the caller (the
	 * kernel's EINVAL; a timer made here would signal nobody else) */
	if (target > 0) {
		struct sigevent ev;
		memset(&ev, 0, sizeof(ev));
		ev.sigev_notify = SIGEV_THREAD_ID;
		ev.sigev_signo = SIGCONT;
		ev._sigev_un._tid = target;
		int timer;
		long rc = syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &timer);
		if (rc == 0)
			fail("timer_create(SIGEV_THREAD_ID, pid %d) made a timer", (int)target);
	}
	checks_done("descriptor owners reach only the jail's processes and groups");
}
