/* SPDX-License-Identifier: BSD-2-Clause */
/* A jailed process stacks its own seccomp filter that returns TRACE with
 * data 0 for the calls the jail denies. When two filters say TRACE the
 * kernel keeps the newest filter's data, so a supervisor that decided from
 * the data (jail -v tags its denials there) would see no denial and let
 * them run. The denials must hold whatever the data: run by run_probe.sh
 * and, with -v and -L, by scripts/own_trace_filter.sh. Every call is
 * harmless if it is let through. */
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "probe.h"

#if defined(__x86_64__)
#define MY_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__i386__)
#define MY_AUDIT_ARCH AUDIT_ARCH_I386
#elif defined(__aarch64__)
#define MY_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif

#define TRACE_NR(nr)                                                             \
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1),                          \
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE | 0)

static void own_filter(void)
{
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, MY_AUDIT_ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		TRACE_NR(SYS_clone),
		TRACE_NR(SYS_unshare),
		TRACE_NR(SYS_ptrace),
		TRACE_NR(SYS_io_uring_setup),
		TRACE_NR(SYS_sethostname),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {sizeof(code) / sizeof(code[0]), code};
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		fail("no_new_privs: %s", strerror(errno));
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
		fail("own seccomp filter refused: %s", strerror(errno));
}

int main(void)
{
	own_filter();

	/* a child the supervisor would not trace (it exits at once) */
	long pid = syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		_exit(0);
	if (pid > 0) {
		waitpid((pid_t)pid, NULL, 0);
		fail("clone(CLONE_UNTRACED) under an own TRACE filter created process %ld", pid);
	}
	if (errno != EPERM)
		fail("clone(CLONE_UNTRACED): %s, want EPERM", strerror(errno));

	/* unshare(CLONE_UNTRACED): EINVAL from the kernel if let through */
	EXPECT_ERRNO(syscall(SYS_unshare, CLONE_UNTRACED), EPERM);
	/* a namespace of this process only (harmless if let through) */
	EXPECT_ERRNO(syscall(SYS_unshare, CLONE_NEWUTS), EPERM);
	/* ptrace is emulated: a child's TRACEME succeeds (the kernel would
	 * say EPERM: the supervisor traces it) and SUSPEND_SECCOMP on it is
	 * refused with EPERM (the kernel would say ESRCH: not this process's
	 * tracee) */
	pid_t tc = fork();
	if (tc == 0) {
		if (syscall(SYS_ptrace, PTRACE_TRACEME, 0, 0, 0) != 0)
			_exit(1);
		raise(SIGSTOP);
		_exit(0);
	}
	int tst = 0;
	if (tc < 0 || waitpid(tc, &tst, 0) != tc || !WIFSTOPPED(tst))
		fail("ptrace(PTRACE_TRACEME) under an own TRACE filter: the child did not stop (status %#x)", tst);
	EXPECT_ERRNO(syscall(SYS_ptrace, PTRACE_SETOPTIONS, tc, 0, 1 << 21 /* PTRACE_O_SUSPEND_SECCOMP */), EPERM);
	kill(tc, SIGKILL);
	waitpid(tc, &tst, 0);

	char params[120]; /* struct io_uring_params */
	memset(params, 0, sizeof(params));
	long fd = syscall(SYS_io_uring_setup, 4, params);
	if (fd >= 0) {
		close((int)fd);
		fail("io_uring_setup under an own TRACE filter gave fd %ld", fd);
	}
	if (errno != EPERM)
		fail("io_uring_setup: %s, want EPERM", strerror(errno));

	/* a handled call still reaches its handler: the jail's name is set,
	 * the host's is not (same name as now: harmless outside) */
	char name[65] = "";
	if (gethostname(name, sizeof(name) - 1) < 0)
		fail("gethostname: %s", strerror(errno));
	if (strcmp(name, PROBE_HOSTNAME) != 0)
		fail("hostname %s, want %s", name, PROBE_HOSTNAME);
	if (syscall(SYS_sethostname, name, strlen(name)) < 0 && errno != EPERM)
		fail("sethostname(own name): %s", strerror(errno));

	/* fork still works (clone through the own filter) */
	pid_t c = fork();
	if (c == 0)
		_exit(7);
	int st;
	if (c < 0 || waitpid(c, &st, 0) != c || !WIFEXITED(st) || WEXITSTATUS(st) != 7)
		fail("fork under an own TRACE filter: %s", c < 0 ? strerror(errno) : "child lost");
	pass("an own TRACE filter changes no denial (clone UNTRACED, unshare, ptrace, io_uring) and no handler");
}
