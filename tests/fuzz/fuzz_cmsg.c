/* SPDX-License-Identifier: BSD-2-Clause */
/* sendmsg's control messages from a jailed process (IP_PKTINFO and
 * IPV6_PKTINFO are checked and rewritten), in either ABI's layout (4- or
 * 8-byte words), up to the scratch slot's size. Input: one byte for the
 * word size, then the control buffer. */
#include <stdint.h>
#include <stdlib.h>
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
		if (jail_parse_addrs(&j, "127.0.0.2,::1", err, sizeof(err)))
			__builtin_trap();
		ready = 1;
	}
	if (size < 1 || size > 65536)
		return 0;
	unsigned word = data[0] & 1 ? 4 : 8;
	size_t len = size - 1;
	unsigned char *buf = malloc(len ? len : 1); /* exact size: ASan sees any overrun */
	if (!buf)
		return 0;
	memcpy(buf, data + 1, len);
	net_check_control(&j, word, buf, len);
	free(buf);
	return 0;
}
