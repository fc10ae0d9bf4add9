/* SPDX-License-Identifier: BSD-2-Clause */
/* Benchmark helper: N getpid system calls, made with syscall(2) so that no
 * libc pid cache can answer instead of the kernel. Prints the loop's own
 * time (process start-up excluded) as "ns_per_call <value>". With
 * "allow-all", the loop runs under a one-rule seccomp filter that allows
 * every call: the floor of any seccomp sandbox.
 *   getpid_loop N [allow-all] */
#define _GNU_SOURCE
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench_clock.h"

int main(int argc, char **argv)
{
	long n, i;
	long sum = 0;
	double start, end;

	if (argc < 2 || argc > 3 || (n = strtol(argv[1], NULL, 10)) <= 0 ||
	    (argc == 3 && strcmp(argv[2], "allow-all") != 0)) {
		fprintf(stderr, "usage: %s N [allow-all]\n", argv[0]);
		return 2;
	}
	if (argc == 3) {
		struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
		struct sock_fprog prog = {.len = 1, .filter = &allow};
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
		    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) {
			perror("seccomp");
			return 1;
		}
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
