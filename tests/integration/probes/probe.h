/* SPDX-License-Identifier: BSD-2-Clause */
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
#define PROBE_ADDR "127.0.0.2"     /* and this address */

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


/* Probes of several checks (the privilege probes): each check prints a line
 * "ok: ..." or "not ok: ..." (a denial) or "allowed: ..." / "not allowed:
 * ..." (something the jail must still let through), buffered so that the
 * verdict comes first; checks_done() prints PASS if every check held.
 * Outside the jail as root, run_probe.sh ("each") wants no "ok:" line: every
 * denial checked is one the kernel would otherwise grant or reach. */
static char checks_log[16384];
static size_t checks_len;
static int checks_failed;

__attribute__((format(printf, 1, 2))) static inline void check_log(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (checks_len < sizeof(checks_log)) {
		int n = vsnprintf(checks_log + checks_len, sizeof(checks_log) - checks_len, fmt, ap);
		if (n > 0)
			checks_len += (size_t)n;
	}
	va_end(ap);
}

static inline void check_result(const char *what, long rc, int err, int want)
{
	if (rc == -1 && err == want) {
		check_log("ok: %s: %s\n", what, strerror(err));
	} else {
		check_log("not ok: %s: returned %ld, errno %d (%s); want %s\n", what, rc, rc == -1 ? err : 0,
			  rc == -1 ? strerror(err) : "-", strerror(want));
		checks_failed++;
	}
}

/* The call must fail with errno want (the jail's denial). */
#define CHECK_DENIED(call, want)                                 \
	do {                                                     \
		errno = 0;                                       \
		long rc_ = (long)(call);                         \
		int err_ = errno;                                \
		check_result(#call, rc_, err_, (want));          \
	} while (0)

/* The call must not fail with EPERM/ENOSYS from a denial: it returns ok_rc
 * (or >= 0 if ok_rc is -2), or fails with errno ok_err. */
#define CHECK_ALLOWED(call, ok_err)                                                                  \
	do {                                                                                         \
		errno = 0;                                                                           \
		long rc_ = (long)(call);                                                             \
		int err_ = errno;                                                                    \
		if (rc_ >= 0 || (rc_ == -1 && err_ == (ok_err))) {                                   \
			check_log("allowed: %s\n", #call);                                           \
		} else {                                                                             \
			check_log("not allowed: %s: errno %d (%s)\n", #call, err_, strerror(err_)); \
			checks_failed++;                                                             \
		}                                                                                    \
	} while (0)

__attribute__((noreturn)) static inline void checks_done(const char *what)
{
	if (checks_failed)
		printf("FAIL: %d check(s) of %s failed\n", checks_failed, what);
	else
		printf("PASS: %s\n", what);
	fputs(checks_log, stdout);
	exit(checks_failed ? 1 : 0);
}

#endif
