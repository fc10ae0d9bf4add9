/* SPDX-License-Identifier: BSD-2-Clause */
/* A jail with 127.0.0.2 binds, listens, connects and sends only from
 * 127.0.0.2 (FreeBSD's prison_local_ip4/prison_remote_ip4). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "probe.h"

static const char *local_of(int fd)
{
	static char buf[64];
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	if (getsockname(fd, (struct sockaddr *)&sin, &len) < 0)
		fail("getsockname: %s", strerror(errno));
	inet_ntop(AF_INET, &sin.sin_addr, buf, sizeof(buf));
	return buf;
}

static int sock(int type)
{
	int fd = socket(AF_INET, type, 0);
	if (fd < 0)
		fail("socket: %s", strerror(errno));
	return fd;
}

static struct sockaddr_in addr(const char *a, int port)
{
	struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	inet_pton(AF_INET, a, &sin.sin_addr);
	return sin;
}

static void expect_bound(const char *how, int fd)
{
	if (strcmp(local_of(fd), "127.0.0.2") != 0)
		fail("%s: bound to %s, want 127.0.0.2", how, local_of(fd));
}

int main(void)
{
	/* bind: any and 127.0.0.1 -> the jail's address; others refused */
	static const char *const to_jail[] = {"0.0.0.0", "127.0.0.1", "127.0.0.2"};
	for (int i = 0; i < 3; i++) {
		int fd = sock(SOCK_STREAM);
		struct sockaddr_in sin = addr(to_jail[i], 0);
		if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0)
			fail("bind %s: %s", to_jail[i], strerror(errno));
		expect_bound(to_jail[i], fd);
		close(fd);
	}
	int fd = sock(SOCK_DGRAM);
	struct sockaddr_in other = addr("127.0.0.3", 0);
	EXPECT_ERRNO(bind(fd, (struct sockaddr *)&other, sizeof(other)), EADDRNOTAVAIL);
	/* AF_UNSPEC with INADDR_ANY: the kernel takes it as AF_INET any */
	struct sockaddr_in unspec = addr("0.0.0.0", 0);
	unspec.sin_family = AF_UNSPEC;
	if (bind(fd, (struct sockaddr *)&unspec, sizeof(unspec)) < 0)
		fail("bind AF_UNSPEC any: %s", strerror(errno));
	expect_bound("AF_UNSPEC any", fd);
	close(fd);

	/* listen while unbound: bound to the jail's address first */
	int srv = sock(SOCK_STREAM);
	if (listen(srv, 4) < 0)
		fail("listen: %s", strerror(errno));
	expect_bound("listen unbound", srv);
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	getsockname(srv, (struct sockaddr *)&sa, &len);
	int port = ntohs(sa.sin_port);

	/* connect to 127.0.0.1 reaches the jail's own server, from 127.0.0.2 */
	int cli = sock(SOCK_STREAM);
	struct sockaddr_in lo = addr("127.0.0.1", port);
	if (connect(cli, (struct sockaddr *)&lo, sizeof(lo)) < 0)
		fail("connect 127.0.0.1:%d: %s", port, strerror(errno));
	expect_bound("connect", cli);
	int acc = accept(srv, (struct sockaddr *)&sa, &len);
	if (acc < 0)
		fail("accept: %s", strerror(errno));
	char peer[64];
	inet_ntop(AF_INET, &sa.sin_addr, peer, sizeof(peer));
	if (strcmp(peer, "127.0.0.2") != 0)
		fail("accepted a connection from %s", peer);
	close(acc);
	close(cli);
	close(srv);

	/* UDP: an unbound socket sending to 127.0.0.3 sends from 127.0.0.2 */
	int u = sock(SOCK_DGRAM);
	struct sockaddr_in dst = addr("127.0.0.3", 9);
	if (sendto(u, "x", 1, 0, (struct sockaddr *)&dst, sizeof(dst)) < 0)
		fail("sendto: %s", strerror(errno));
	expect_bound("sendto unbound", u);
	close(u);
	pass("bind/listen/connect/sendto use 127.0.0.2 only");
}
