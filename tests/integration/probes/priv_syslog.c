/* SPDX-License-Identifier: BSD-2-Clause */
/* The kernel log is the host's: reading it needs allow.read_msgbuf (off),
 * clearing it or changing the console level is never allowed; all give
 * EPERM. Harmless without the jail: reads of 0 bytes, the size queries,
 * read-and-clear with no buffer (EINVAL before clearing), a console level
 * of 0 bytes (EINVAL). Clearing and console on/off have no harmless form:
 * the unit test (test_filter) covers them. */
#include <sys/syscall.h>

#include "probe.h"

int main(void)
{
	char buf[16];

	CHECK_DENIED(syscall(SYS_syslog, 2 /* READ */, buf, 0), EPERM);
	CHECK_DENIED(syscall(SYS_syslog, 3 /* READ_ALL */, buf, 0), EPERM);
	CHECK_DENIED(syscall(SYS_syslog, 4 /* READ_CLEAR */, NULL, 0), EPERM);
	CHECK_DENIED(syscall(SYS_syslog, 8 /* CONSOLE_LEVEL */, NULL, 0), EPERM);
	CHECK_DENIED(syscall(SYS_syslog, 9 /* SIZE_UNREAD */, NULL, 0), EPERM);
	CHECK_DENIED(syscall(SYS_syslog, 10 /* SIZE_BUFFER */, NULL, 0), EPERM);
	checks_done("kernel log reads and changes give EPERM");
}
