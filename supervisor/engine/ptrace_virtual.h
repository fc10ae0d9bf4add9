/* SPDX-License-Identifier: BSD-2-Clause */
/* Virtual tracing (docs/ptrace-emulation.md): a jailed debugger's view of
 * the threads it traces. The supervisor stays their only real tracer; a
 * virtual stop is a real ptrace stop the supervisor holds after doing its
 * own business there, until the virtual tracer resumes it. This file keeps
 * who traces whom and the held stops; the event loop asks it at each stop
 * whether to hold, the ptrace and wait handlers (handlers/handle_ptrace.c,
 * handle_wait.c) act on its records. */
#ifndef JAIL_SUPERVISOR_PTRACE_VIRTUAL_H
#define JAIL_SUPERVISOR_PTRACE_VIRTUAL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/ptrace.h>
#include <sys/types.h>

struct tracee;

/* The real options the supervisor seizes every jailed thread with. */
#define ENGINE_TRACE_OPTIONS                                                               \
	(PTRACE_O_EXITKILL | PTRACE_O_TRACESECCOMP | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | \
	 PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_TRACESYSGOOD)

/* The options a virtual tracer may set (others: EINVAL; SUSPEND_SECCOMP:
 * EPERM; TRACESECCOMP: EINVAL, the supervisor owns seccomp stops). */
#define VT_OPTIONS                                                                              \
	(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | \
	 PTRACE_O_TRACEEXEC | PTRACE_O_TRACEVFORKDONE | PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL)

enum vt_mode { VT_CONT, VT_SYSCALL, VT_STEP };

struct vtrace {
	pid_t tid, tgid;                /* the traced thread and its process */
	pid_t tracer_tid, tracer_tgid;  /* the virtual tracer */
	bool seized;                    /* PTRACE_SEIZE (else ATTACH or TRACEME) */
	unsigned long options;          /* PTRACE_O_* the tracer set */
	enum vt_mode mode;              /* how the supervisor resumes it */
	bool stopped;                   /* held at a real stop (or exited) */
	bool reported;                  /* a wait returned this stop already */
	bool exited;                    /* gone: status is its exit status */
	bool group_stop;                /* held in a group stop (LISTEN) */
	bool interrupt;                 /* a virtual INTERRUPT is pending */
	bool await_first;               /* auto-attached: report its first stop */
	bool options_pending;           /* real options to set at its next stop */
	bool exit_due;                  /* at an exit stop not reported yet (exec) */
	int status;                     /* the wait status to report */
	unsigned long msg;              /* PTRACE_GETEVENTMSG */
	pid_t pgid;                     /* its process group, for wait(-pgrp) */
	uint64_t serial;                /* the tracee entry it was made for */
	struct vtrace *next;
};

/* --- for the ptrace and wait handlers --- */

/* The record of thread tid traced by process tracer_tgid, not exited;
 * NULL if there is none. */
struct vtrace *vt_find(pid_t tid, pid_t tracer_tgid);
/* The record of thread tid (traced by anyone, not exited), or NULL. */
struct vtrace *vt_of(pid_t tid);
/* Makes tracer (a thread) the virtual tracer of target. 0 or -errno. */
int vt_attach(pid_t tracer_tid, pid_t tracer_tgid, struct tracee *target, bool seized,
	      unsigned long options);
/* Resumes a held tracee: mode, and the signal to deliver. 0 or -errno. */
int vt_resume_request(struct vtrace *v, enum vt_mode mode, int sig);
/* PTRACE_LISTEN at a held group stop. */
int vt_listen(struct vtrace *v);
/* PTRACE_INTERRUPT of a seized tracee. */
int vt_interrupt(struct vtrace *v);
/* Ends the virtual trace, resuming a held stop with sig. */
int vt_detach(struct vtrace *v, int sig);
/* New options (already validated): the real ones follow for the events
 * the supervisor does not ask for itself (exit, vfork done). */
int vt_set_options(struct vtrace *v, unsigned long options);
/* Does process tgid trace anything (an exit not yet reported counts)? */
bool vt_is_tracer(pid_t tgid);
/* Does a wait of tracer_tgid for pid (wait4's pid: >0, -1, 0 = caller's
 * group caller_pgid, < -1 a group) select any of its tracees? */
bool vt_wait_selects(pid_t tracer_tgid, pid_t pid, pid_t caller_pgid);
/* A reportable stop or exit for that wait (exits only if want_exits),
 * or NULL. */
struct vtrace *vt_wait_next(pid_t tracer_tgid, pid_t pid, pid_t caller_pgid, bool want_exits);
/* The wait reported v (not with WNOWAIT): an exit notice is dropped. */
void vt_wait_consume(struct vtrace *v);
/* The real wait of tracer_tgid reported the end of process tgid (status)
 * while threads of it traced by that tracer have not been reported gone
 * yet (the kernel made the leader's zombie reapable before the supervisor
 * saw their exits): their exits, then the process's, become exit notices
 * in that order, as the kernel reports a group to its tracer. True if it
 * did so (the caller then reports the first notice instead). */
bool vt_defer_group_exit(pid_t tracer_tgid, pid_t tgid, int status);
/* Changes with every event that may satisfy a tracer's wait. */
uint64_t vt_generation(void);
/* t (a tracer thread) blocks in its rewritten wait until woken. */
void vt_park(struct tracee *t);
/* The process group of a thread, from /proc (-1 if unknown). */
pid_t vt_pgid_of(pid_t tid);

/* --- for the event loop: each returns true when the stop is held --- */

/* Resumes t from a stop the supervisor is done with, keeping its virtual
 * resume mode (PTRACE_SYSCALL, PTRACE_SINGLESTEP). */
void vt_resume(struct tracee *t, int sig);
/* The ptrace request the supervisor resumes t with after a seccomp stop
 * whose exit stop it wants (PTRACE_SYSCALL, unless single-stepping). */
/* Does a SIGTRAP|0x80 stop of t need PTRACE_GET_SYSCALL_INFO to tell an
 * entry from an exit (t is syscall-traced by a virtual tracer)? */
bool vt_syscall_traced(const struct tracee *t);
bool vt_on_syscall_stop(struct tracee *t);
bool vt_on_signal(struct tracee *t, int sig);
/* A fork/vfork/clone event (event = PTRACE_EVENT_*) of parent, child
 * (already in the table, maybe held at its first stop). */
bool vt_on_new_child(struct tracee *parent, struct tracee *child, int event);
bool vt_on_exec(struct tracee *t, pid_t former);
/* t, held at its exec event, already stands at its execve's exit stop:
 * the tracer's next PTRACE_SYSCALL reports that stop without running it. */
void vt_exit_stop_due(struct tracee *t);
/* A PTRACE_EVENT_STOP: first (the thread's attach stop), group (a stop
 * signal), else an interrupt. A parked waiter is woken here. */
bool vt_on_event_stop(struct tracee *t, int sig, bool first);
/* PTRACE_EVENT_EXIT (requested for a tracer's TRACEEXIT). */
bool vt_on_exit_event(struct tracee *t);
/* A thread is gone (its wait status): its tracer hears of it; a tracer's
 * tracees are detached (or killed with EXITKILL). Before it leaves the
 * table. */
void vt_on_exited(struct tracee *t, int status);
/* Is t a parked waiter woken by the stop just seen? Clears the mark. */
bool vt_take_parked(struct tracee *t);

#endif
