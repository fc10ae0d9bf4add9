/* SPDX-License-Identifier: BSD-2-Clause */
/* Jailed root may not set or adjust the host's clock (allow.settime and
 * allow.adjtime are off): settimeofday, clock_settime and adjtimex or
 * clock_adjtime with modes give EPERM; reading the clock state stays
 * allowed. Harmless without the jail: settimeofday(NULL, NULL) changes
 * nothing, the clock_settime value is invalid (tv_nsec out of range), and
 * the adjtimex offset is invalid (negative microseconds), which the kernel
 * checks after the permission and before changing anything. */
#include <sys/syscall.h>
#include <sys/timex.h>
#include <time.h>

#include "probe.h"

int main(void)
{
	struct timespec bad = {.tv_sec = 0, .tv_nsec = 2000000000L};
	struct timex step = {.modes = ADJ_SETOFFSET};
	step.time.tv_sec = 0;
	step.time.tv_usec = -1;
	struct timex step2 = step;
	struct timex read_only = {.modes = 0};

	CHECK_DENIED(syscall(SYS_settimeofday, NULL, NULL), EPERM);
	CHECK_DENIED(syscall(SYS_clock_settime, CLOCK_REALTIME, &bad), EPERM);
	CHECK_DENIED(syscall(SYS_adjtimex, &step), EPERM);
	CHECK_DENIED(syscall(SYS_clock_adjtime, CLOCK_REALTIME, &step2), EPERM);
	CHECK_ALLOWED(syscall(SYS_adjtimex, &read_only), 0);
	checks_done("setting or adjusting the clock gives EPERM, reading it works");
}
