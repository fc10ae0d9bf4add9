/* SPDX-License-Identifier: BSD-2-Clause */
/* wait4, waitpid and waitid of a virtual tracer (docs/ptrace-emulation.md):
 * the stops and exits of the threads it traces are merged with what the
 * kernel reports of its real children. Any other caller's wait runs as it
 * is. */
#include "handlers.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "../engine/inject.h"
#include "../engine/memory.h"
#include "../engine/ptrace_virtual.h"
#include "../engine/stop.h"
#include "../engine/tracee.h"
#include "visibility.h"

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

struct wait_call {
	bool is_waitid;
	pid_t pid;          /* as wait4's pid: >0, -1, 0, -pgrp */
	int options;
	uint64_t status;    /* wait4: int *; waitid: siginfo_t * */
	uint64_t rusage;
};

static int decode(const struct syscall_stop *s, struct wait_call *w)
{
	memset(w, 0, sizeof(*w));
	if (s->id == SC_waitid) {
		w->is_waitid = true;
		int idtype = (int)s->args[0];
		pid_t id = (pid_t)s->args[1];
		w->status = s->args[2];
		w->options = (int)s->args[3];
		w->rusage = s->args[4];
		if (idtype == P_ALL)
			w->pid = -1;
		else if (idtype == P_PID)
			w->pid = id;
		else if (idtype == P_PGID)
			w->pid = id ? -id : 0;
		else if (idtype == P_PIDFD && (w->pid = vis_pidfd_pid(s->t, id)) > 0)
			; /* the process the pidfd names; the real wait keeps the pidfd */
		else
			return 1; /* the kernel's (its EINVAL or EBADF) */
		if (w->pid == -1 && idtype == P_PGID)
			return 1;
		return 0;
	}
	w->pid = (pid_t)s->args[0];
	w->status = s->args[1];
	w->options = (int)s->args[2];
	w->rusage = s->id == SC_wait4 ? s->args[3] : 0;
	return 0;
}

/* waitid's siginfo for a wait status, in the caller's layout. */
static int put_siginfo(const struct syscall_stop *s, uint64_t at, pid_t pid, uid_t uid, int status)
{
	unsigned char si[128];
	memset(si, 0, sizeof(si));
	int code, value;
	if (WIFEXITED(status)) {
		code = CLD_EXITED;
		value = WEXITSTATUS(status);
	} else if (WIFSIGNALED(status)) {
		code = WCOREDUMP(status) ? CLD_DUMPED : CLD_KILLED;
		value = WTERMSIG(status);
	} else {
		code = CLD_TRAPPED;
		value = (status >> 8) & 0xff;
	}
	int signo = SIGCHLD;
	size_t u = s->abi->word_size == 4 ? 12 : 16; /* the union's offset */
	memcpy(si, &signo, 4);
	memcpy(si + 8, &code, 4);
	memcpy(si + u, &pid, 4);
	memcpy(si + u + 4, &uid, 4);
	memcpy(si + u + 8, &value, 4);
	return mem_write(s->t->tid, at, si, s->abi->word_size == 4 ? 128 : sizeof(si));
}

static enum action report(struct syscall_stop *s, const struct wait_call *w, struct vtrace *v)
{
	int err = 0;
	if (w->is_waitid) {
		if (w->status)
			err = put_siginfo(s, w->status, v->tid, (uid_t)0, v->status);
	} else if (w->status) {
		err = mem_write(s->t->tid, w->status, &v->status, sizeof(v->status));
	}
	if (!err && w->rusage) {
		unsigned char zero[144] = {0};
		err = mem_write(s->t->tid, w->rusage, zero, s->abi->word_size == 4 ? 72 : sizeof(zero));
	}
	if (err) {
		s->retval = err;
		return ACT_RETURN;
	}
	s->retval = w->is_waitid ? 0 : v->tid;
	if (!(w->options & WNOWAIT))
		vt_wait_consume(v);
	return ACT_RETURN;
}

/* After the real call with WNOHANG: did it report a child? */
static bool real_found(const struct syscall_stop *s, const struct wait_call *w, long r)
{
	if (!w->is_waitid)
		return r > 0;
	if (r != 0 || !w->status)
		return r == 0;
	int pid = 0;
	size_t u = s->abi->word_size == 4 ? 12 : 16;
	return mem_read(s->t->tid, w->status + u, &pid, sizeof(pid)) == 0 && pid != 0;
}

enum action handle_wait(struct syscall_stop *s)
{
	struct tracee *t = s->t;
	struct wait_call w;
	if (s->notified || !vt_is_tracer(t->tgid) || decode(s, &w))
		return ACT_CONTINUE;
	pid_t my_pgid = w.pid == 0 ? vt_pgid_of(t->tid) : 0;
	if (!vt_wait_selects(t->tgid, w.pid, my_pgid))
		return ACT_CONTINUE; /* real children only: the kernel's wait */
	int allowed = WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL;
	if (w.is_waitid)
		allowed = WNOHANG | WEXITED | WSTOPPED | WCONTINUED | WNOWAIT | __WNOTHREAD | __WCLONE | __WALL;
	if ((w.options & ~allowed) || (w.is_waitid && !(w.options & (WEXITED | WSTOPPED | WCONTINUED)))) {
		s->retval = -EINVAL;
		return ACT_RETURN;
	}
	bool exits = !w.is_waitid || (w.options & WEXITED);
	struct vtrace *v = vt_wait_next(t->tgid, w.pid, my_pgid, exits);
	if (v) {
		t->vwait_checked = false;
		return report(s, &w, v);
	}
	if (t->vwait_checked && t->vwait_gen == vt_generation() && !(w.options & WNOHANG)) {
		/* nothing since the last look: block until an event or a signal */
		t->vwait_checked = false;
		uint64_t none[6] = {0};
		long nr = abi_nr(s->abi, SC_ppoll);
		if (nr < 0 || stop_set_call(s, nr, none) < 0) {
			s->retval = -ENOSYS;
			return ACT_RETURN;
		}
		vt_park(t);
		return ACT_CONTINUE;
	}
	/* the real children, without blocking */
	uint64_t a[6];
	memcpy(a, s->args, sizeof(a));
	long nr = abi_nr(s->abi, s->id);
	a[w.is_waitid ? 3 : 2] |= WNOHANG;
	struct injection inj;
	long r = 0;
	int err = inject_begin(&inj, t, s->abi);
	if (!err)
		err = inject_call(&inj, nr, a, &r);
	if (err == -ESRCH)
		return ACT_CONTINUE; /* gone: its exit comes next */
	if (err) {
		if (inj.at_exit)
			inject_finish(&inj);
		s->retval = err;
		return ACT_RETURN;
	}
	if (real_found(s, &w, r) || (r < 0 && r != -ECHILD) || (w.options & WNOHANG)) {
		if (inject_finish(&inj))
			return ACT_CONTINUE;
		if (!w.is_waitid && r > 0 && w.status) {
			/* a process's end before its traced threads' ends: theirs first */
			int status = 0;
			if (mem_read(t->tid, w.status, &status, sizeof(status)) == 0 &&
			    vt_defer_group_exit(t->tgid, (pid_t)r, status) &&
			    (v = vt_wait_next(t->tgid, w.pid, my_pgid, exits)))
				return report(s, &w, v);
		}
		s->retval = r == -ECHILD ? 0 : r;
		return ACT_RETURN;
	}
	/* look again when the call comes back: then park if nothing changed */
	t->vwait_checked = true;
	t->vwait_gen = vt_generation();
	if (inject_end(&inj))
		return ACT_CONTINUE;
	s->rewound = true;
	return ACT_CONTINUE;
}
