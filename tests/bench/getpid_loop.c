/* SPDX-License-Identifier: BSD-2-Clause */
/* Benchmark helper: N getpid system calls, made with syscall(2) so that no
 * libc pid cache can answer instead of the kernel. Prints the loop's own
 * time (process start-up excluded) as "ns_per_call <value>".
 *   getpid_loop N */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench_clock.h"

int main(int argc, char **argv)
{
	long n, i;
	long sum = 0;
	double start, end;

	if (argc != 2 || (n = strtol(argv[1], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: %s N\n", argv[0]);
		return 2;
	}
	start = now_ns();
	for (i = 0; i < n; i++)
		sum += syscall(SYS_getpid);
	end = now_ns();
	if (sum != n * (long)getpid()) {
		fprintf(stderr, "getpid returned inconsistent values\n");
		return 1;
	}
	printf("ns_per_call %.2f\n", (end - start) / (double)n);
	return 0;
}
