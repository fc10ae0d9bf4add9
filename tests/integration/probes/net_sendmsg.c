/* SPDX-License-Identifier: BSD-2-Clause */
/* sendmsg/sendmmsg destinations and IP_PKTINFO source addresses: a
 * datagram to 127.0.0.1 reaches the jail's own 127.0.0.2, and arrives
 * from 127.0.0.2 even when IP_PKTINFO asks for 127.0.0.1. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "probe.h"

static struct sockaddr_in addr(const char *a, int port)
{
	struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	inet_pton(AF_INET, a, &sin.sin_addr);
	return sin;
}

static void expect_from(int rx, const char *what)
{
	char buf[8], from[64];
	struct sockaddr_in src;
	socklen_t len = sizeof(src);
	ssize_t n = recvfrom(rx, buf, sizeof(buf), 0, (struct sockaddr *)&src, &len);
	if (n < 0)
		fail("%s: recvfrom: %s", what, strerror(errno));
	inet_ntop(AF_INET, &src.sin_addr, from, sizeof(from));
	if (strcmp(from, "127.0.0.2") != 0)
		fail("%s: datagram from %s", what, from);
}

int main(void)
{
	int rx = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in any = addr("0.0.0.0", 0);
	struct timeval tv = {5, 0};
	setsockopt(rx, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (bind(rx, (struct sockaddr *)&any, sizeof(any)) < 0)
		fail("bind: %s", strerror(errno));
	struct sockaddr_in me;
	socklen_t len = sizeof(me);
	getsockname(rx, (struct sockaddr *)&me, &len);
	int port = ntohs(me.sin_port);

	int tx = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in lo = addr("127.0.0.1", port);
	struct iovec iov = {"a", 1};
	union {
		char buf[CMSG_SPACE(sizeof(struct in_pktinfo))];
		struct cmsghdr align;
	} ctl;
	memset(&ctl, 0, sizeof(ctl));
	struct msghdr m = {.msg_name = &lo, .msg_namelen = sizeof(lo), .msg_iov = &iov, .msg_iovlen = 1,
			   .msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf)};
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_IP;
	c->cmsg_type = IP_PKTINFO;
	c->cmsg_len = CMSG_LEN(sizeof(struct in_pktinfo));
	struct in_pktinfo pi = {0};
	inet_pton(AF_INET, "127.0.0.1", &pi.ipi_spec_dst);
	memcpy(CMSG_DATA(c), &pi, sizeof(pi));
	if (sendmsg(tx, &m, 0) != 1)
		fail("sendmsg: %s", strerror(errno));
	expect_from(rx, "sendmsg with IP_PKTINFO 127.0.0.1");

	/* IP_PKTINFO naming an address that is not the jail's: refused */
	inet_pton(AF_INET, "127.0.0.3", &pi.ipi_spec_dst);
	memcpy(CMSG_DATA(c), &pi, sizeof(pi));
	EXPECT_ERRNO(sendmsg(tx, &m, 0), EADDRNOTAVAIL);

	int tx2 = socket(AF_INET, SOCK_DGRAM, 0);
	struct mmsghdr mm[2] = {{.msg_hdr = {.msg_name = &lo, .msg_namelen = sizeof(lo), .msg_iov = &iov,
					     .msg_iovlen = 1}},
				{.msg_hdr = {.msg_name = &lo, .msg_namelen = sizeof(lo), .msg_iov = &iov,
					     .msg_iovlen = 1}}};
	int sent = 0;
	while (sent < 2) {
		int n = sendmmsg(tx2, mm + sent, (unsigned)(2 - sent), 0);
		if (n <= 0)
			fail("sendmmsg: %s", strerror(errno));
		if (mm[sent].msg_len != 1)
			fail("sendmmsg: msg_len %u", mm[sent].msg_len);
		sent += n;
	}
	expect_from(rx, "sendmmsg 1");
	expect_from(rx, "sendmmsg 2");
	pass("sendmsg/sendmmsg to 127.0.0.1 reach 127.0.0.2, from 127.0.0.2");
}
