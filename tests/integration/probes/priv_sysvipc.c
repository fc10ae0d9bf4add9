/* SPDX-License-Identifier: BSD-2-Clause */
/* SysV IPC is off in a jail by default (allow.sysvipc): every message
 * queue, semaphore and shared memory call gives ENOSYS, as on FreeBSD.
 * Harmless without the jail: the key names no object (ENOENT), the ids are
 * invalid (EINVAL). */
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>

#include "probe.h"

#define KEY 0x4a61694c /* "JaiL" */

int main(void)
{
	char buf[64] = {0};
	struct sembuf op = {0, 1, IPC_NOWAIT};

	CHECK_DENIED(syscall(SYS_shmget, KEY, 0, 0), ENOSYS);
	CHECK_DENIED(syscall(SYS_shmat, -1, NULL, 0), ENOSYS);
	CHECK_DENIED(syscall(SYS_shmdt, (void *)4096), ENOSYS);
	CHECK_DENIED(syscall(SYS_shmctl, -1, IPC_STAT, buf), ENOSYS);
	CHECK_DENIED(syscall(SYS_msgget, KEY, 0), ENOSYS);
	CHECK_DENIED(syscall(SYS_msgsnd, -1, buf, 0, IPC_NOWAIT), ENOSYS);
	CHECK_DENIED(syscall(SYS_msgrcv, -1, buf, 8, 0, IPC_NOWAIT), ENOSYS);
	CHECK_DENIED(syscall(SYS_msgctl, -1, IPC_STAT, buf), ENOSYS);
	CHECK_DENIED(syscall(SYS_semget, KEY, 0, 0), ENOSYS);
#ifdef SYS_semop
	CHECK_DENIED(syscall(SYS_semop, -1, &op, 1), ENOSYS);
#endif
#ifdef SYS_semtimedop
	CHECK_DENIED(syscall(SYS_semtimedop, -1, &op, 1, NULL), ENOSYS);
#endif
	(void)op;
	CHECK_DENIED(syscall(SYS_semctl, -1, 0, IPC_STAT, buf), ENOSYS);
	checks_done("SysV IPC gives ENOSYS");
}
