/* SPDX-License-Identifier: BSD-2-Clause */
/* Process visibility (FreeBSD's prison_check): every syscall that names a
 * process, thread, process group or session by number is checked against
 * the jail's own processes; anything else is ESRCH, as if it did not
 * exist. kill(-1), kill(0), kill(-pgrp) and the PGRP/USER forms of
 * {get,set}priority and ioprio_{get,set} are emulated over the jail's own
 * members: the caller itself runs one call per member (injected), so the
 * kernel checks its credentials and the receiver sees the caller as the
 * sender. See docs/visibility.md. */
#include "visibility.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/sockios.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "handlers.h"
#include "../engine/inject.h"
#include "../engine/memory.h"
#include "../engine/procfs.h"
#include "../engine/scratch.h"
#include "../engine/tracee.h"

#define MAX_MEMBERS 4096
#define PROC_SUPER_MAGIC 0x9fa0

bool vis_pgrp_owned(const struct tracee *caller, pid_t pgid)
{
	if (!vis_pgrp(caller, pgid))
		return false;
	DIR *d = opendir("/proc");
	if (!d)
		return false;
	bool owned = true;
	int err = 0;
	for (struct dirent *e; owned && (errno = 0, e = readdir(d));) {
		if (!proc_all_digits(e->d_name, strlen(e->d_name)))
			continue;
		pid_t pid = (pid_t)atoi(e->d_name), pg, sid;
		int rc = vis_proc_ids(pid, &pg, &sid);
		if (rc == -ENOENT || rc == -ESRCH)
			continue; /* gone meanwhile */
		if (rc) /* unreadable: cannot tell */
			owned = false;
		else if (pg == pgid && !vis_pid(caller, pid))
			owned = false;
	}
	err = errno;
	closedir(d);
	return owned && !err;
}

static enum action hidden(struct syscall_stop *s)
{
	s->retval = -ESRCH;
	return ACT_RETURN;
}

/* The argument as the kernel reads a pid_t (an int). */
static pid_t pid_arg(const struct syscall_stop *s, int i)
{
	return (pid_t)(int32_t)s->args[i];
}

/* A pid argument where 0 means the caller and a negative value is the
 * kernel's own error: only positive pids are checked. */
static enum action check_pid_arg(struct syscall_stop *s, int i)
{
	pid_t pid = pid_arg(s, i);
	if (pid <= 0 || vis_pid(s->t, pid))
		return ACT_CONTINUE;
	return hidden(s);
}

/* sched_*, prlimit64, getpgid, getsid, pidfd_open, process_vm_*,
 * get_robust_list, migrate_pages, move_pages, tkill, rt_sigqueueinfo:
 * the pid is the first argument. */
enum action handle_pid_arg0(struct syscall_stop *s)
{
	return check_pid_arg(s, 0);
}

/* tgkill(tgid, tid, sig), rt_tgsigqueueinfo(tgid, tid, sig, info) */
enum action handle_tgkill(struct syscall_stop *s)
{
	if (check_pid_arg(s, 0) == ACT_RETURN)
		return ACT_RETURN;
	return check_pid_arg(s, 1);
}

/* kcmp(pid1, pid2, type, idx1, idx2): compares kernel objects of
 * processes by pid, so it stays denied (EPERM, a host-wide kernel
 * interface: docs/privileges.md), but a pid outside the jail is ESRCH
 * first, as if it did not exist. */
enum action handle_kcmp(struct syscall_stop *s)
{
	if (handle_tgkill(s) == ACT_RETURN)
		return ACT_RETURN;
	s->retval = -EPERM;
	return ACT_RETURN;
}

/* The pid the descriptor fd of t refers to when used as a pidfd, decided
 * from the object (the supervisor's own copy of it), never from a name:
 * a pidfd (anon inode or pidfs) by its fdinfo "Pid:" line; with
 * proc_dirs, a directory /proc/<pid> (pidfd_send_signal takes one as a
 * pidfd) by the procfs entry it is. 0 if it is neither (the kernel then
 * fails the call itself); -1 if it cannot be told (the call is refused). */
static pid_t pidfd_target(const struct tracee *t, int fd, bool proc_dirs)
{
	if (fd < 0)
		return 0; /* PIDFD_SELF_*: the caller */
	int g = tracee_dup_fd(t, fd);
	if (g == -EBADF)
		return 0;
	if (g < 0)
		return -1;
	struct statfs sf;
	struct stat st;
	pid_t pid = 0;
	char path[PATH_MAX], line[128];
	if (fstatfs(g, &sf) < 0 || fstat(g, &st) < 0) {
		pid = -1;
	} else if (sf.f_type == PROC_SUPER_MAGIC) {
		/* /proc/<pid> itself, on any procfs: its name in its procfs */
		char link[64];
		snprintf(link, sizeof(link), "/proc/self/fd/%d", g);
		ssize_t n = readlink(link, path, sizeof(path) - 1);
		if (S_ISDIR(st.st_mode) && proc_dirs) {
			pid = -1;
			if (n > 0) {
				path[n] = '\0';
				const char *last = strrchr(path, '/');
				if (last && proc_all_digits(last + 1, strlen(last + 1)) && strlen(last + 1) < 12)
					pid = (pid_t)atol(last + 1);
			}
		}
	} else {
		snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", g);
		FILE *f = fopen(path, "re");
		if (f) {
			while (fgets(line, sizeof(line), f))
				if (sscanf(line, "Pid: %d", &pid) == 1)
					break;
			fclose(f);
		}
		if (pid < 0)
			pid = 0; /* -1: a pidfd of a process that is gone */
	}
	close(g);
	return pid;
}

pid_t vis_pidfd_pid(const struct tracee *t, int fd)
{
	return fd < 0 ? -1 : pidfd_target(t, fd, false);
}

/* pidfd_send_signal, pidfd_getfd, process_madvise, process_mrelease: the
 * pidfd is the first argument. A jail cannot get a pidfd of a hidden
 * process (pidfd_open and /proc/<pid> are checked, and clone's pidfd is
 * its own child), so this is a second line. */
enum action handle_pidfd_arg0(struct syscall_stop *s)
{
	pid_t pid = pidfd_target(s->t, (int)s->args[0], true);
	if (pid == 0 || (pid > 0 && vis_pid(s->t, pid)))
		return ACT_CONTINUE;
	return hidden(s);
}

/* Runs syscall id in the caller once per target, with argument who_arg
 * set to the target; results in res. Returns 0, or -errno (-ESRCH: the
 * caller died). *done tells whether the caller's registers must be
 * restored with inject_finish. */
static int run_per_member(struct syscall_stop *s, struct injection *inj, enum sc_id id, int who_arg,
			  const pid_t *targets, unsigned n, long *res)
{
	long nr = abi_nr(s->abi, id);
	if (nr < 0)
		return -ENOSYS;
	int err = inject_begin(inj, s->t, s->abi);
	if (err)
		return err;
	for (unsigned i = 0; i < n; i++) {
		uint64_t a[6];
		memcpy(a, s->args, sizeof(a));
		a[who_arg] = (uint64_t)(uint32_t)targets[i];
		err = inject_call(inj, nr, a, &res[i]);
		if (err)
			return err;
	}
	return 0;
}

/* Ends an emulation: the caller returns value. */
static enum action finish(struct syscall_stop *s, struct injection *inj, int err, long value)
{
	if (err == -ESRCH)
		return ACT_CONTINUE; /* the caller is gone; its exit comes next */
	if (inj->at_exit && inject_finish(inj))
		return ACT_CONTINUE;
	s->retval = err ? err : value;
	return ACT_RETURN;
}

/* Members of the jail selected for a PGRP or USER form, the caller last
 * (a signal to itself is then the last thing it gets). */
enum member_sel { SEL_ALL_BUT_SELF, SEL_PGRP, SEL_RUID };

static unsigned select_members(const struct tracee *t, enum member_sel sel, long key, pid_t *out)
{
	static pid_t m[MAX_MEMBERS];
	unsigned n = vis_members(t, m, MAX_MEMBERS), k = 0;
	bool self = false;
	for (unsigned i = 0; i < n; i++) {
		bool in;
		if (sel == SEL_ALL_BUT_SELF) {
			in = m[i] != t->tgid;
		} else if (sel == SEL_PGRP) {
			pid_t pg, sid;
			in = vis_proc_ids(m[i], &pg, &sid) == 0 && pg == key;
		} else {
			in = proc_status_field(m[i], "Uid", 0) == key;
		}
		if (!in)
			continue;
		if (m[i] == t->tgid)
			self = true;
		else
			out[k++] = m[i];
	}
	if (self)
		out[k++] = t->tgid;
	return k;
}

static pid_t own_pgrp(const struct tracee *t)
{
	pid_t pg = 0, sid;
	return vis_proc_ids(t->tid, &pg, &sid) == 0 ? pg : 0;
}

/* kill(pid, sig) */
enum action handle_kill(struct syscall_stop *s)
{
	static pid_t targets[MAX_MEMBERS];
	static long res[MAX_MEMBERS];
	pid_t pid = pid_arg(s, 0);
	int sig = (int)s->args[1];
	if (pid > 0)
		return check_pid_arg(s, 0);
	if (pid == INT_MIN)
		return ACT_CONTINUE; /* the kernel's ESRCH */
	if (sig < 0 || sig > _NSIG) {
		s->retval = -EINVAL;
		return ACT_RETURN;
	}
	unsigned n;
	if (pid == -1)
		n = select_members(s->t, SEL_ALL_BUT_SELF, 0, targets);
	else
		n = select_members(s->t, SEL_PGRP, pid == 0 ? own_pgrp(s->t) : -pid, targets);
	if (n == 0)
		return hidden(s);
	struct injection inj = {0};
	uint64_t saved = s->args[0];
	int err = run_per_member(s, &inj, SC_kill, 0, targets, n, res);
	s->args[0] = saved;
	long value;
	if (pid == -1) {
		/* as the kernel: 0 unless a signal failed otherwise than EPERM */
		value = 0;
		for (unsigned i = 0; i < n; i++)
			if (res[i] < 0 && res[i] != -EPERM)
				value = res[i];
	} else {
		/* 0 if one got it, else the last error */
		value = -ESRCH;
		for (unsigned i = 0; i < n; i++)
			value = res[i] == 0 || value == 0 ? 0 : res[i];
	}
	return finish(s, &inj, err, value);
}

/* setpgid(pid, pgid): the process must be visible, and so must the group
 * it joins (an invisible group looks like a missing one: EPERM, what the
 * kernel says for a group that does not exist). */
enum action handle_setpgid(struct syscall_stop *s)
{
	pid_t pid = pid_arg(s, 0), pgid = pid_arg(s, 1);
	if (pid > 0 && !vis_pid(s->t, pid))
		return hidden(s);
	pid_t self = pid > 0 ? pid : s->t->tgid;
	if (pgid > 0 && pgid != self && !vis_pgrp(s->t, pgid)) {
		s->retval = -EPERM;
		return ACT_RETURN;
	}
	return ACT_CONTINUE;
}

/* The members a PRIO_PGRP / PRIO_USER (or IOPRIO_WHO_PGRP / _USER) form
 * reaches. */
static unsigned group_targets(const struct syscall_stop *s, bool pgrp, pid_t who, pid_t *targets)
{
	if (pgrp)
		return select_members(s->t, SEL_PGRP, who ? who : own_pgrp(s->t), targets);
	long uid = who ? (long)(uint32_t)who : proc_status_field(s->t->tid, "Uid", 0);
	return select_members(s->t, SEL_RUID, uid, targets);
}

/* getpriority(which, who), setpriority(which, who, prio) */
enum action handle_priority(struct syscall_stop *s)
{
	static pid_t targets[MAX_MEMBERS];
	static long res[MAX_MEMBERS];
	int which = (int)s->args[0];
	pid_t who = pid_arg(s, 1);
	if (which == PRIO_PROCESS)
		return check_pid_arg(s, 1);
	if (which != PRIO_PGRP && which != PRIO_USER)
		return ACT_CONTINUE; /* EINVAL */
	if (which == PRIO_PGRP && who < 0)
		return ACT_CONTINUE;
	unsigned n = group_targets(s, which == PRIO_PGRP, who, targets);
	if (n == 0)
		return hidden(s);
	struct injection inj = {0};
	s->args[0] = PRIO_PROCESS;
	int err = run_per_member(s, &inj, s->id, 1, targets, n, res);
	long value = -ESRCH;
	for (unsigned i = 0; i < n; i++) {
		if (s->id == SC_getpriority) /* the highest of 20 - nice */
			value = res[i] > value ? res[i] : value;
		else if (res[i] < 0)
			value = res[i];
		else if (value == -ESRCH)
			value = 0;
	}
	return finish(s, &inj, err, value);
}

#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_WHO_PGRP 2
#define IOPRIO_WHO_USER 3

static long ioprio_best(long a, long b)
{
	long ca = a >> 13, cb = b >> 13;
	if (ca == 0)
		ca = 2; /* none counts as best-effort */
	if (cb == 0)
		cb = 2;
	if (ca == cb)
		return a < b ? a : b;
	return ca < cb ? a : b;
}

/* ioprio_get(which, who), ioprio_set(which, who, prio) */
enum action handle_ioprio(struct syscall_stop *s)
{
	static pid_t targets[MAX_MEMBERS];
	static long res[MAX_MEMBERS];
	int which = (int)s->args[0];
	pid_t who = pid_arg(s, 1);
	if (which == IOPRIO_WHO_PROCESS)
		return check_pid_arg(s, 1);
	if (which != IOPRIO_WHO_PGRP && which != IOPRIO_WHO_USER)
		return ACT_CONTINUE;
	unsigned n = group_targets(s, which == IOPRIO_WHO_PGRP, who, targets);
	if (n == 0)
		return hidden(s);
	struct injection inj = {0};
	s->args[0] = IOPRIO_WHO_PROCESS;
	int err = run_per_member(s, &inj, s->id, 1, targets, n, res);
	long value = -ESRCH;
	for (unsigned i = 0; i < n; i++) {
		if (s->id == SC_ioprio_get) {
			if (res[i] >= 0)
				value = value == -ESRCH ? res[i] : ioprio_best(value, res[i]);
		} else if (res[i] < 0 || value == -ESRCH) {
			value = res[i];
		}
	}
	return finish(s, &inj, err, value);
}

/* A process or group owner: > 0 a process, < 0 a group. The kernel
 * signals it later (SIGIO, SIGURG, lease and dnotify signals): a process
 * of the jail, or a group of the jail's processes only. */
static bool owner_visible(const struct tracee *t, long owner)
{
	if (owner == 0)
		return true;
	return owner > 0 ? vis_pid(t, (pid_t)owner) : vis_pgrp_owned(t, (pid_t)-owner);
}

/* fcntl(fd, F_SETOWN, owner), fcntl(fd, F_SETOWN_EX, &owner_ex) (the
 * filter stops only these two commands). */
enum action handle_fcntl_owner(struct syscall_stop *s)
{
	int cmd = (int)s->args[1];
	if (cmd == F_SETOWN) {
		int owner = (int)s->args[2];
		if (owner == INT_MIN || owner_visible(s->t, owner))
			return ACT_CONTINUE;
		return hidden(s);
	}
	if (cmd != F_SETOWN_EX)
		return ACT_CONTINUE;
	struct f_owner_ex own;
	if (mem_read(s->t->tid, s->args[2], &own, sizeof(own))) {
		s->retval = -EFAULT;
		return ACT_RETURN;
	}
	bool ok = own.pid == 0 ||
		  (own.type == F_OWNER_PGRP ? vis_pgrp_owned(s->t, own.pid) : own.pid > 0 && vis_pid(s->t, own.pid));
	if (own.type != F_OWNER_TID && own.type != F_OWNER_PID && own.type != F_OWNER_PGRP)
		ok = true; /* the kernel's EINVAL */
	if (!ok)
		return hidden(s);
	return stop_arg_to_copy(s, 2, &own, sizeof(own));
}

/* ioctl(fd, TIOCSPGRP, &pgrp): the terminal's foreground group is a
 * group with a process of the jail in it. ioctl(fd, FIOSETOWN, &owner),
 * ioctl(sock, SIOCSPGRP, &owner): the descriptor's owner, as F_SETOWN.
 * (The filter stops only these three requests.) */
enum action handle_ioctl_owner(struct syscall_stop *s)
{
	uint32_t req = (uint32_t)s->args[1];
	if (req != TIOCSPGRP && req != FIOSETOWN && req != SIOCSPGRP)
		return ACT_CONTINUE;
	int32_t pg;
	if (mem_read(s->t->tid, s->args[2], &pg, sizeof(pg))) {
		s->retval = -EFAULT;
		return ACT_RETURN;
	}
	if (req == TIOCSPGRP ? pg > 0 && !vis_pgrp(s->t, pg) : pg != INT_MIN && !owner_visible(s->t, pg))
		return hidden(s);
	return stop_arg_to_copy(s, 2, &pg, sizeof(pg));
}

/* capget(hdr, data): hdr = {version, pid}. A pid outside the jail is
 * ESRCH; the kernel then reads the checked header from the scratch area.
 * An unknown version is answered here as the kernel would (it writes its
 * preferred version back and ignores the pid). */
enum action handle_capget(struct syscall_stop *s)
{
	struct {
		uint32_t version;
		int32_t pid;
	} hdr;
	if (mem_read(s->t->tid, s->args[0], &hdr, sizeof(hdr))) {
		s->retval = -EFAULT;
		return ACT_RETURN;
	}
	if (hdr.version != 0x19980330 && hdr.version != 0x20071026 && hdr.version != 0x20080522) {
		uint32_t v3 = 0x20080522;
		if (mem_write(s->t->tid, s->args[0], &v3, sizeof(v3)))
			s->retval = -EFAULT;
		else
			s->retval = s->args[1] ? -EINVAL : 0;
		return ACT_RETURN;
	}
	if (hdr.pid < 0) {
		s->retval = -EINVAL;
		return ACT_RETURN;
	}
	if (hdr.pid > 0 && !vis_pid(s->t, hdr.pid))
		return hidden(s);
	return stop_arg_to_copy(s, 0, &hdr, sizeof(hdr));
}
