/* SPDX-License-Identifier: BSD-2-Clause */
/* Benchmark helper: socket+bind+close or connect loops on 127.0.0.2.
 * Prints the loop's own time as "us_per_iter <value>".
 *   net_loop bind N     socket, bind 127.0.0.2:0, close
 *   net_loop connect N  socket, connect to a listener on 127.0.0.2, close
 *                       (the listener accepts and closes in a thread) */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench_clock.h"

static void *acceptor(void *arg)
{
	int srv = *(int *)arg;
	for (;;) {
		int c = accept(srv, NULL, NULL);
		if (c >= 0)
			close(c);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	long n;
	if (argc != 3 || (n = strtol(argv[2], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: %s bind|connect N\n", argv[0]);
		return 2;
	}
	struct sockaddr_in sin = {.sin_family = AF_INET};
	inet_pton(AF_INET, "127.0.0.2", &sin.sin_addr);
	int connect_mode = strcmp(argv[1], "connect") == 0;
	int srv = -1;
	if (connect_mode) {
		srv = socket(AF_INET, SOCK_STREAM, 0);
		if (srv < 0 || bind(srv, (struct sockaddr *)&sin, sizeof(sin)) < 0 || listen(srv, 512) < 0) {
			perror("listener");
			return 1;
		}
		socklen_t len = sizeof(sin);
		getsockname(srv, (struct sockaddr *)&sin, &len);
		pthread_t th;
		pthread_create(&th, NULL, acceptor, &srv);
	}
	double start = now_us();
	for (long i = 0; i < n; i++) {
		int fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0) {
			perror("socket");
			return 1;
		}
		int rc = connect_mode ? connect(fd, (struct sockaddr *)&sin, sizeof(sin))
				      : bind(fd, (struct sockaddr *)&sin, sizeof(sin));
		if (rc < 0) {
			perror(connect_mode ? "connect" : "bind");
			return 1;
		}
		/* no TIME_WAIT pile-up on the client side */
		struct linger lg = {1, 0};
		setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		close(fd);
	}
	printf("us_per_iter %.2f\n", (now_us() - start) / (double)n);
	return 0;
}
