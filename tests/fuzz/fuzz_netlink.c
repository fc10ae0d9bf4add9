/* SPDX-License-Identifier: BSD-2-Clause */
/* The netlink route messages the supervisor rewrites for the jail's view
 * (policy/net_view.c): it reads them from the jailed reader's buffer after
 * the kernel wrote them, where another thread of the jail may have changed
 * them, so any bytes. Input: the received bytes. */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../../policy/net_view.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct jail j;
	static bool ready;
	if (!ready) {
		char err[128];
		jail_init(&j);
		if (jail_parse_addrs(&j, "127.0.0.2,::1", err, sizeof(err)))
			abort();
		ready = true;
	}
	struct net_host_addr hosts[2] = {{.family = AF_INET, .ifindex = 1, .prefixlen = 8},
					 {.family = AF_INET6, .ifindex = 1, .prefixlen = 128}};
	inet_pton(AF_INET, "127.0.0.1", hosts[0].addr);
	inet_pton(AF_INET6, "::1", hosts[1].addr);
	unsigned char *buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	net_view_filter(&j, hosts, 2, buf, size);
	free(buf);
	return 0;
}
