/* SPDX-License-Identifier: BSD-2-Clause */
/* A jailed tracer reaches only its jail (docs/ptrace-emulation.md): the
 * process outside the jail it knows, its parent (the supervisor), does not
 * exist for ATTACH, SEIZE or any other request (ESRCH, as FreeBSD's
 * prison_check), nor does pid 1 of the host; and nothing a tracer asks
 * changes what the supervisor enforces: PTRACE_O_SUSPEND_SECCOMP is
 * refused (EPERM), POKEUSER outside the debug registers and unknown requests get
 * EIO without reaching the kernel, and POKEDATA/POKETEXT into the
 * supervisor's scratch area (docs/scratch-area.md) is EIO. With no jail,
 * the parent can be seized
 * (the probe fails there: it can tell). */
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "probe.h"

#define O_SUSPEND_SECCOMP (1 << 21)

int main(void)
{
	pid_t outside = getppid();
	EXPECT_ERRNO(ptrace(PTRACE_SEIZE, outside, 0, 0), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_ATTACH, outside, 0, 0), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_INTERRUPT, outside, 0, 0), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_PEEKDATA, outside, 0, 0), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_KILL, outside, 0, 0), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_SEIZE, 1, 0, 0), ESRCH);

	pid_t child = fork();
	if (child == 0) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0) != 0)
			_exit(1);
		/* a call whose checked arguments go to the supervisor's
		 * scratch area: the area is mapped in this process */
		open("/proc/self/status", O_PATH);
		raise(SIGSTOP);
		_exit(0);
	}
	int st = 0;
	if (child < 0 || waitpid(child, &st, 0) != child || !WIFSTOPPED(st))
		fail("the traced child did not stop: status %#x", st);
	EXPECT_ERRNO(ptrace(PTRACE_SETOPTIONS, child, 0, O_SUSPEND_SECCOMP), EPERM);
	EXPECT_ERRNO(ptrace(PTRACE_SEIZE, outside, 0, O_SUSPEND_SECCOMP), ESRCH);
	/* the user area outside x86's debug registers (here the first
	 * general register): refused before the kernel */
	EXPECT_ERRNO(ptrace(PTRACE_POKEUSER, child, (void *)0, 0), EIO);
	EXPECT_ERRNO(ptrace((enum __ptrace_request)0x4209 /* PTRACE_GETSIGMASK */, child, 8, &st), EIO);
	/* the supervisor's scratch area (64 MiB, read-only, anonymous):
	 * readable like any memory of the tracee, never written */
	char path[64], line[256];
	unsigned long lo = 0, hi = 0, a, b;
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)child);
	FILE *maps = fopen(path, "r");
	while (maps && fgets(line, sizeof(line), maps))
		if (sscanf(line, "%lx-%lx r--p 00000000 00:00 0", &a, &b) == 2 && b - a == 64UL << 20)
			lo = a, hi = b;
	if (maps)
		fclose(maps);
	if (!hi)
		fail("no scratch area in the traced child");
	errno = 0;
	long before = ptrace(PTRACE_PEEKDATA, child, (void *)lo, 0);
	if (errno)
		fail("PEEKDATA of the scratch area: %s", strerror(errno));
	EXPECT_ERRNO(ptrace(PTRACE_POKEDATA, child, (void *)lo, (void *)(before ^ 0x5a5a)), EIO);
	EXPECT_ERRNO(ptrace(PTRACE_POKETEXT, child, (void *)(hi - sizeof(long) - 1), 0), EIO);
	if (ptrace(PTRACE_PEEKDATA, child, (void *)lo, 0) != before)
		fail("the scratch area changed");
	kill(child, SIGKILL);
	waitpid(child, &st, 0);
	pass("the supervisor and host pid 1 are ESRCH to a jailed tracer; SUSPEND_SECCOMP EPERM; POKEUSER EIO; no POKE into the scratch area");
}
