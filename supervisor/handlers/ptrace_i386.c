/* SPDX-License-Identifier: BSD-2-Clause */
#include "ptrace_i386.h"

#include <elf.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>

#include "../engine/memory.h"

#ifdef __x86_64__

#define REGS32_SIZE 68   /* i386's struct user_regs_struct: 17 words */
#define FPREGS32_SIZE 108 /* struct user_i387_struct */
#define FPXREGS32_SIZE 512 /* struct user_fxsr_struct */
#define USER32_DEBUGREG 252 /* offsetof(i386 struct user, u_debugreg) */
#define USER32_SIZE 284     /* sizeof(i386 struct user) */
#ifndef NT_PRXFPREG
#define NT_PRXFPREG 0x46e62b7f
#endif

/* One regset of a 32-bit tracee, of exactly len bytes; -EIO if the tracee
 * is not in 32-bit mode (its regset view differs). */
static int regset32(pid_t tracee, int type, void *buf, size_t len, bool set)
{
	struct iovec io = {buf, len};
	if (ptrace(set ? PTRACE_SETREGSET : PTRACE_GETREGSET, tracee, (void *)(long)type, &io) < 0)
		return -errno;
	return io.iov_len == len ? 0 : -EIO;
}

int ptrace_i386_regs(pid_t tracee, pid_t caller, int req, uint64_t data)
{
	static unsigned char buf[FPXREGS32_SIZE];
	int type = NT_PRSTATUS;
	size_t len = REGS32_SIZE;
	bool set = req == 13 || req == 15 || req == 19; /* SETREGS, SETFPREGS, SETFPXREGS */
	if (req == 14 || req == 15)
		type = NT_PRFPREG, len = FPREGS32_SIZE;
	else if (req == 18 || req == 19)
		type = NT_PRXFPREG, len = FPXREGS32_SIZE;
	/* a 32-bit tracee? (its general registers are 68 bytes) */
	unsigned char probe[REGS32_SIZE];
	int err = regset32(tracee, NT_PRSTATUS, probe, sizeof(probe), false);
	if (err)
		return err;
	if (set && mem_read(caller, data, buf, len))
		return -EFAULT;
	if ((err = regset32(tracee, type, buf, len, set)) != 0)
		return err;
	if (!set && mem_write(caller, data, buf, len))
		return -EFAULT;
	return 0;
}

int ptrace_i386_peekuser(pid_t tracee, uint64_t addr, uint32_t *out)
{
	if (addr > USER32_SIZE || (addr & 3))
		return -EIO;
	*out = 0; /* the user area's other fields read as 0 (the kernel's getreg32) */
	if (addr < REGS32_SIZE) {
		uint32_t regs[REGS32_SIZE / 4];
		int err = regset32(tracee, NT_PRSTATUS, regs, sizeof(regs), false);
		if (err)
			return err;
		*out = regs[addr / 4];
	} else if (addr >= USER32_DEBUGREG && addr < USER32_DEBUGREG + 32) {
		errno = 0;
		long v = ptrace(PTRACE_PEEKUSER, tracee,
				(void *)(offsetof(struct user, u_debugreg) + (addr - USER32_DEBUGREG) / 4 * sizeof(long)), 0);
		if (errno)
			return -errno;
		*out = (uint32_t)v;
	}
	return 0;
}

int ptrace_i386_pokeuser(pid_t tracee, uint64_t addr, uint32_t value)
{
	/* the debug registers only, as for a 64-bit tracer */
	if (addr < USER32_DEBUGREG || addr >= USER32_DEBUGREG + 32 || (addr & 3))
		return -EIO;
	void *at = (void *)(offsetof(struct user, u_debugreg) + (addr - USER32_DEBUGREG) / 4 * sizeof(long));
	return ptrace(PTRACE_POKEUSER, tracee, at, (void *)(unsigned long)value) < 0 ? -errno : 0;
}

/* The kernel's siginfo layouts (siginfo_layout, copy_siginfo_to_external32) */
enum layout { L_KILL, L_TIMER, L_POLL, L_FAULT, L_CHLD, L_RT, L_SYS };

static enum layout layout_of(int sig, int code)
{
	if (code == SI_TIMER)
		return L_TIMER;
	if (code == SI_SIGIO)
		return L_POLL;
	if (code < 0)
		return L_RT;
	if (code == SI_USER || code == SI_KERNEL)
		return L_KILL;
	switch (sig) {
	case SIGILL: return code <= 11 ? L_FAULT : L_KILL;  /* NSIGILL */
	case SIGFPE: return code <= 15 ? L_FAULT : L_KILL;  /* NSIGFPE */
	case SIGSEGV: return code <= 10 ? L_FAULT : L_KILL; /* NSIGSEGV */
	case SIGBUS: return code <= 5 ? L_FAULT : L_KILL;   /* NSIGBUS */
	case SIGTRAP: return code <= 6 ? L_FAULT : L_KILL;  /* NSIGTRAP */
	case SIGCHLD: return code <= 6 ? L_CHLD : L_KILL;   /* NSIGCHLD */
	case SIGPOLL: return code <= 6 ? L_POLL : L_KILL;   /* NSIGPOLL */
	case SIGSYS: return code <= 1 ? L_SYS : L_KILL;     /* NSIGSYS */
	default: return L_KILL;
	}
}

int ptrace_i386_siginfo(pid_t tracee, pid_t caller, uint64_t data)
{
	siginfo_t si;
	if (ptrace(PTRACE_GETSIGINFO, tracee, 0, &si) < 0)
		return -errno;
	uint32_t o[32]; /* compat_siginfo: 128 bytes; the union from word 3 */
	memset(o, 0, sizeof(o));
	o[0] = (uint32_t)si.si_signo, o[1] = (uint32_t)si.si_errno, o[2] = (uint32_t)si.si_code;
	switch (layout_of(si.si_signo, si.si_code)) {
	case L_KILL:
	default:
		o[3] = (uint32_t)si.si_pid, o[4] = si.si_uid;
		break;
	case L_TIMER:
		o[3] = (uint32_t)si.si_timerid, o[4] = (uint32_t)si.si_overrun, o[5] = (uint32_t)si.si_value.sival_int;
		break;
	case L_POLL:
		o[3] = (uint32_t)si.si_band, o[4] = (uint32_t)si.si_fd;
		break;
	case L_FAULT:
		o[3] = (uint32_t)(uintptr_t)si.si_addr;
		if (si.si_signo == SIGSEGV && si.si_code == SEGV_BNDERR) {
			o[5] = (uint32_t)(uintptr_t)si.si_lower, o[6] = (uint32_t)(uintptr_t)si.si_upper;
		} else if (si.si_signo == SIGSEGV && si.si_code == SEGV_PKUERR) {
			o[5] = si.si_pkey;
		} else {
			uint16_t lsb = (uint16_t)si.si_addr_lsb;
			memcpy(&o[4], &lsb, sizeof(lsb));
		}
		break;
	case L_CHLD:
		o[3] = (uint32_t)si.si_pid, o[4] = si.si_uid, o[5] = (uint32_t)si.si_status;
		o[6] = (uint32_t)si.si_utime, o[7] = (uint32_t)si.si_stime;
		break;
	case L_RT:
		o[3] = (uint32_t)si.si_pid, o[4] = si.si_uid, o[5] = (uint32_t)si.si_value.sival_int;
		break;
	case L_SYS:
		o[3] = (uint32_t)(uintptr_t)si.si_call_addr, o[4] = (uint32_t)si.si_syscall, o[5] = si.si_arch;
		break;
	}
	return mem_write(caller, data, o, sizeof(o)) ? -EFAULT : 0;
}

#else /* not x86_64: no 32-bit tracers of another layout here */

int ptrace_i386_regs(pid_t tracee, pid_t caller, int req, uint64_t data)
{
	(void)tracee, (void)caller, (void)req, (void)data;
	return -EIO;
}

int ptrace_i386_peekuser(pid_t tracee, uint64_t addr, uint32_t *out)
{
	(void)tracee, (void)addr, (void)out;
	return -EIO;
}

int ptrace_i386_pokeuser(pid_t tracee, uint64_t addr, uint32_t value)
{
	(void)tracee, (void)addr, (void)value;
	return -EIO;
}

int ptrace_i386_siginfo(pid_t tracee, pid_t caller, uint64_t data)
{
	(void)tracee, (void)caller, (void)data;
	return -EIO;
}

#endif
