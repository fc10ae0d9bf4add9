/* SPDX-License-Identifier: BSD-2-Clause */
/* Benchmark helper: N path system calls on one file. Built static, so that
 * it runs alone in a bare root (a jail's or PRoot's). Prints the loop's own
 * time (process start-up excluded) as "us_per_iter <value>".
 *   path_loop open|stat N PATH
 * open: open(PATH, O_RDONLY) then close; stat: stat(PATH). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench_clock.h"

int main(int argc, char **argv)
{
	long n, i;
	int open_mode;
	double start, end;
	struct stat st;

	if (argc != 4 || (n = strtol(argv[2], NULL, 10)) <= 0 ||
	    (strcmp(argv[1], "open") != 0 && strcmp(argv[1], "stat") != 0)) {
		fprintf(stderr, "usage: %s open|stat N PATH\n", argv[0]);
		return 2;
	}
	open_mode = strcmp(argv[1], "open") == 0;
	start = now_us();
	for (i = 0; i < n; i++) {
		if (open_mode) {
			int fd = open(argv[3], O_RDONLY);
			if (fd < 0 || close(fd) < 0) {
				perror(argv[3]);
				return 1;
			}
		} else if (stat(argv[3], &st) < 0) {
			perror(argv[3]);
			return 1;
		}
	}
	end = now_us();
	printf("us_per_iter %.3f\n", (end - start) / (double)n);
	return 0;
}
