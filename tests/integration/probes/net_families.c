/* SPDX-License-Identifier: BSD-2-Clause */
/* Families and options a jail with only 127.0.0.2 may not use: IPv6 (no
 * address), raw and packet sockets, other families, netlink other than
 * NETLINK_ROUTE, and the options that escape the address rules. */
#include <linux/netlink.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "probe.h"

#ifndef IPV6_FREEBIND
#define IPV6_FREEBIND 78
#endif

int main(void)
{
	CHECK_DENIED(socket(AF_INET6, SOCK_STREAM, 0), EPROTONOSUPPORT);
	CHECK_DENIED(socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0), EPROTONOSUPPORT);
	CHECK_DENIED(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), EPERM);
	CHECK_DENIED(socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK, IPPROTO_UDP), EPERM);
	CHECK_DENIED(socket(AF_PACKET, SOCK_RAW, 0), EPERM);
	CHECK_DENIED(socket(AF_PACKET, SOCK_DGRAM, 0), EPERM);
	CHECK_DENIED(socket(AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG), EPROTONOSUPPORT);
	CHECK_DENIED(socket(AF_NETLINK, SOCK_RAW, NETLINK_KOBJECT_UEVENT), EPROTONOSUPPORT);
	CHECK_DENIED(socket(AF_KEY, SOCK_RAW, 2), EPROTONOSUPPORT);
	CHECK_DENIED(socket(AF_ALG, SOCK_SEQPACKET, 0), EPROTONOSUPPORT);
	CHECK_DENIED(socket(AF_VSOCK, SOCK_STREAM, 0), EPROTONOSUPPORT);
	int one = 1;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	CHECK_ALLOWED(fd, 0);
	CHECK_DENIED(setsockopt(fd, SOL_IP, IP_FREEBIND, &one, sizeof(one)), EPERM);
	CHECK_DENIED(setsockopt(fd, SOL_IP, IP_TRANSPARENT, &one, sizeof(one)), EPERM);
	CHECK_DENIED(setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3), EPERM);
	CHECK_DENIED(setsockopt(fd, SOL_IPV6, IPV6_FREEBIND, &one, sizeof(one)), EPERM);
	CHECK_ALLOWED(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)), 0);
	CHECK_ALLOWED(socket(AF_UNIX, SOCK_STREAM, 0), 0);
	CHECK_ALLOWED(socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE), 0);
	CHECK_ALLOWED(socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP), EACCES); /* ping sockets: ping_group_range */
	checks_done("socket families and options");
}
