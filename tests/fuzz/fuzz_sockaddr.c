/* SPDX-License-Identifier: BSD-2-Clause */
/* A sockaddr from a jailed process (bind, connect, sendto, sendmsg's
 * name) through the jail's address rules, as handle_net.c passes it: at
 * most 128 bytes (larger is EINVAL before), in a buffer of 130. Input:
 * one byte choosing the operation, then the address. */
#include <stdint.h>
#include <string.h>

#include "../../policy/jail.h"
#include "../../policy/net.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct jail j;
	static int ready;
	if (!ready) {
		char err[256];
		jail_init(&j);
		if (jail_parse_addrs(&j, "127.0.0.2,10.1.2.3,::1,fd00::2", err, sizeof(err)))
			__builtin_trap();
		ready = 1;
	}
	if (size < 1)
		return 0;
	enum net_op op = (enum net_op)(data[0] % 3);
	unsigned char sa[130];
	size_t len = size - 1 > 128 ? 128 : size - 1;
	memcpy(sa, data + 1, len);
	net_check_sockaddr(&j, op, sa, len);
	return 0;
}
