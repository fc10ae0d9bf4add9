/* Shared by the probe programs: each probe checks one behaviour and prints
 * its own verdict, "PASS: ..." (exit 0) or "FAIL: ..." (exit 1). Probes
 * build native, -m32 and for aarch64, so use only libc and raw syscalls. */
#ifndef JAIL_PROBE_H
#define JAIL_PROBE_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PROBE_HOSTNAME "probehost" /* run_probe.sh starts the jail with it */

__attribute__((format(printf, 1, 2), noreturn)) static inline void pass(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("PASS: ", stdout);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
	exit(0);
}

__attribute__((format(printf, 1, 2), noreturn)) static inline void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("FAIL: ", stdout);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
	exit(1);
}

/* Fails unless rc == -1 with errno == want. */
#define EXPECT_ERRNO(call, want)                                                            \
	do {                                                                                \
		errno = 0;                                                                  \
		long rc_ = (long)(call);                                                    \
		if (rc_ != -1 || errno != (want))                                           \
			fail("%s: returned %ld errno %d (%s), want errno %d (%s)", #call, rc_, \
			     errno, strerror(errno), (want), strerror(want));               \
	} while (0)

static inline int am_root(void)
{
	return geteuid() == 0;
}

#endif
