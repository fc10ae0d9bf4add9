/* SPDX-License-Identifier: BSD-2-Clause */
/* The benchmark helpers' clock: CLOCK_MONOTONIC, in ns or µs. */
#ifndef JAIL_BENCH_CLOCK_H
#define JAIL_BENCH_CLOCK_H

#include <time.h>

static inline double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static inline double now_us(void)
{
	return now_ns() / 1e3;
}

#endif
