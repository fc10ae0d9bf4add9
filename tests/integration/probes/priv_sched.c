/* SPDX-License-Identifier: BSD-2-Clause */
/* Jailed root may not raise priorities above the host's processes:
 * negative nice, real-time scheduling policies and the real-time I/O class
 * give EPERM. Harmless without the jail: the target pid does not exist. */
#include <linux/ioprio.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include "probe.h"

#define NOPID 0x3ffffff0 /* above any pid_max */

int main(void)
{
	struct sched_param rt = {.sched_priority = 1};

	CHECK_DENIED(syscall(SYS_setpriority, PRIO_PROCESS, NOPID, -1), EPERM);
	CHECK_DENIED(syscall(SYS_sched_setscheduler, NOPID, SCHED_FIFO, &rt), EPERM);
	CHECK_DENIED(syscall(SYS_sched_setscheduler, NOPID, SCHED_RR | SCHED_RESET_ON_FORK, &rt), EPERM);
	CHECK_DENIED(syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, NOPID, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_RT, 0)), EPERM);
	/* lowering one's own priority stays allowed */
	CHECK_ALLOWED(syscall(SYS_setpriority, PRIO_PROCESS, 0, 1), 0);
	checks_done("negative nice, real-time policies and real-time I/O give EPERM");
}
