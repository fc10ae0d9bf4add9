/* SPDX-License-Identifier: BSD-2-Clause */
/* i386: the socketcall and ipc multiplexers, the direct socket and SysV IPC
 * calls, and the 64-bit time calls get the same jail as on x86_64: SysV IPC
 * gives ENOSYS whichever way it is called, a raw socket needs CAP_NET_RAW
 * which jailed root lacks, the clock cannot be set with clock_settime64 or
 * clock_settime, reading it works. Harmless outside: the keys name no
 * object, the times are invalid. Built -m32 only (tests/arch/i386.list). */
#include <linux/net.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>

#include "probe.h"

#ifndef __i386__
#error "an i386 probe"
#endif

#define IPC_SEMGET 2
#define IPC_MSGGET 13
#define IPC_SHMAT 21
#define IPC_SHMGET 23
#define I386_clock_settime64 404
#define I386_clock_gettime64 403
#define KEY 0x4a61694c

int main(void)
{
	unsigned long addr = 0;
	CHECK_DENIED(syscall(SYS_ipc, IPC_SEMGET, KEY, 0, 0), ENOSYS);
	CHECK_DENIED(syscall(SYS_ipc, IPC_MSGGET, KEY, 0), ENOSYS);
	CHECK_DENIED(syscall(SYS_ipc, IPC_SHMGET, KEY, 0, 0), ENOSYS);
	CHECK_DENIED(syscall(SYS_ipc, IPC_SHMAT, -1, 0, &addr, NULL), ENOSYS);
	CHECK_DENIED(syscall(SYS_semget, KEY, 0, 0), ENOSYS);
	CHECK_DENIED(syscall(SYS_shmget, KEY, 0, 0), ENOSYS);

	unsigned long raw[3] = {AF_INET, SOCK_RAW, 1 /* ICMP */};
	CHECK_DENIED(syscall(SYS_socketcall, SYS_SOCKET, raw), EPERM);
	CHECK_DENIED(syscall(SYS_socket, AF_INET, SOCK_RAW, 1), EPERM);
	unsigned long unix_stream[3] = {AF_UNIX, SOCK_STREAM, 0};
	CHECK_ALLOWED(syscall(SYS_socketcall, SYS_SOCKET, unix_stream), 0);
	CHECK_ALLOWED(syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0), 0);
	int sv[2];
	unsigned long pair[4] = {AF_UNIX, SOCK_STREAM, 0, (unsigned long)sv};
	CHECK_ALLOWED(syscall(SYS_socketcall, SYS_SOCKETPAIR, pair), 0);

	int64_t bad64[2] = {0, 2000000000};
	int32_t bad32[2] = {0, 2000000000};
	CHECK_DENIED(syscall(I386_clock_settime64, CLOCK_REALTIME, bad64), EPERM);
	CHECK_DENIED(syscall(SYS_clock_settime, CLOCK_REALTIME, bad32), EPERM);
	CHECK_DENIED(syscall(SYS_settimeofday, NULL, NULL), EPERM);
	int64_t now64[2];
	CHECK_ALLOWED(syscall(I386_clock_gettime64, CLOCK_REALTIME, now64), 0);
	checks_done("i386 multiplexers, direct socket and IPC calls, 64-bit time calls");
}
