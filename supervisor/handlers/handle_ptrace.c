/* SPDX-License-Identifier: BSD-2-Clause */
/* ptrace(2) of a jailed process, emulated (docs/ptrace-emulation.md): the
 * supervisor stays every jailed thread's only real tracer and answers the
 * jailed tracer's requests on the stops it holds for it
 * (engine/ptrace_virtual.c). No request reaches the kernel as it is. */
#include "handlers.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <unistd.h>

#include "../../policy/jail.h"
#include "../engine/members.h"
#include "../engine/memory.h"
#include "../engine/procfs.h"
#include "../engine/ptrace_virtual.h"
#include "../engine/scratch.h"
#include "../engine/tracee.h"
#include "../engine/wait_trap.h"
#include "ptrace_i386.h"

/* requests by number: some are not in every architecture's headers */
enum {
	RQ_TRACEME = 0, RQ_PEEKTEXT = 1, RQ_PEEKDATA = 2, RQ_PEEKUSER = 3, RQ_POKETEXT = 4,
	RQ_POKEDATA = 5, RQ_POKEUSER = 6, RQ_CONT = 7, RQ_KILL = 8, RQ_SINGLESTEP = 9,
	RQ_GETREGS = 12, RQ_SETREGS = 13, RQ_GETFPREGS = 14, RQ_SETFPREGS = 15, RQ_ATTACH = 16,
	RQ_DETACH = 17, RQ_GETFPXREGS = 18, RQ_SETFPXREGS = 19, RQ_SYSCALL = 24, RQ_SETOPTIONS = 0x4200, RQ_GETEVENTMSG = 0x4201,
	RQ_GETSIGINFO = 0x4202, RQ_GETREGSET = 0x4204, RQ_SETREGSET = 0x4205, RQ_SEIZE = 0x4206,
	RQ_INTERRUPT = 0x4207, RQ_LISTEN = 0x4208, RQ_GET_SYSCALL_INFO = 0x420e,
};

#ifndef NT_X86_XSTATE
#define NT_X86_XSTATE 0x202
#endif
#define REGSET_MAX (64 * 1024)
#define O_SUSPEND_SECCOMP (1UL << 21)

struct request {
	struct syscall_stop *s;
	struct tracee *t;      /* the caller */
	uint64_t req;
	pid_t pid;
	uint64_t addr, data;
	unsigned ws;           /* the caller's word size */
};

static int put_word(const struct request *r, uint64_t at, uint64_t value)
{
	uint32_t v32 = (uint32_t)value;
	return mem_write(r->t->tid, at, r->ws == 4 ? (void *)&v32 : (void *)&value, r->ws) ? -EFAULT : 0;
}

/* May caller debug target (FreeBSD's p_candebug in a jail, the kernel's
 * __ptrace_may_access for a caller without CAP_SYS_PTRACE)? 0 or -EPERM. */
static int may_debug(const struct tracee *caller, pid_t target)
{
	bool root = proc_status_field(caller->tid, "Uid", 1) == 0 && jail_allowed(caller->jail, JAIL_ALLOW_suser);
	if (root)
		return 0;
	if (!jail_allowed(caller->jail, JAIL_ALLOW_unprivileged_proc_debug))
		return -EPERM;
	long ruid = proc_status_field(caller->tid, "Uid", 0);
	long rgid = proc_status_field(caller->tid, "Gid", 0);
	if (ruid < 0 || rgid < 0)
		return -EPERM;
	for (int i = 0; i < 3; i++)
		if (proc_status_field(target, "Uid", i) != ruid || proc_status_field(target, "Gid", i) != rgid)
			return -EPERM;
	/* not dumpable (after a set-id exec, PR_SET_DUMPABLE 0): procfs gives
	 * its directory to root */
	char path[64];
	struct stat st;
	snprintf(path, sizeof(path), "/proc/%d", (int)target);
	if (stat(path, &st) < 0 || (long)st.st_uid != ruid)
		return -EPERM;
	return 0;
}

static int check_options(uint64_t options, int bad)
{
	if (options & O_SUSPEND_SECCOMP)
		return -EPERM; /* jailed root is not the host's admin */
	if (options & ~(uint64_t)VT_OPTIONS)
		return bad;
	return 0;
}

static int attach(const struct request *r, bool seize)
{
	struct tracee *target = tracee_find(r->pid);
	if (!target || !vis_pid(r->t, r->pid))
		return -ESRCH; /* outside the jail: it does not exist */
	if (target->tgid == r->t->tgid)
		return -EPERM;
	int err = may_debug(r->t, target->tid);
	if (err)
		return err;
	if (target->vt)
		return -EPERM;
	if (seize) {
		if (r->addr)
			return -EIO;
		if ((err = check_options(r->data, -EIO)))
			return err;
	}
	if (!r->t->wait_trapped) {
		/* its waits must stop from now on: the filter, then this call
		 * comes again (1) */
		err = wait_trap_install(r->t, r->s->abi);
		if (err && err != -ESRCH)
			return err;
		r->s->rewound = true;
		return 1;
	}
	if ((err = vt_attach(r->t->tid, r->t->tgid, target, seize, seize ? r->data : 0)))
		return err;
	if (!seize) {
		syscall(SYS_tgkill, target->tgid, target->tid, SIGSTOP);
		/* a process already stopped reports that stop */
		ptrace(PTRACE_INTERRUPT, target->tid, 0, 0);
	}
	return 0;
}

static int traceme(const struct request *r)
{
	long ppid = proc_status_field(r->t->tid, "PPid", 0);
	struct tracee *parent = ppid > 0 ? tracee_find((pid_t)ppid) : NULL;
	if (!parent || parent->jail != r->t->jail || r->t->vt)
		return -EPERM; /* a parent outside the jail cannot trace it */
	if (!jail_allowed(r->t->jail, JAIL_ALLOW_unprivileged_proc_debug) && may_debug(parent, r->t->tid))
		return -EPERM;
	int err = vt_attach(parent->tid, parent->tgid, r->t, false, 0);
	if (!err)
		wait_trap_request(parent); /* its waits must see this child's stops */
	return err;
}

static int mem_fd(pid_t tid, int flags)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)tid);
	int fd = open(path, flags | O_CLOEXEC);
	return fd < 0 ? -EIO : fd;
}

static int peek(const struct request *r, const struct vtrace *v)
{
	uint64_t value = 0;
	int fd = mem_fd(v->tid, O_RDONLY);
	if (fd < 0)
		return fd;
	ssize_t n = pread(fd, &value, r->ws, (off_t)r->addr);
	close(fd);
	if (n != (ssize_t)r->ws)
		return -EIO;
	return put_word(r, r->data, value);
}

/* The supervisor's scratch area stays its own: no write reaches it. */
static int poke(const struct request *r, const struct vtrace *v)
{
	struct tracee *target = tracee_find(v->tid);
	uint64_t base, size;
	if (!target)
		return -ESRCH;
	if (scratch_range(target, &base, &size) == 0 && r->addr < base + size && r->addr + r->ws > base)
		return -EIO;
	int fd = mem_fd(v->tid, O_RDWR);
	if (fd < 0)
		return fd;
	uint64_t value = r->data;
	uint32_t v32 = (uint32_t)value;
	ssize_t n = pwrite(fd, r->ws == 4 ? (void *)&v32 : (void *)&value, r->ws, (off_t)r->addr);
	close(fd);
	return n == (ssize_t)r->ws ? 0 : -EIO;
}

static int peekuser(const struct request *r, const struct vtrace *v)
{
	if (r->ws != 8) {
		uint32_t value;
		int err = ptrace_i386_peekuser(v->tid, r->addr, &value);
		return err ? err : put_word(r, r->data, value);
	}
	errno = 0;
	long value = ptrace(PTRACE_PEEKUSER, v->tid, r->addr, 0);
	if (errno)
		return -errno;
	return put_word(r, r->data, (uint64_t)value);
}

/* POKEUSER: x86's debug registers only (gdb writes them for every new
 * thread). A hardware breakpoint or watchpoint traps the tracee's own
 * user-mode accesses, never a syscall's checks; the kernel refuses kernel
 * addresses. The rest of the user area: EIO. */
static int pokeuser(const struct request *r, const struct vtrace *v)
{
#ifdef __x86_64__
	uint64_t first = offsetof(struct user, u_debugreg);
	if (r->ws == 8 && r->addr >= first && r->addr < first + 8 * sizeof(long) && r->addr % sizeof(long) == 0)
		return ptrace(PTRACE_POKEUSER, v->tid, r->addr, r->data) < 0 ? -errno : 0;
	if (r->ws == 4)
		return ptrace_i386_pokeuser(v->tid, r->addr, (uint32_t)r->data);
#else
	(void)v;
#endif
	(void)r;
	return -EIO;
}

/* GETREGS, SETREGS, GETFPREGS, SETFPREGS: the native layout only. */
static int regs_block(const struct request *r, const struct vtrace *v)
{
#ifdef __x86_64__
	union {
		struct user_regs_struct regs;
		struct user_fpregs_struct fp;
	} u;
	bool fp = r->req == RQ_GETFPREGS || r->req == RQ_SETFPREGS;
	size_t len = fp ? sizeof(u.fp) : sizeof(u.regs);
	bool set = r->req == RQ_SETREGS || r->req == RQ_SETFPREGS;
	if (r->ws != 8)
		return ptrace_i386_regs(v->tid, r->t->tid, (int)r->req, r->data);
	if (set && mem_read(r->t->tid, r->data, &u, len))
		return -EFAULT;
	if (ptrace((enum __ptrace_request)r->req, v->tid, 0, &u) < 0)
		return -errno;
	if (!set && mem_write(r->t->tid, r->data, &u, len))
		return -EFAULT;
	return 0;
#else
	(void)r;
	(void)v;
	return -EIO;
#endif
}

static bool settable_regset(uint64_t type)
{
	return type == NT_PRSTATUS || type == NT_PRFPREG || type == NT_X86_XSTATE;
}

static int regset(const struct request *r, const struct vtrace *v)
{
	static unsigned char buf[REGSET_MAX];
	uint64_t iov[2] = {0, 0};
	uint32_t iov32[2];
	bool set = r->req == RQ_SETREGSET;
	if (r->ws == 4) {
		if (mem_read(r->t->tid, r->data, iov32, sizeof(iov32)))
			return -EFAULT;
		iov[0] = iov32[0];
		iov[1] = iov32[1];
	} else if (mem_read(r->t->tid, r->data, iov, sizeof(iov))) {
		return -EFAULT;
	}
	if (set && !settable_regset(r->addr))
		return -EIO;
	size_t len = iov[1] < REGSET_MAX ? (size_t)iov[1] : REGSET_MAX;
	if (set && mem_read(r->t->tid, iov[0], buf, len))
		return -EFAULT;
	struct iovec mine = {buf, len};
	if (ptrace(set ? PTRACE_SETREGSET : PTRACE_GETREGSET, v->tid, r->addr, &mine) < 0)
		return -errno;
	if (!set && mem_write(r->t->tid, iov[0], buf, mine.iov_len))
		return -EFAULT;
	return put_word(r, r->data + r->ws, mine.iov_len);
}

static int getsiginfo(const struct request *r, const struct vtrace *v)
{
	siginfo_t si;
	if (r->ws != 8)
		return ptrace_i386_siginfo(v->tid, r->t->tid, r->data);
	if (ptrace(PTRACE_GETSIGINFO, v->tid, 0, &si) < 0)
		return -errno;
	return mem_write(r->t->tid, r->data, &si, sizeof(si)) ? -EFAULT : 0;
}

static long syscall_info(const struct request *r, const struct vtrace *v)
{
	unsigned char info[88];
	memset(info, 0, sizeof(info));
	long n = ptrace(PTRACE_GET_SYSCALL_INFO, v->tid, sizeof(info), info);
	if (n < 0)
		return -errno;
	size_t copy = (size_t)n < r->addr ? (size_t)n : (size_t)r->addr;
	if (copy > sizeof(info))
		copy = sizeof(info);
	if (copy && mem_write(r->t->tid, r->data, info, copy))
		return -EFAULT;
	return n;
}

static int valid_signal(uint64_t sig)
{
	return sig <= 64 ? 0 : -EIO;
}

/* A request about a tracee the caller traces. */
static long on_tracee(const struct request *r)
{
	struct vtrace *v = vt_find(r->pid, r->t->tgid);
	if (!v)
		return -ESRCH;
	if (r->req == RQ_KILL) {
		syscall(SYS_tgkill, v->tgid, v->tid, SIGKILL);
		return 0;
	}
	if (r->req == RQ_INTERRUPT)
		return vt_interrupt(v);
	if (!v->stopped)
		return -ESRCH; /* running: as the kernel says */
	int err;
	switch (r->req) {
	case RQ_PEEKTEXT:
	case RQ_PEEKDATA:
		return peek(r, v);
	case RQ_POKETEXT:
	case RQ_POKEDATA:
		return poke(r, v);
	case RQ_PEEKUSER:
		return peekuser(r, v);
	case RQ_POKEUSER:
		return pokeuser(r, v);
	case RQ_GETREGS:
	case RQ_SETREGS:
	case RQ_GETFPREGS:
	case RQ_SETFPREGS:
		return regs_block(r, v);
	case RQ_GETFPXREGS: /* i386's */
	case RQ_SETFPXREGS:
		return r->ws == 4 ? ptrace_i386_regs(v->tid, r->t->tid, (int)r->req, r->data) : -EIO;
	case RQ_GETREGSET:
	case RQ_SETREGSET:
		return regset(r, v);
	case RQ_GETSIGINFO:
		return getsiginfo(r, v);
	case RQ_GETEVENTMSG:
		return put_word(r, r->data, v->msg);
	case RQ_GET_SYSCALL_INFO:
		return syscall_info(r, v);
	case RQ_SETOPTIONS:
		if ((err = check_options(r->data, -EINVAL)))
			return err;
		return vt_set_options(v, r->data);
	case RQ_CONT:
	case RQ_SYSCALL:
	case RQ_SINGLESTEP:
		if ((err = valid_signal(r->data)))
			return err;
		return vt_resume_request(v, r->req == RQ_CONT ? VT_CONT : r->req == RQ_SYSCALL ? VT_SYSCALL : VT_STEP,
					 (int)r->data);
	case RQ_LISTEN:
		return vt_listen(v);
	case RQ_DETACH:
		if ((err = valid_signal(r->data)))
			return err;
		return vt_detach(v, (int)r->data);
	default:
		return -EIO; /* anything else */
	}
}

enum action handle_ptrace(struct syscall_stop *s)
{
	struct request r = {.s = s, .t = s->t, .ws = s->abi->word_size};
	uint64_t mask = r.ws == 4 ? 0xffffffffu : ~(uint64_t)0;
	r.req = s->args[0] & mask;
	r.pid = (pid_t)s->args[1];
	r.addr = s->args[2] & mask;
	r.data = s->args[3] & mask;
	long ret;
	if (r.req == RQ_TRACEME)
		ret = traceme(&r);
	else if (r.req == RQ_ATTACH || r.req == RQ_SEIZE)
		ret = attach(&r, r.req == RQ_SEIZE);
	else if (!vis_pid(s->t, r.pid))
		ret = -ESRCH;
	else if (!jail_allowed(s->t->jail, JAIL_ALLOW_unprivileged_proc_debug) && may_debug(s->t, r.pid))
		ret = -EPERM;
	else
		ret = on_tracee(&r);
	if (ret == 1)
		return ACT_CONTINUE; /* issued again (or gone): see attach() */
	if (ret == -EPERM && (r.req == RQ_SEIZE || r.req == RQ_SETOPTIONS) && (r.data & O_SUSPEND_SECCOMP))
		s->refused = "PTRACE_O_SUSPEND_SECCOMP would switch off the jail's filters";
	s->retval = ret;
	return ACT_RETURN;
}
