/* SPDX-License-Identifier: BSD-2-Clause */
/* Virtual tracing: who traces whom, and the stops the supervisor holds for
 * a jailed tracer (ptrace_virtual.h, docs/ptrace-emulation.md). */
#include "ptrace_virtual.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "procfs.h"
#include "tracee.h"

static struct vtrace *records;  /* every record, exited ones until reported */
static unsigned fork_tracers;   /* records with a fork/vfork/clone option */
static uint64_t generation;

/* parked waiters (tracer threads blocked in a rewritten wait) */
static pid_t *parked;
static unsigned nparked, cap_parked;
/* new threads held at their first stop until their parent's event */
struct newborn {
	pid_t tid, parent_tgid;
};
static struct newborn *newborns;
static unsigned nnewborns, cap_newborns;

#define FORK_OPTIONS (PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE)
#define STOPPED(sig) (((sig) << 8) | 0x7f)
#define EVENT_STATUS(ev) STOPPED(SIGTRAP | ((ev) << 8))

static int set_real_options(const struct vtrace *v, unsigned long options);

static struct tracee *tracee_of(const struct vtrace *v)
{
	struct tracee *t = tracee_find(v->tid);
	return t && t->vt == v ? t : NULL;
}

static void count_options(unsigned long old, unsigned long now)
{
	if ((old & FORK_OPTIONS) && !(now & FORK_OPTIONS))
		fork_tracers--;
	if (!(old & FORK_OPTIONS) && (now & FORK_OPTIONS))
		fork_tracers++;
}

static void drop(struct vtrace *v)
{
	for (struct vtrace **p = &records; *p; p = &(*p)->next)
		if (*p == v) {
			*p = v->next;
			break;
		}
	struct tracee *t = tracee_of(v);
	if (t)
		t->vt = NULL;
	count_options(v->options, 0);
	free(v);
}

pid_t vt_pgid_of(pid_t tid)
{
	char path[64], buf[512];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *paren = strrchr(buf, ')');
	int ppid, pgrp;
	char state;
	if (!paren || sscanf(paren + 1, " %c %d %d", &state, &ppid, &pgrp) != 3)
		return -1;
	return pgrp;
}

/* Wakes every parked waiter: the event may satisfy its wait. */
static void changed(void)
{
	generation++;
	for (unsigned i = 0; i < nparked; i++)
		ptrace(PTRACE_INTERRUPT, parked[i], 0, 0);
}

uint64_t vt_generation(void)
{
	return generation;
}

static void push_pid(pid_t **arr, unsigned *n, unsigned *cap, pid_t v)
{
	if (*n == *cap) {
		unsigned nc = *cap ? *cap * 2 : 8;
		pid_t *p = realloc(*arr, nc * sizeof(**arr));
		if (!p)
			abort();
		*arr = p;
		*cap = nc;
	}
	(*arr)[(*n)++] = v;
}

void vt_park(struct tracee *t)
{
	t->vparked = true;
	push_pid(&parked, &nparked, &cap_parked, t->tid);
}

bool vt_take_parked(struct tracee *t)
{
	if (!t->vparked)
		return false;
	t->vparked = false;
	for (unsigned i = 0; i < nparked; i++)
		if (parked[i] == t->tid) {
			parked[i] = parked[--nparked];
			break;
		}
	return true;
}

/* SIGCHLD to the tracer, from the tracee (no host pid shows), and its
 * parked waiters woken. */
static void notify_tracer(const struct vtrace *v)
{
	siginfo_t si;
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGCHLD;
	si.si_code = SI_QUEUE;
	si.si_pid = v->tgid;
	si.si_uid = (uid_t)proc_status_field(v->tid, "Uid", 0);
	syscall(SYS_rt_sigqueueinfo, v->tracer_tgid, SIGCHLD, &si);
	changed();
}

static bool hold(struct tracee *t, int status, unsigned long msg)
{
	struct vtrace *v = t->vt;
	if (!v)
		return false;
	v->stopped = true;
	v->reported = false;
	v->group_stop = false;
	v->status = status;
	v->msg = msg;
	notify_tracer(v);
	return true;
}

struct vtrace *vt_of(pid_t tid)
{
	for (struct vtrace *v = records; v; v = v->next)
		if (v->tid == tid && !v->exited)
			return v;
	return NULL;
}

struct vtrace *vt_find(pid_t tid, pid_t tracer_tgid)
{
	struct vtrace *v = vt_of(tid);
	return v && v->tracer_tgid == tracer_tgid && tracee_of(v) ? v : NULL;
}

static struct vtrace *new_record(pid_t tracer_tid, pid_t tracer_tgid, struct tracee *target,
				 bool seized, unsigned long options)
{
	struct vtrace *v = calloc(1, sizeof(*v));
	if (!v)
		return NULL;
	v->tid = target->tid;
	v->tgid = target->tgid;
	v->tracer_tid = tracer_tid;
	v->tracer_tgid = tracer_tgid;
	v->seized = seized;
	v->options = 0;
	v->serial = target->serial;
	v->next = records;
	records = v;
	target->vt = v;
	vt_set_options(v, options);
	return v;
}

int vt_attach(pid_t tracer_tid, pid_t tracer_tgid, struct tracee *target, bool seized,
	      unsigned long options)
{
	if (target->vt)
		return -EPERM;
	return new_record(tracer_tid, tracer_tgid, target, seized, options) ? 0 : -ENOMEM;
}

static int real_request(enum vt_mode mode)
{
	switch (mode) {
	case VT_SYSCALL:
		return PTRACE_SYSCALL;
	case VT_STEP:
		return PTRACE_SINGLESTEP;
	case VT_CONT:
	default:
		return PTRACE_CONT;
	}
}

void vt_resume(struct tracee *t, int sig)
{
	if (t->vt && t->vt->options_pending) {
		t->vt->options_pending = false;
		set_real_options(t->vt, t->vt->options);
	}
	int req = t->vt ? real_request(t->vt->mode) : PTRACE_CONT;
	if (t->wait_trap_entry && req == PTRACE_CONT)
		req = PTRACE_SYSCALL; /* its wait filter waits for its next syscall */
	/* ESRCH: the tracee was killed meanwhile; its exit comes next. */
	ptrace(req, t->tid, 0, (long)sig);
}

int vt_resume_request(struct vtrace *v, enum vt_mode mode, int sig)
{
	if (!v->stopped || v->exited)
		return -ESRCH;
	bool exit_due = v->exit_due;
	v->exit_due = false;
	v->mode = mode;
	v->stopped = false;
	v->group_stop = false;
	struct tracee *t = exit_due && mode == VT_SYSCALL && sig == 0 ? tracee_of(v) : NULL;
	if (t) {
		/* the exit stop it is at: reported, nothing runs */
		hold(t, STOPPED(SIGTRAP | ((v->options & PTRACE_O_TRACESYSGOOD) ? 0x80 : 0)), 0);
		return 0;
	}
	if (ptrace(real_request(mode), v->tid, 0, (long)sig) < 0)
		return -errno;
	return 0;
}

int vt_listen(struct vtrace *v)
{
	if (!v->stopped || v->exited)
		return -ESRCH;
	if (!v->seized || !v->group_stop)
		return -EIO;
	v->stopped = false;
	v->group_stop = false;
	return ptrace(PTRACE_LISTEN, v->tid, 0, 0) < 0 ? -errno : 0;
}

int vt_interrupt(struct vtrace *v)
{
	if (!v->seized)
		return -EIO;
	if (v->stopped)
		return 0;
	v->interrupt = true;
	return ptrace(PTRACE_INTERRUPT, v->tid, 0, 0) < 0 ? -errno : 0;
}

#define REAL_EXTRA (PTRACE_O_TRACEEXIT | PTRACE_O_TRACEVFORKDONE)

/* The supervisor's real options for v's thread, with the events only the
 * virtual tracer wants; the thread must be in a stop. */
static int set_real_options(const struct vtrace *v, unsigned long options)
{
	return ptrace(PTRACE_SETOPTIONS, v->tid, 0, (long)(ENGINE_TRACE_OPTIONS | (options & REAL_EXTRA))) < 0
		       ? -errno
		       : 0;
}

int vt_set_options(struct vtrace *v, unsigned long options)
{
	if ((options & REAL_EXTRA) != (v->options & REAL_EXTRA)) {
		if (!v->stopped) {
			/* SEIZE of a running thread: set at a stop the supervisor
			 * makes and keeps to itself (vt_resume) */
			v->options_pending = true;
			ptrace(PTRACE_INTERRUPT, v->tid, 0, 0);
		}
		else if (set_real_options(v, options))
			return -errno;
	}
	count_options(v->options, options);
	v->options = options;
	return 0;
}

int vt_detach(struct vtrace *v, int sig)
{
	if (!v->stopped || v->exited)
		return -ESRCH;
	vt_set_options(v, 0);
	pid_t tid = v->tid;
	drop(v);
	return ptrace(PTRACE_CONT, tid, 0, (long)sig) < 0 ? -errno : 0;
}

bool vt_is_tracer(pid_t tgid)
{
	for (struct vtrace *v = records; v; v = v->next)
		if (v->tracer_tgid == tgid)
			return true;
	return false;
}

static bool selects(const struct vtrace *v, pid_t pid, pid_t caller_pgid)
{
	if (pid > 0)
		return v->tid == pid;
	if (pid == -1)
		return true;
	pid_t want = pid == 0 ? caller_pgid : -pid;
	pid_t pg = v->exited ? v->pgid : vt_pgid_of(v->tid);
	return pg == want;
}

bool vt_wait_selects(pid_t tracer_tgid, pid_t pid, pid_t caller_pgid)
{
	for (struct vtrace *v = records; v; v = v->next)
		if (v->tracer_tgid == tracer_tgid && selects(v, pid, caller_pgid))
			return true;
	return false;
}

struct vtrace *vt_wait_next(pid_t tracer_tgid, pid_t pid, pid_t caller_pgid, bool want_exits)
{
	for (struct vtrace *v = records; v; v = v->next)
		if (v->tracer_tgid == tracer_tgid && v->stopped && !v->reported &&
		    (want_exits || !v->exited) && selects(v, pid, caller_pgid))
			return v;
	return NULL;
}

void vt_wait_consume(struct vtrace *v)
{
	if (v->exited)
		drop(v);
	else
		v->reported = true;
}

static struct vtrace *append_notice(pid_t tid, pid_t tgid, pid_t tracer_tgid, int status)
{
	struct vtrace *v = calloc(1, sizeof(*v));
	if (!v)
		return NULL;
	v->tid = tid;
	v->tgid = tgid;
	v->tracer_tid = v->tracer_tgid = tracer_tgid;
	v->exited = v->stopped = true;
	v->status = status;
	v->pgid = -1;
	struct vtrace **p = &records;
	while (*p)
		p = &(*p)->next; /* after every other notice: reported last */
	*p = v;
	return v;
}

bool vt_defer_group_exit(pid_t tracer_tgid, pid_t tgid, int status)
{
	bool threads = false;
	for (struct vtrace *v = records; v; v = v->next)
		if (v->tgid == tgid && v->tid != tgid && v->tracer_tgid == tracer_tgid && !v->exited) {
			struct tracee *t = tracee_of(v);
			if (t)
				t->vt = NULL; /* its own exit, when seen, is not reported again */
			v->exited = v->stopped = true;
			v->reported = false;
			v->status = status;
			threads = true;
		}
	if (!threads)
		return false;
	append_notice(tgid, tgid, tracer_tgid, status);
	return true;
}

/* --- the event loop's side --- */

bool vt_syscall_traced(const struct tracee *t)
{
	return t->vt && t->vt->mode == VT_SYSCALL;
}

bool vt_on_syscall_stop(struct tracee *t)
{
	if (!vt_syscall_traced(t))
		return false;
	int sig = SIGTRAP | ((t->vt->options & PTRACE_O_TRACESYSGOOD) ? 0x80 : 0);
	return hold(t, STOPPED(sig), 0);
}

bool vt_on_signal(struct tracee *t, int sig)
{
	if (!t->vt || sig == SIGKILL)
		return false;
	return hold(t, STOPPED(sig), 0);
}

static void release_newborn(pid_t tid)
{
	for (unsigned i = 0; i < nnewborns; i++)
		if (newborns[i].tid == tid) {
			newborns[i] = newborns[--nnewborns];
			break;
		}
}

/* A child's first stop as its tracer sees it. */
static int first_stop_status(const struct vtrace *v)
{
	return v->seized ? EVENT_STATUS(PTRACE_EVENT_STOP) : STOPPED(SIGSTOP);
}

bool vt_on_new_child(struct tracee *parent, struct tracee *child, int event)
{
	bool held_child = child->vnewborn;
	if (held_child) {
		child->vnewborn = false;
		release_newborn(child->tid);
	}
	struct vtrace *pv = parent->vt;
	unsigned long opt = event == PTRACE_EVENT_FORK    ? PTRACE_O_TRACEFORK
			    : event == PTRACE_EVENT_VFORK ? PTRACE_O_TRACEVFORK
							  : PTRACE_O_TRACECLONE;
	if (!pv || !(pv->options & opt) || child->vt) {
		if (held_child)
			vt_resume(child, 0);
		return false;
	}
	struct vtrace *cv = new_record(pv->tracer_tid, pv->tracer_tgid, child, pv->seized, pv->options);
	if (!cv) {
		if (held_child)
			vt_resume(child, 0);
		return false;
	}
	if (held_child || child->attached)
		hold(child, first_stop_status(cv), 0);
	else
		cv->await_first = true;
	return hold(parent, EVENT_STATUS(event), (unsigned long)child->tid);
}

/* The tracer may no longer reach t (a set-id exec): natively the kernel
 * would not have granted the ids; here the trace ends instead. */
static bool tracer_lost_access(const struct vtrace *v)
{
	long tracer_euid = proc_status_field(v->tracer_tid, "Uid", 1);
	if (tracer_euid == 0)
		return false;
	long ruid = proc_status_field(v->tracer_tid, "Uid", 0);
	long rgid = proc_status_field(v->tracer_tid, "Gid", 0);
	for (int i = 0; i < 3; i++)
		if (proc_status_field(v->tid, "Uid", i) != ruid || proc_status_field(v->tid, "Gid", i) != rgid)
			return true;
	return false;
}

bool vt_on_exec(struct tracee *t, pid_t former)
{
	struct vtrace *v = t->vt;
	if (!v)
		return false;
	if (tracer_lost_access(v)) {
		drop(v);
		return false;
	}
	if (v->options & PTRACE_O_TRACEEXEC)
		return hold(t, EVENT_STATUS(PTRACE_EVENT_EXEC), (unsigned long)former);
	if (!v->seized)
		return hold(t, STOPPED(SIGTRAP), 0);
	return false;
}

void vt_exit_stop_due(struct tracee *t)
{
	if (t->vt)
		t->vt->exit_due = true;
}

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* A thread's first stop while a tracer with fork options runs: held until
 * its parent's event says whether it is traced from birth. */
static bool hold_newborn(struct tracee *t)
{
	if (!fork_tracers)
		return false;
	long tgid = proc_status_field(t->tid, "Tgid", 0);
	long parent = tgid > 0 && tgid != t->tid ? tgid : proc_status_field(t->tid, "PPid", 0);
	if (parent <= 0)
		return false;
	bool maybe = false;
	for (struct vtrace *v = records; v; v = v->next)
		if (v->tgid == parent && !v->exited && (v->options & FORK_OPTIONS))
			maybe = true;
	if (!maybe)
		return false;
	t->vnewborn = true;
	if (nnewborns == cap_newborns) {
		unsigned nc = cap_newborns ? cap_newborns * 2 : 8;
		struct newborn *p = realloc(newborns, nc * sizeof(*p));
		if (!p)
			abort();
		newborns = p;
		cap_newborns = nc;
	}
	newborns[nnewborns++] = (struct newborn){t->tid, (pid_t)parent};
	return true;
}

bool vt_on_event_stop(struct tracee *t, int sig, bool first)
{
	struct vtrace *v = t->vt;
	if (first) {
		if (v && v->await_first) {
			v->await_first = false;
			return hold(t, first_stop_status(v), 0);
		}
		if (!v)
			return hold_newborn(t);
		/* traced before the supervisor's own first stop of it: an
		 * INTERRUPT is reported by this stop */
	}
	if (!v)
		return false;
	if (!first && is_stop_signal(sig)) {
		changed(); /* a real parent's WUNTRACED wait may see it too */
		bool held = hold(t, v->seized ? STOPPED(sig | (PTRACE_EVENT_STOP << 8)) : STOPPED(sig), 0);
		v->group_stop = true;
		return held;
	}
	if (v->interrupt) {
		v->interrupt = false;
		return hold(t, EVENT_STATUS(PTRACE_EVENT_STOP), 0);
	}
	return false;
}

bool vt_on_exit_event(struct tracee *t)
{
	struct vtrace *v = t->vt;
	if (!v || !(v->options & PTRACE_O_TRACEEXIT))
		return false;
	unsigned long code = 0;
	ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &code);
	return hold(t, EVENT_STATUS(PTRACE_EVENT_EXIT), code);
}

/* The tracer thread tid is gone (group: the process's last thread, its
 * leader): detach its tracees as the kernel's exit_ptrace does, or kill
 * them (EXITKILL). */
static void tracer_gone(pid_t tid, bool group)
{
	struct vtrace *v = records, *next;
	for (; v; v = next) {
		next = v->next;
		if (v->tracer_tid != tid && !(group && v->tracer_tgid == tid))
			continue;
		if (v->exited) {
			drop(v);
			continue;
		}
		if (v->options & PTRACE_O_EXITKILL)
			syscall(SYS_tgkill, v->tgid, v->tid, SIGKILL);
		bool was_held = v->stopped;
		pid_t t = v->tid;
		vt_set_options(v, 0);
		drop(v);
		if (was_held)
			ptrace(PTRACE_CONT, t, 0, 0);
	}
}

static void hold_exit(struct vtrace *v, int status)
{
	v->stopped = true;
	v->reported = false;
	v->status = status;
	notify_tracer(v);
}

void vt_on_exited(struct tracee *t, int status)
{
	vt_take_parked(t);
	if (t->vnewborn) {
		t->vnewborn = false;
		release_newborn(t->tid);
	}
	/* children held for a parent that is gone: let them run */
	for (unsigned i = 0; i < nnewborns;) {
		if (newborns[i].parent_tgid == t->tgid && t->tid == t->tgid) {
			struct tracee *c = tracee_find(newborns[i].tid);
			newborns[i] = newborns[--nnewborns];
			if (c) {
				c->vnewborn = false;
				ptrace(PTRACE_CONT, c->tid, 0, 0);
			}
			continue;
		}
		i++;
	}
	struct vtrace *v = t->vt;
	if (v) {
		/* the real parent's wait reports a process's end to it */
		long ppid = proc_status_field(t->tid, "PPid", 0);
		if (t->tid == t->tgid && ppid == v->tracer_tgid) {
			drop(v);
		} else {
			v->pgid = vt_pgid_of(t->tid);
			v->exited = true;
			t->vt = NULL;
			hold_exit(v, status);
		}
	}
	if (records)
		tracer_gone(t->tid, t->tid == t->tgid);
	changed();
}
