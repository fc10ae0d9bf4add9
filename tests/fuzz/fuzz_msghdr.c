/* SPDX-License-Identifier: BSD-2-Clause */
/* sendmsg's struct msghdr from a jailed process, in either ABI's layout:
 * decoded, its name and control messages checked as the supervisor
 * checks them (the lengths bounded first), and encoded again for the
 * kernel, which must give back what was decoded. Input: one byte for the
 * word size, the msghdr, then the bytes its name and control pointers
 * index (offsets into that rest; out of range is the caller's EFAULT). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../../policy/jail.h"
#include "../../policy/net.h"
#include "../../policy/net_msghdr.h"

#define ADDR_MAX 128       /* the kernel's sockaddr limit (handle_net.c) */
#define CTRL_MAX (64 * 1024 - 512 - 32)

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
	if (size < 1)
		return 0;
	unsigned word = data[0] & 1 ? 4 : 8;
	size_t hs = net_msghdr_size(word);
	if (size < 1 + hs)
		return 0;
	struct net_msg m, again;
	net_msghdr_decode(data + 1, word, &m);
	const uint8_t *mem = data + 1 + hs;
	size_t memlen = size - 1 - hs;
	if (m.name && m.namelen) {
		/* check_addr: a length the kernel refuses is never copied */
		if ((int)m.namelen >= 0 && m.namelen <= ADDR_MAX && m.name < memlen && m.namelen <= memlen - m.name) {
			unsigned char *sa = malloc(m.namelen); /* exact size: ASan sees any overrun */
			if (!sa)
				return 0;
			memcpy(sa, mem + m.name, m.namelen);
			net_check_sockaddr(&j, NET_SEND, sa, m.namelen);
			free(sa);
		}
	}
	if (m.control && m.controllen && m.controllen <= CTRL_MAX && m.control < memlen &&
	    m.controllen <= memlen - m.control) {
		unsigned char *c = malloc(m.controllen);
		if (!c)
			return 0;
		memcpy(c, mem + m.control, m.controllen);
		net_check_control(&j, word, c, m.controllen);
		free(c);
	}
	unsigned char out[sizeof(struct msghdr)];
	if (net_msghdr_encode(&m, word, out) == 0) {
		net_msghdr_decode(out, word, &again);
		if (m.name != again.name || m.namelen != again.namelen || m.iov != again.iov ||
		    m.iovlen != again.iovlen || m.control != again.control || m.controllen != again.controllen ||
		    m.flags != again.flags)
			__builtin_trap(); /* the kernel would read another msghdr than checked */
	} else if (word == 8) {
		__builtin_trap(); /* every native msghdr fits its own layout */
	}
	return 0;
}
