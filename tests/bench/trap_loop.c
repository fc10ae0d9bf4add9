/* SPDX-License-Identifier: BSD-2-Clause */
/* Benchmark helper: N uname(2) calls, a call the jail traps (it gives the
 * jail's hostname) and answers without any path or descriptor work: the
 * cost of a stop. Prints the loop's own time as "us_per_call <value>".
 *   trap_loop N */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/utsname.h>

#include "bench_clock.h"

int main(int argc, char **argv)
{
	long n, i;
	struct utsname u;
	double start, end;

	if (argc != 2 || (n = strtol(argv[1], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: %s N\n", argv[0]);
		return 2;
	}
	start = now_us();
	for (i = 0; i < n; i++)
		if (uname(&u) != 0) {
			perror("uname");
			return 1;
		}
	end = now_us();
	printf("us_per_call %.3f\n", (end - start) / (double)n);
	return 0;
}
