/* SPDX-License-Identifier: BSD-2-Clause */
/* Processes outside the jail look absent (FreeBSD's prison_check): every
 * syscall that names a process, thread or process group gives ESRCH for
 * them, never EPERM.
 *   pid_visibility [TARGET...]
 * TARGET: pids outside the caller's jail, PID:g for one that leads its
 * process group (default: the parent, which for the jailed command is the
 * supervisor, and with no jail timeout(1), a group leader). Without a jail each call reaches
 * the target (it succeeds, or fails otherwise than ESRCH): run_probe.sh's
 * "each". Harmless there: everything set is set to the value it has, the
 * memory calls name address 0, signals are 0. */
#include <fcntl.h>
#include <linux/ioprio.h>
#include <linux/kcmp.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include "probe.h"

#define NOPID 0x3ffffff0 /* above any pid_max: a pid that does not exist */

struct sched_attr_v1 {
	uint32_t size, sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t sched_runtime, sched_deadline, sched_period;
};

/* "same:" / "differs:" lines: a call whose answer must not tell T from a
 * pid that does not exist. Counted as a failure when they differ. */
static void check_same(const char *what, long rc_t, int err_t, long rc_none, int err_none)
{
	if (rc_t == rc_none && err_t == err_none) {
		check_log("same: %s: %s for both\n", what, strerror(err_t));
	} else {
		check_log("differs: %s: %ld/%s, for no process %ld/%s\n", what, rc_t, strerror(err_t), rc_none,
			  strerror(err_none));
		checks_failed++;
	}
}

static void target(pid_t t, int leader)
{
	char what[64];
	pid_t own_pg = getpgid(0);
	check_log("target %d:\n", (int)t);
	(void)what;

	/* signals */
	CHECK_DENIED(kill(t, 0), ESRCH);
	CHECK_DENIED(syscall(SYS_tkill, t, 0), ESRCH);
	CHECK_DENIED(syscall(SYS_tgkill, t, t, 0), ESRCH);
	siginfo_t si;
	memset(&si, 0, sizeof(si));
	si.si_code = SI_QUEUE;
	si.si_pid = getpid();
	si.si_uid = getuid();
	CHECK_DENIED(syscall(SYS_rt_sigqueueinfo, t, 0, &si), ESRCH);
	CHECK_DENIED(syscall(SYS_rt_tgsigqueueinfo, t, t, 0, &si), ESRCH);
	CHECK_DENIED(syscall(SYS_pidfd_open, t, 0), ESRCH);

	/* ids */
	CHECK_DENIED(getpgid(t), ESRCH);
	CHECK_DENIED(getsid(t), ESRCH);

	/* priorities and scheduling: read, then (outside) write back */
	errno = 0;
	long prio = syscall(SYS_getpriority, PRIO_PROCESS, t);
	check_result("getpriority(PRIO_PROCESS, t)", errno ? -1 : prio, errno, ESRCH);
	long nice = prio > 0 ? 20 - prio : 0;
	CHECK_DENIED(setpriority(PRIO_PROCESS, (id_t)t, (int)nice), ESRCH);
	/* with no jail the parent may not lead a group after all (busybox's
	 * timeout does not make one): then there is no group to ask about */
	pid_t t_pg = getpgid(t);
	if (leader && own_pg != t && !(t_pg >= 0 && t_pg != t)) {
		errno = 0;
		long pp = syscall(SYS_getpriority, PRIO_PGRP, t);
		check_result("getpriority(PRIO_PGRP, t)", errno ? -1 : pp, errno, ESRCH);
	}
	cpu_set_t set;
	CPU_ZERO(&set);
	errno = 0;
	long aff = sched_getaffinity(t, sizeof(set), &set);
	check_result("sched_getaffinity(t)", aff, errno, ESRCH);
	CHECK_DENIED(sched_setaffinity(t, sizeof(set), &set), ESRCH);
	struct sched_param sp = {0};
	errno = 0;
	long gp = sched_getparam(t, &sp);
	check_result("sched_getparam(t)", gp, errno, ESRCH);
	CHECK_DENIED(sched_setparam(t, &sp), ESRCH);
	errno = 0;
	long pol = sched_getscheduler(t);
	check_result("sched_getscheduler(t)", pol, errno, ESRCH);
	CHECK_DENIED(sched_setscheduler(t, pol >= 0 ? (int)pol : SCHED_OTHER, &sp), ESRCH);
	struct timespec ts;
	CHECK_DENIED(sched_rr_get_interval(t, &ts), ESRCH);
	struct sched_attr_v1 attr;
	memset(&attr, 0, sizeof(attr));
	errno = 0;
	long ga = syscall(SYS_sched_getattr, t, &attr, sizeof(attr), 0);
	check_result("sched_getattr(t)", ga, errno, ESRCH);
	attr.size = sizeof(attr);
	CHECK_DENIED(syscall(SYS_sched_setattr, t, &attr, 0), ESRCH);
	struct rlimit old;
	CHECK_DENIED(syscall(SYS_prlimit64, t, RLIMIT_NOFILE, NULL, &old), ESRCH);
	errno = 0;
	long io = syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, t);
	check_result("ioprio_get(IOPRIO_WHO_PROCESS, t)", io, errno, ESRCH);
	CHECK_DENIED(syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, t, io >= 0 ? io : 0), ESRCH);

	/* capabilities */
	struct {
		uint32_t version;
		int pid;
	} ch = {0x20080522, t};
	uint32_t cd[6];
	CHECK_DENIED(syscall(SYS_capget, &ch, cd), ESRCH);

	/* memory and kernel objects (address 0: EFAULT if reached) */
	char byte = 0;
	struct iovec local = {&byte, 1}, remote = {NULL, 1};
	CHECK_DENIED(syscall(SYS_process_vm_readv, t, &local, 1, &remote, 1, 0), ESRCH);
	CHECK_DENIED(syscall(SYS_process_vm_writev, t, &local, 1, &remote, 1, 0), ESRCH);
	CHECK_DENIED(syscall(SYS_kcmp, getpid(), t, KCMP_VM, 0, 0), ESRCH); /* EPERM with no jail */
	CHECK_DENIED(syscall(SYS_kcmp, t, getpid(), KCMP_FILES, 0, 0), ESRCH);
	void *head;
	size_t len;
	CHECK_DENIED(syscall(SYS_get_robust_list, t, &head, &len), ESRCH);
	unsigned long mask = 1;
	CHECK_DENIED(syscall(SYS_migrate_pages, t, 2, &mask, &mask), ESRCH);
	CHECK_DENIED(syscall(SYS_move_pages, t, 0, NULL, NULL, NULL, 0), ESRCH);

	/* owners of a descriptor's signals */
	int p[2];
	if (pipe(p) == 0) {
		CHECK_DENIED(fcntl(p[0], F_SETOWN, t), ESRCH);
		struct f_owner_ex own = {F_OWNER_PID, t};
		CHECK_DENIED(fcntl(p[0], F_SETOWN_EX, &own), ESRCH);
		own.type = F_OWNER_TID;
		CHECK_DENIED(fcntl(p[0], F_SETOWN_EX, &own), ESRCH);
		if (leader && own_pg != t) {
			CHECK_DENIED(fcntl(p[0], F_SETOWN, -t), ESRCH);
			own.type = F_OWNER_PGRP;
			CHECK_DENIED(fcntl(p[0], F_SETOWN_EX, &own), ESRCH);
		}
		close(p[0]);
		close(p[1]);
	}

	/* a terminal's foreground group: in a new session, on a new pty */
	pid_t c = fork();
	if (c == 0) {
		int m = open("/dev/ptmx", O_RDWR | O_NOCTTY);
		int unlock = 0;
		char *name;
		if (setsid() < 0 || m < 0 || ioctl(m, TIOCSPTLCK, &unlock) < 0 || !(name = ptsname(m)))
			_exit(200);
		int sl = open(name, O_RDWR); /* the session's controlling terminal */
		if (sl < 0)
			_exit(201);
		int32_t pg = t;
		errno = 0;
		long rc = ioctl(sl, TIOCSPGRP, &pg);
		_exit(rc == 0 ? 0 : errno);
	}
	int cs = 0;
	if (c > 0 && waitpid(c, &cs, 0) == c && WIFEXITED(cs) && WEXITSTATUS(cs) < 200)
		check_result("ioctl(TIOCSPGRP, t) on a session's own terminal", WEXITSTATUS(cs) ? -1 : 0,
			     WEXITSTATUS(cs), ESRCH);
	else
		check_log("skipped: TIOCSPGRP (no pty: status %x)\n", cs);

	/* waiting: a non-child is ECHILD whether it exists or not */
	siginfo_t wi;
	errno = 0;
	long w1 = waitid(P_PID, (id_t)t, &wi, WEXITED | WNOHANG);
	int e1 = errno;
	errno = 0;
	long w2 = waitid(P_PID, NOPID, &wi, WEXITED | WNOHANG);
	check_same("waitid(P_PID, t)", w1, e1, w2, errno);
	errno = 0;
	w1 = wait4(t, NULL, WNOHANG, NULL);
	e1 = errno;
	errno = 0;
	w2 = wait4(NOPID, NULL, WNOHANG, NULL);
	check_same("wait4(t)", w1, e1, w2, errno);
	(void)what;
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			target((pid_t)atoi(argv[i]), strstr(argv[i], ":g") != NULL);
	} else {
		target(getppid(), 1);
	}
	/* one's own process is still there */
	CHECK_ALLOWED(kill(getpid(), 0), 0);
	CHECK_ALLOWED(getpgid(getpid()), 0);
	CHECK_ALLOWED(sched_getaffinity(getpid(), sizeof(cpu_set_t), &(cpu_set_t){{0}}), 0);
	checks_done("processes outside the jail are ESRCH for every pid-taking syscall");
}
