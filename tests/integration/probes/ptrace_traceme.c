/* SPDX-License-Identifier: BSD-2-Clause */
/* Debugging inside the jail (docs/ptrace-emulation.md): a child asks to be
 * traced (PTRACE_TRACEME), its parent sees its SIGSTOP, then each syscall
 * entry and exit with PTRACE_SYSCALL (TRACESYSGOOD), reads the call with
 * PTRACE_GET_SYSCALL_INFO and the registers with GETREGSET, reads and
 * writes the child's memory (PEEKDATA/POKEDATA), and gets its exit status
 * from waitpid; on x86 also GETREGS, PEEKUSER and GETSIGINFO in the
 * tracer's own layout (built -m32 too: the i386 layouts, which the
 * supervisor converts). With the supervisor's former EPERM it fails at
 * TRACEME; with the former EIO for a 32-bit tracer, at GETREGS. */
#include <elf.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>

#include "probe.h"
#include "traced_child.h"

static volatile long secret = 1234;

/* the syscall number GETREGSET shows at a syscall stop */
static long regs_nr(const struct user_regs_struct *r)
{
#if defined(__x86_64__)
	return (long)r->orig_rax;
#elif defined(__i386__)
	return r->orig_eax;
#elif defined(__aarch64__)
	return (long)r->regs[8];
#else
	(void)r;
	return -1;
#endif
}

#if defined(__x86_64__) || defined(__i386__)
/* The stopped child's registers in the tracer's layout, a word of its
 * user area, and the SIGSTOP's siginfo. */
static void x86_layouts(pid_t child)
{
	struct user_regs_struct regs;
	memset(&regs, 0, sizeof(regs));
	if (ptrace(PTRACE_GETREGS, child, 0, &regs) != 0)
		fail("GETREGS: %s", strerror(errno));
#ifdef __x86_64__
	unsigned long ip = regs.rip, ip_off = offsetof(struct user, regs.rip);
#else
	unsigned long ip = (unsigned long)regs.eip, ip_off = offsetof(struct user, regs.eip);
#endif
	errno = 0;
	long word = ptrace(PTRACE_PEEKUSER, child, (void *)ip_off, 0);
	if (errno || ip == 0 || (unsigned long)word != ip)
		fail("PEEKUSER of the instruction pointer: %#lx (%s), GETREGS says %#lx", word, strerror(errno), ip);
	errno = 0;
	ptrace(PTRACE_PEEKUSER, child, (void *)(ip_off + 1), 0);
	if (errno != EIO)
		fail("PEEKUSER at a misaligned offset: %s, want EIO", strerror(errno));
	struct user_fpregs_struct fp;
	if (ptrace(PTRACE_GETFPREGS, child, 0, &fp) != 0)
		fail("GETFPREGS: %s", strerror(errno));
	siginfo_t si;
	memset(&si, 0, sizeof(si));
	if (ptrace(PTRACE_GETSIGINFO, child, 0, &si) != 0)
		fail("GETSIGINFO: %s", strerror(errno));
	if (si.si_signo != SIGSTOP || si.si_pid != child || si.si_uid != getuid())
		fail("GETSIGINFO: signal %d from pid %d uid %u, want SIGSTOP from %d uid %u", si.si_signo,
		     (int)si.si_pid, (unsigned)si.si_uid, (int)child, (unsigned)getuid());
}
#endif

int main(void)
{
	pid_t child = fork_traced_child();
	if (child == 0) {
		syscall(SYS_getppid);
		_exit((int)secret);
	}
	int st = 0;
	if (waitpid(child, &st, 0) != child)
		fail("waitpid: %s", strerror(errno));
	if (WIFEXITED(st))
		fail("PTRACE_TRACEME failed in the child: errno %d", WEXITSTATUS(st) - 100);
	if (!WIFSTOPPED(st) || WSTOPSIG(st) != SIGSTOP)
		fail("first stop: status %#x, want SIGSTOP", st);
#if defined(__x86_64__) || defined(__i386__)
	x86_layouts(child);
#endif
	if (ptrace(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACESYSGOOD) != 0)
		fail("SETOPTIONS: %s", strerror(errno));
	errno = 0;
	long word = ptrace(PTRACE_PEEKDATA, child, (void *)&secret, 0);
	if (errno || (int)word != 1234)
		fail("PEEKDATA: %ld (%s), want 1234", word, strerror(errno));
	if (ptrace(PTRACE_POKEDATA, child, (void *)&secret, (void *)(long)42) != 0)
		fail("POKEDATA: %s", strerror(errno));
	int entries = 0, exits = 0;
	for (int n = 0; n < 200; n++) {
		if (ptrace(PTRACE_SYSCALL, child, 0, 0) != 0)
			fail("PTRACE_SYSCALL: %s", strerror(errno));
		if (waitpid(child, &st, __WALL) != child)
			fail("waitpid in the loop: %s", strerror(errno));
		if (WIFEXITED(st))
			break;
		if (!WIFSTOPPED(st) || WSTOPSIG(st) != (SIGTRAP | 0x80))
			fail("stop %d: status %#x, want a syscall stop (SIGTRAP|0x80)", n, st);
		struct __ptrace_syscall_info info;
		memset(&info, 0, sizeof(info));
		if (ptrace(PTRACE_GET_SYSCALL_INFO, child, sizeof(info), &info) <= 0)
			fail("GET_SYSCALL_INFO: %s", strerror(errno));
		if (info.op == PTRACE_SYSCALL_INFO_ENTRY && info.entry.nr == SYS_getppid) {
			entries++;
			struct user_regs_struct regs;
			struct iovec iov = {&regs, sizeof(regs)};
			if (ptrace(PTRACE_GETREGSET, child, NT_PRSTATUS, &iov) != 0)
				fail("GETREGSET: %s", strerror(errno));
			if (iov.iov_len != sizeof(regs) || regs_nr(&regs) != SYS_getppid)
				fail("GETREGSET at getppid's entry: %zu bytes, nr %ld", iov.iov_len, regs_nr(&regs));
		} else if (info.op == PTRACE_SYSCALL_INFO_EXIT && entries == 1 && exits == 0) {
			exits++;
			if (info.exit.rval != getpid())
				fail("getppid's exit stop: result %lld, want %d", (long long)info.exit.rval, (int)getpid());
		}
	}
	if (!WIFEXITED(st))
		fail("the child did not exit: status %#x", st);
	if (entries != 1 || exits != 1)
		fail("getppid: %d entry and %d exit stops, want 1 and 1", entries, exits);
	if (WEXITSTATUS(st) != 42)
		fail("exit status %d: POKEDATA did not reach the child (want 42)", WEXITSTATUS(st));
	pass("TRACEME: SIGSTOP, syscall entry/exit stops, GETREGSET, PEEK/POKEDATA and the exit status");
}
