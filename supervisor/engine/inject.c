/* SPDX-License-Identifier: BSD-2-Clause */
/* Syscall injection: the tracee runs a syscall the supervisor chose, and
 * then goes on as if nothing happened. Every wait here is for one tid;
 * whatever else that tid reports meanwhile (its death, a signal) is
 * handled so that nothing is lost. */
#include "inject.h"

#include <errno.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "deferred.h"
#include "tracee.h"

/* Resumes tid to its next syscall stop (enter or exit) and waits for it.
 * A signal that arrives first is taken off and sent again afterwards (in
 * *resend). 0, or -ESRCH if the tracee died (its exit goes to the loop). */
static int next_syscall_stop(pid_t tid, int *resend, bool *interrupted)
{
	int sig = 0;
	for (;;) {
		if (ptrace(PTRACE_SYSCALL, tid, 0, (long)sig) < 0)
			return -errno;
		sig = 0;
		int status;
		pid_t got;
		do
			got = waitpid(tid, &status, __WALL);
		while (got < 0 && errno == EINTR);
		if (got < 0)
			return -errno;
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			supervisor_defer_event(tid, status);
			return -ESRCH;
		}
		if ((status >> 8) == (SIGTRAP | 0x80))
			return 0;
		if ((status >> 16) == PTRACE_EVENT_SECCOMP)
			continue; /* the injected call is trapped too: it is ours, run it */
		if ((status >> 16) == 0 && WSTOPSIG(status) != SIGTRAP)
			*resend = WSTOPSIG(status); /* signal-delivery stop: hold it */
		if ((status >> 16) == PTRACE_EVENT_STOP && WSTOPSIG(status) == SIGTRAP)
			*interrupted = true; /* a PTRACE_INTERRUPT: asked again at the end */
		/* other event stops: resume */
	}
}

static int run_call(struct injection *inj, long nr, const uint64_t args[6], long *result)
{
	pid_t tid = inj->t->tid;
	int err;

	if (inj->at_exit) {
		struct abi_regs r;
		if ((err = abi_regs_get(tid, &r)))
			return err;
		abi_regs_reissue(inj->abi, &r, nr, args);
		if ((err = abi_regs_set(tid, &r)))
			return err;
		/* to the enter stop, then the exit stop */
		if ((err = next_syscall_stop(tid, &inj->resend, &inj->interrupted)))
			return err;
	} else if ((err = abi_set_syscall(tid, inj->abi, nr, args))) {
		return err;
	}
	if ((err = next_syscall_stop(tid, &inj->resend, &inj->interrupted)))
		return err;
	inj->at_exit = true;
	struct abi_regs r;
	if ((err = abi_regs_get(tid, &r)))
		return err;
	*result = abi_regs_result(inj->abi, &r);
	return 0;
}

/* What arrived meanwhile, asked again: a held signal, an interrupt. */
static void resend(const struct injection *inj)
{
	if (inj->resend)
		syscall(SYS_tgkill, inj->t->tgid, inj->t->tid, inj->resend);
	if (inj->interrupted)
		ptrace(PTRACE_INTERRUPT, inj->t->tid, 0, 0);
}

int inject_begin(struct injection *inj, struct tracee *t, const struct abi *abi)
{
	inj->t = t;
	inj->abi = abi;
	inj->at_exit = false;
	inj->resend = 0;
	inj->interrupted = false;
	return abi_regs_get(t->tid, &inj->saved);
}

int inject_call(struct injection *inj, long nr, const uint64_t args[6], long *result)
{
	return run_call(inj, nr, args, result);
}

int inject_end(struct injection *inj)
{
	struct abi_regs r = inj->saved;
	abi_regs_rewind(inj->abi, &r);
	int err = abi_regs_set(inj->t->tid, &r);
	inj->t->reissued = true;
	resend(inj);
	return err;
}

int inject_end_as(struct injection *inj, long nr, const uint64_t args[6])
{
	struct abi_regs r = inj->saved;
	abi_regs_reissue(inj->abi, &r, nr, args);
	int err = abi_regs_set(inj->t->tid, &r);
	inj->t->reissued = true;
	resend(inj);
	return err;
}

int inject_finish(struct injection *inj)
{
	int err = abi_regs_set(inj->t->tid, &inj->saved);
	resend(inj);
	return err;
}

int inject_begin_at_exit(struct injection *inj, struct tracee *t, const struct abi *abi)
{
	int err = inject_begin(inj, t, abi);
	inj->at_exit = true;
	return err;
}

int inject_begin_after_exec(struct injection *inj, struct tracee *t)
{
	inj->t = t;
	inj->resend = 0;
	inj->interrupted = false;
	int err = next_syscall_stop(t->tid, &inj->resend, &inj->interrupted);
	if (err)
		return err;
	t->exec_exit_passed = true;
	if ((err = abi_regs_get(t->tid, &inj->saved)))
		return err;
	inj->abi = abi_regs_abi(&inj->saved);
	inj->at_exit = true;
	return inj->abi ? 0 : -ENOEXEC;
}

int inject_at_seccomp_stop(struct tracee *t, const struct abi *abi, long nr, const uint64_t args[6], long *result)
{
	struct injection inj;
	int err = inject_begin(&inj, t, abi);
	if (err)
		return err;
	err = inject_call(&inj, nr, args, result);
	if (err == -ESRCH)
		return err;
	int end = inject_end(&inj);
	return err ? err : end;
}
