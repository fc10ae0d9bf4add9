/* SPDX-License-Identifier: BSD-2-Clause */
/* Benchmark helper: N times fork, exec PROGRAM (no arguments) in the child
 * and wait for it in the parent. Every child must exit 0. Prints the loop's
 * own time (process start-up excluded) as "us_per_iter <value>".
 *   fork_exec N PROGRAM */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_clock.h"

int main(int argc, char **argv)
{
	long n, i;
	double start, end;

	if (argc != 3 || (n = strtol(argv[1], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: %s N PROGRAM\n", argv[0]);
		return 2;
	}
	start = now_ns();
	for (i = 0; i < n; i++) {
		int status;
		pid_t pid = fork();

		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			char *const args[] = { argv[2], NULL };

			execv(argv[2], args);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid) {
			perror("waitpid");
			return 1;
		}
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "child %ld: status 0x%x\n", i, status);
			return 1;
		}
	}
	end = now_ns();
	printf("us_per_iter %.2f\n", (end - start) / (double)n / 1e3);
	return 0;
}
