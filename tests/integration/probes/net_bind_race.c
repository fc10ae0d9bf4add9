/* SPDX-License-Identifier: BSD-2-Clause */
/* A thread flips a sockaddr between the jail's address, 0.0.0.0 and
 * 127.0.0.3 while the main thread binds with it 100000 times: every bind
 * that succeeds must be on 127.0.0.2 (the kernel reads the checked copy). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>

#include "probe.h"

static struct sockaddr_in shared;
static volatile int stop;

static void *flipper(void *arg)
{
	(void)arg;
	in_addr_t a[3] = {inet_addr("127.0.0.2"), inet_addr("0.0.0.0"), inet_addr("127.0.0.3")};
	for (unsigned i = 0; !stop; i++)
		*(volatile in_addr_t *)&shared.sin_addr.s_addr = a[i % 3];
	return NULL;
}

int main(int argc, char **argv)
{
	long tries = argc > 1 ? atol(argv[1]) : 100000;
	shared.sin_family = AF_INET;
	shared.sin_addr.s_addr = inet_addr("127.0.0.2");
	pthread_t th;
	if (pthread_create(&th, NULL, flipper, NULL))
		fail("pthread_create");
	long ok = 0, refused = 0;
	for (long i = 0; i < tries; i++) {
		int fd = socket(AF_INET, SOCK_DGRAM, 0);
		if (fd < 0)
			fail("socket: %s", strerror(errno));
		if (bind(fd, (struct sockaddr *)&shared, sizeof(shared)) == 0) {
			struct sockaddr_in got;
			socklen_t len = sizeof(got);
			getsockname(fd, (struct sockaddr *)&got, &len);
			if (got.sin_addr.s_addr != inet_addr("127.0.0.2")) {
				stop = 1;
				fail("try %ld: bound to %s", i, inet_ntoa(got.sin_addr));
			}
			ok++;
		} else if (errno == EADDRNOTAVAIL) {
			refused++;
		} else {
			fail("bind: %s", strerror(errno));
		}
		close(fd);
	}
	stop = 1;
	pthread_join(th, NULL);
	pass("%ld binds: %ld on 127.0.0.2, %ld refused, none elsewhere", tries, ok, refused);
}
