/* SPDX-License-Identifier: BSD-2-Clause */
/* The event loop: wait for a tracee, classify what happened, act on it. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kcmp.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../policy/static_deny.h"
#include "deferred.h"
#include "exec_image.h"
#include "loop_wake.h"
#include "procfs.h"
#include "ptrace_virtual.h"
#include "root_ref.h"
#include "scratch.h"
#include "stop.h"
#include "supervisor.h"
#include "tracee.h"
#include "wait_trap.h"

enum event_kind {
	EV_EXITED,       /* the thread is gone (exit or fatal signal) */
	EV_SECCOMP,      /* syscall-enter stop from a TRACE filter result */
	EV_SYSCALL_EXIT, /* syscall-exit stop we asked for */
	EV_NEW_CHILD,    /* fork, vfork or clone in the parent */
	EV_EXEC,         /* successful execve, after the old image is gone */
	EV_EVENT_STOP,   /* PTRACE_EVENT_STOP: attach stop or group-stop */
	EV_SIGNAL,       /* signal-delivery stop */
	EV_OTHER,        /* any other ptrace event (vfork done, exit) */
};

struct event {
	enum event_kind kind;
	pid_t tid;
	int status;
	int sig;         /* stop signal, or the signal to deliver */
};

static struct event classify(pid_t tid, int status)
{
	struct event ev = {.tid = tid, .status = status};
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		ev.kind = EV_EXITED;
		return ev;
	}
	ev.sig = WSTOPSIG(status);
	switch (status >> 16) {
	case PTRACE_EVENT_SECCOMP:
		ev.kind = EV_SECCOMP;
		break;
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		ev.kind = EV_NEW_CHILD;
		break;
	case PTRACE_EVENT_EXEC:
		ev.kind = EV_EXEC;
		break;
	case PTRACE_EVENT_STOP:
		ev.kind = EV_EVENT_STOP;
		break;
	case 0:
		ev.kind = ev.sig == (SIGTRAP | 0x80) ? EV_SYSCALL_EXIT : EV_SIGNAL;
		break;
	default:
		ev.kind = EV_OTHER;
		break;
	}
	return ev;
}

static void resume(pid_t tid, int sig)
{
	/* ESRCH: the tracee was killed meanwhile; its exit comes next. */
	ptrace(PTRACE_CONT, tid, 0, (long)sig);
}

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* The `jail` process mirrors the command's job-control state, so a shell
 * sees the job stop on Ctrl-Z and continue on fg. */
static void mirror_to_front(const struct supervisor *sv, int sig)
{
	if (sv->front_pid > 0 && getppid() == sv->front_pid)
		kill(sv->front_pid, sig);
}

void supervisor_report(struct supervisor *sv)
{
	sv->report_deferred = false;
	if (sv->report_fd < 0 || !sv->main_done)
		return;
	if (write(sv->report_fd, &sv->main_status, sizeof(sv->main_status)) < 0) {
		/* nobody is waiting any more */
	}
	close(sv->report_fd);
	sv->report_fd = -1;
}

static void on_exited(struct supervisor *sv, const struct event *ev)
{
	struct tracee *t = tracee_find(ev->tid);
	if (t) {
		vt_on_exited(t, ev->status);
		tracee_remove(t);
	}
	if (ev->tid == sv->main_pid && !sv->main_done) {
		sv->main_done = true;
		sv->main_status = ev->status;
		/* the last process: the jail ends now; jail(8) hears of it
		 * once the end is done (the caller of supervisor_run) */
		if (tracee_count() == 0 && sv->ops->may_exit(sv))
			sv->report_deferred = true;
		else
			supervisor_report(sv);
	}
}

/* The registers a handler changed come back before the tracee sees them:
 * at the exit stop, or at a signal-delivery stop while they still hold
 * what the handler set (the call was interrupted: its restart must run the
 * original call, which is then handled anew, e.g. a path translated once,
 * not twice). */
static void restore_regs(struct tracee *t, bool only_if_set)
{
	if (!t->regs_changed)
		return;
	t->regs_changed = false;
	abi_restore_call(t->tid, t->abi, &t->regs_set, &t->regs_orig, only_if_set);
}

static void on_seccomp(const struct supervisor *sv, struct tracee *t)
{
	t->reissued = false; /* set again if this call is rewound */
	struct __ptrace_syscall_info info;
	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(info), &info) <= 0 ||
	    info.op != PTRACE_SYSCALL_INFO_SECCOMP) {
		vt_resume(t, 0);
		return;
	}
	struct syscall_stop s = {.t = t, .abi = abi_from_audit(info.arch)};
	if (!s.abi) {
		/* the filter kills other ABIs; never run a call we cannot decode */
		kill(t->tgid, SIGKILL);
		return;
	}
	s.id = abi_id(s.abi, (long)info.seccomp.nr);
	memcpy(s.args, info.seccomp.args, sizeof(s.args));
	t->abi = s.abi;
	t->regs_changed = false;
	t->regs_orig.nr = (long)info.seccomp.nr;
	memcpy(t->regs_orig.args, info.seccomp.args, sizeof(t->regs_orig.args));
	t->regs_set = t->regs_orig;
	/* Decided from the number and the registers, never from ret_data: a
	 * filter the jailed process stacked on ours may return TRACE with any
	 * data, and the kernel then keeps its data, not ours. A static denial
	 * (reached here only with -v, or through such a filter) fails as the
	 * filter fails it. */
	const struct static_deny *d = static_deny_find(t->jail, s.abi->table, s.id, s.args, s.abi->word_size);
	if (d) {
		if (sv->report_denials)
			sv->ops->report_denial(&s, d);
		abi_skip_syscall(t->tid, s.abi, -d->err);
		vt_resume(t, 0);
		return;
	}
	if (t->wait_trap_wanted) {
		/* a tracer-to-be (its child asked to be traced): its wait
		 * filter first, then this call again */
		int err = wait_trap_install(t, s.abi);
		t->wait_trap_wanted = false;
		t->wait_trap_entry = false;
		if (err != -ESRCH)
			vt_resume(t, 0);
		return;
	}
	const struct handler *h = &sv->ops->handlers[s.id];
	if (h->uses_scratch && !scratch_ready(t)) {
		/* map the area; the syscall is then issued again and stops here anew */
		int err = scratch_prepare(t);
		if (err == -ESRCH)
			return;
		if (err) {
			abi_skip_syscall(t->tid, s.abi, -ENOMEM);
		}
		vt_resume(t, 0);
		return;
	}
	enum action (*enter)(struct syscall_stop *) = sv->ops->handler_enter(s.id, t->jail);
	enum action act = enter ? enter(&s) : ACT_CONTINUE;
	switch (act) {
	case ACT_RETURN:
		if (s.refused && sv->report_denials && s.retval < 0) {
			struct static_deny rule = {.id = s.id, .err = (int)-s.retval, .reason = s.refused};
			sv->ops->report_denial(&s, &rule);
		}
		abi_skip_syscall(t->tid, s.abi, s.retval);
		vt_resume(t, 0);
		break;
	case ACT_EXIT_STOP:
		t->exit_handler = s.id;
		t->exit_abi = s.abi;
		memcpy(t->exit_args, s.args, sizeof(s.args));
		ptrace(PTRACE_SYSCALL, t->tid, 0, 0);
		break;
	case ACT_FD: /* notified calls only */
		close(s.fd);
		abi_skip_syscall(t->tid, s.abi, -ENOSYS);
		vt_resume(t, 0);
		break;
	case ACT_CONTINUE:
	default:
		vt_resume(t, 0);
		break;
	}
}

static void on_syscall_exit(struct supervisor *sv, struct tracee *t)
{
	if (t->wait_trap_entry) {
		/* a tracer-to-be at a syscall entry: its wait filter now */
		struct __ptrace_syscall_info info;
		if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(info), &info) > 0 &&
		    info.op == PTRACE_SYSCALL_INFO_ENTRY) {
			t->wait_trap_entry = false;
			const struct abi *abi = abi_from_audit(info.arch);
			int err = abi ? wait_trap_install(t, abi) : -ENOSYS;
			if (err == -ESRCH)
				return;
			t->wait_trap_wanted = false;
			vt_resume(t, 0);
			return;
		}
		if (!vt_syscall_traced(t)) {
			ptrace(PTRACE_SYSCALL, t->tid, 0, 0);
			return;
		}
	}
	if (vt_syscall_traced(t)) {
		/* resumed with PTRACE_SYSCALL for a virtual tracer: an entry is its */
		struct __ptrace_syscall_info info;
		if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(info), &info) > 0 &&
		    info.op == PTRACE_SYSCALL_INFO_ENTRY) {
			bool again = t->reissued;
			t->reissued = false;
			if (again || !vt_on_syscall_stop(t))
				vt_resume(t, 0);
			return;
		}
	}
	enum sc_id id = t->exit_handler;
	t->exit_handler = SC_NONE;
	restore_regs(t, false);
	const struct handler *handlers = sv->ops->handlers;
	if (id != SC_NONE && handlers[id].exit) {
		struct syscall_stop s = {.t = t, .abi = t->exit_abi, .id = id};
		memcpy(s.args, t->exit_args, sizeof(s.args));
		if (abi_get_result(t->tid, s.abi, &s.retval) == 0) {
			long ret = handlers[id].exit(&s);
			if (ret != s.retval)
				abi_set_result(t->tid, s.abi, ret);
		}
	}
	if (!vt_on_syscall_stop(t))
		vt_resume(t, 0);
}

static void on_new_child(struct supervisor *sv, struct tracee *parent, const struct event *ev)
{
	unsigned long msg = 0;
	ptrace(PTRACE_GETEVENTMSG, ev->tid, 0, &msg);
	pid_t child = (pid_t)msg;
	if (child > 0) {
		pid_t tgid = child;
		if ((ev->status >> 16) == PTRACE_EVENT_CLONE) {
			long g = proc_status_field(child, "Tgid", 0);
			if (g > 0)
				tgid = (pid_t)g;
		}
		struct tracee *c = tracee_find(child);
		bool ran = false;
		if (c) {
			tracee_set_tgid(c, tgid); /* its attach stop came first: it has run since */
			ran = c->as != NULL;
		} else {
			c = tracee_add(child, tgid, parent ? parent->jail : sv->jail);
		}
		/* kcmp: does the child share the parent's memory (thread, vfork,
		 * CLONE_VM)? Then it shares the scratch area too. A child that has
		 * already exec'd or mapped its own area keeps its own: its image
		 * may no longer be the parent's (vfork + exec before this event). */
		long same = syscall(SYS_kcmp, ev->tid, child, KCMP_VM, 0, 0);
		if (parent) {
			if (!ran)
				scratch_inherit(c, parent, same == 0);
			tracee_inherit_fs(c, parent);
			c->wait_trapped = parent->wait_trapped; /* filters are inherited */
			if (vt_on_new_child(parent, c, ev->status >> 16))
				return;
		}
	}
	if (parent)
		vt_resume(parent, 0);
	else
		resume(ev->tid, 0);
}

static void on_exec(struct supervisor *sv, struct tracee *t)
{
	unsigned long former = 0;
	ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &former);
	/* the program the execve handler chose to run, as the guest names it */
	struct tracee *execer = tracee_find((pid_t)former);
	if (!execer)
		execer = t;
	tracee_set_exe(t, execer->pending_exe);
	execer->pending_exe = NULL;
	char *comm = execer->pending_comm;
	bool loader = execer->pending_loader;
	execer->pending_comm = NULL;
	/* exec from a non-leader thread: it now has the leader's tid, and every
	 * other thread of the group is gone */
	tracee_remove_group_except(t->tgid, t->tid);
	t->exit_handler = SC_NONE;
	t->regs_changed = false; /* a new image, new registers */
	t->placed_fd = -1;        /* close-on-exec: gone with the old image */
	scratch_new_space(t); /* a new image: no area until one is needed */
	/* started by the root's loader: the program's name and command line */
	t->exec_exit_passed = false;
	int err = comm ? exec_image_fixup(t, comm, loader, sv->ops->open_program) : 0;
	free(comm);
	if (err == -ESRCH)
		return;
	/* the fix-up ran the thread past its execve's exit stop: a virtual
	 * tracer tracing syscalls still gets that stop (it stands at an exit
	 * stop with the execve's result), else its entries and exits swap */
	if (vt_on_exec(t, (pid_t)former)) {
		if (t->exec_exit_passed)
			vt_exit_stop_due(t);
		return;
	}
	if (!(t->exec_exit_passed && vt_on_syscall_stop(t)))
		vt_resume(t, 0);
}

/* The kernel's internal restart codes (include/linux/errno.h). */
#define ERESTARTSYS_CODE 512
#define ERESTARTNOHAND_CODE 514

/* A wait parked as ppoll (handle_wait.c), woken at a stop (the interrupt
 * that wakes it, or a signal), its registers put back: ppoll's
 * -ERESTARTNOHAND would make it EINTR after any signal handler, where
 * wait4 itself gives -ERESTARTSYS, restarted after a SA_RESTART handler.
 * (gdb's SIGCHLD handler has SA_RESTART: the SIGCHLD of a virtual stop,
 * which comes with the wake-up, must not make its waitpid fail.) */
static void parked_wait_restarts(struct tracee *t)
{
	long rv;
	if (t->abi && abi_get_result(t->tid, t->abi, &rv) == 0 && rv == -ERESTARTNOHAND_CODE)
		abi_set_result(t->tid, t->abi, -ERESTARTSYS_CODE);
}

static void on_event_stop(struct supervisor *sv, struct tracee *t, const struct event *ev)
{
	if (!t->attached) {
		t->attached = true;
		if (!vt_on_event_stop(t, ev->sig, true))
			vt_resume(t, 0);
		return;
	}
	if (vt_take_parked(t)) {
		/* a parked wait woken: its call restarts as the wait it was */
		restore_regs(t, true);
		parked_wait_restarts(t);
		vt_resume(t, 0);
		return;
	}
	if (t->wait_trap_wanted && !t->wait_trap_entry && !is_stop_signal(ev->sig)) {
		/* interrupted for its wait filter: loaded at its next syscall */
		t->wait_trap_entry = true;
		ptrace(PTRACE_SYSCALL, t->tid, 0, 0);
		return;
	}
	if (t->tid == sv->main_pid && is_stop_signal(ev->sig))
		mirror_to_front(sv, SIGSTOP);
	if (vt_on_event_stop(t, ev->sig, false))
		return;
	if (is_stop_signal(ev->sig)) {
		/* group-stop: stay stopped, but let SIGCONT wake it */
		ptrace(PTRACE_LISTEN, t->tid, 0, 0);
		return;
	}
	vt_resume(t, 0);
}

static void on_signal(struct supervisor *sv, struct tracee *t, const struct event *ev)
{
	restore_regs(t, true);
	if (vt_take_parked(t))
		parked_wait_restarts(t);
	if (ev->sig == SIGCONT && t->tgid == sv->main_pid)
		mirror_to_front(sv, SIGCONT);
	if (!vt_on_signal(t, ev->sig))
		vt_resume(t, ev->sig);
}

static void dispatch(struct supervisor *sv, const struct event *ev)
{
	if (ev->kind == EV_EXITED) {
		on_exited(sv, ev);
		return;
	}
	struct tracee *t = tracee_find(ev->tid);
	if (!t) {
		/* a new child whose attach stop beat its parent's fork event: the
		 * jail's root until the parent's event gives it the parent's */
		t = tracee_add(ev->tid, ev->tid, sv->jail);
		tracee_wrlock();
		t->root = fs_root_ref(sv->root);
		tracee_unlock();
	}
	switch (ev->kind) {
	case EV_SECCOMP:
		on_seccomp(sv, t);
		break;
	case EV_SYSCALL_EXIT:
		on_syscall_exit(sv, t);
		break;
	case EV_NEW_CHILD:
		on_new_child(sv, t, ev);
		break;
	case EV_EXEC:
		on_exec(sv, t);
		break;
	case EV_EVENT_STOP:
		on_event_stop(sv, t, ev);
		break;
	case EV_SIGNAL:
		on_signal(sv, t, ev);
		break;
	case EV_OTHER:
		if ((ev->status >> 16) == PTRACE_EVENT_EXIT && vt_on_exit_event(t))
			break;
		vt_resume(t, 0);
		break;
	case EV_EXITED:
	default:
		vt_resume(t, 0);
		break;
	}
}

bool supervisor_has_children(void)
{
	return loop_has_children();
}

/* Blocks in waitid(__WALL) for the next event and handles it at once. The
 * control socket has its own thread (manage/control.c); what it or another
 * thread needs the ptrace thread for is posted and wakes it (loop_wake.h). */
void supervisor_run(struct supervisor *sv)
{
	if (loop_wake_init()) {
		perror("jail: wake signal");
		return;
	}
	for (;;) {
		int status;
		pid_t tid;
		/* a process joined (jexec) after the command ended: the jail
		 * goes on, jail(8) returns now */
		if (sv->report_deferred && tracee_count() > 0)
			supervisor_report(sv);
		/* first what was consumed outside the loop (deferred.h) */
		if (!supervisor_next_deferred(&tid, &status)) {
			loop_run_posted();
			sv->ops->idle(sv);
			int rc = loop_wait(&tid, true);
			if (rc == 0)
				continue; /* woken: posted work, a clock */
			if (rc == -ECHILD) {
				/* no tracee, no child left */
				if (sv->ops->may_exit(sv))
					break;
				loop_wait(&tid, false);
				continue;
			}
			if (rc < 0)
				break;
			/* reap the event the wait saw; none: it changed meanwhile
			 * (SIGKILL ended a stop), what it is now comes next */
			tid = waitpid(tid, &status, __WALL | WNOHANG);
			if (tid <= 0)
				continue;
		}
		struct event ev = classify(tid, status);
		dispatch(sv, &ev);
	}
}
