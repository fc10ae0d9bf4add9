/* SPDX-License-Identifier: BSD-2-Clause */
/* A 64-bit program making i386 system calls with int $0x80 gets the same
 * jail as a 32-bit program: the jail's hostname from uname, sethostname
 * changing only the jail's name (seen by the 64-bit uname too), ptrace (ESRCH for the supervisor),
 * clock_settime64 and SysV IPC (direct and through the ipc multiplexer)
 * denied, socketcall working. Outside a jail uname gives the host's name
 * (the probe fails there first, before anything could change). i386 calls
 * take 32-bit pointers: the buffers are mapped below 4 GiB. Built 64-bit
 * only (tests/arch/i386.list). */
#include <linux/net.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>

#include "probe.h"

#define I386_ptrace 26
#define I386_sethostname 74
#define I386_ipc 117
#define I386_uname 122
#define I386_socketcall 102
#define I386_shmget 395
#define I386_clock_settime64 404
#define IPC_SEMGET 2
#define KEY 0x4a61694c

static long int80(long nr, long a, long b, long c, long d, long e)
{
	long ret;
	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
			 : "memory", "r8", "r9", "r10", "r11");
	return (int)ret; /* -errno in eax */
}

static void want(const char *what, long got, long expected)
{
	if (got != expected)
		fail("%s: int $0x80 returned %ld, want %ld", what, got, expected);
}

int main(void)
{
	char *low = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (low == MAP_FAILED)
		fail("mmap(MAP_32BIT): %s", strerror(errno));
	long a = (long)(uintptr_t)low;

	/* struct new_utsname: six fields of 65 bytes; nodename is the second */
	want("uname", int80(I386_uname, a, 0, 0, 0, 0), 0);
	if (strcmp(low + 65, PROBE_HOSTNAME) != 0)
		fail("i386 uname nodename is \"%s\"", low + 65);

	/* i386 ptrace reaches the same emulation: the supervisor (the
	 * command's parent, outside the jail) does not exist for it */
	want("ptrace(PTRACE_SEIZE, parent)", int80(I386_ptrace, 0x4206 /* PTRACE_SEIZE */, getppid(), 0, 0, 0), -ESRCH);

	/* an invalid time (tv_nsec out of range): EINVAL if it ever ran */
	int64_t *ts64 = (int64_t *)(low + 1024);
	ts64[0] = 0, ts64[1] = 2000000000;
	want("clock_settime64", int80(I386_clock_settime64, CLOCK_REALTIME, a + 1024, 0, 0, 0), -EPERM);

	want("ipc(SEMGET)", int80(I386_ipc, IPC_SEMGET, KEY, 0, 0, 0), -ENOSYS);
	want("shmget", int80(I386_shmget, KEY, 0, 0, 0, 0), -ENOSYS);

	uint32_t *sargs = (uint32_t *)(low + 2048);
	sargs[0] = AF_UNIX, sargs[1] = SOCK_STREAM, sargs[2] = 0;
	long fd = int80(I386_socketcall, SYS_SOCKET, a + 2048, 0, 0, 0);
	if (fd < 0)
		fail("socketcall(SYS_SOCKET, AF_UNIX): %ld", fd);
	close((int)fd);
	sargs[0] = AF_INET, sargs[1] = SOCK_RAW, sargs[2] = 1 /* ICMP */;
	fd = int80(I386_socketcall, SYS_SOCKET, a + 2048, 0, 0, 0);
	if (fd >= 0)
		fail("socketcall(SYS_SOCKET, AF_INET, SOCK_RAW) gave a socket: jailed root keeps CAP_NET_RAW");

	if (am_root()) {
		strcpy(low + 3072, "int80host");
		want("sethostname", int80(I386_sethostname, a + 3072, 9, 0, 0, 0), 0);
		struct utsname u;
		if (uname(&u) < 0 || strcmp(u.nodename, "int80host") != 0)
			fail("after an i386 sethostname the 64-bit uname says \"%s\"", u.nodename);
	} else {
		strcpy(low + 3072, "int80host");
		want("sethostname as a user", int80(I386_sethostname, a + 3072, 9, 0, 0, 0), -EPERM);
	}
	pass("int $0x80 from a 64-bit program: the jail's hostname, ptrace of the supervisor ESRCH, clock/SysV IPC denied, socketcall works");
}
