/* SPDX-License-Identifier: BSD-2-Clause */
#include "net_msghdr.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#define MSGHDR32_SIZE 28 /* seven 4-byte words */

size_t net_msghdr_size(unsigned word_size)
{
	return word_size == 4 ? MSGHDR32_SIZE : sizeof(struct msghdr);
}

void net_msghdr_decode(const void *buf, unsigned word_size, struct net_msg *m)
{
	if (word_size == 4) {
		uint32_t w[7];
		memcpy(w, buf, sizeof(w));
		*m = (struct net_msg){.name = w[0], .namelen = w[1], .iov = w[2], .iovlen = w[3],
				      .control = w[4], .controllen = w[5], .flags = w[6]};
		return;
	}
	struct msghdr h;
	memcpy(&h, buf, sizeof(h));
	*m = (struct net_msg){.name = (uintptr_t)h.msg_name, .namelen = h.msg_namelen,
			      .iov = (uintptr_t)h.msg_iov, .iovlen = h.msg_iovlen,
			      .control = (uintptr_t)h.msg_control, .controllen = h.msg_controllen,
			      .flags = (uint32_t)h.msg_flags};
}

int net_msghdr_encode(const struct net_msg *m, unsigned word_size, void *out)
{
	if (word_size == 4) {
		if ((m->name | m->iov | m->iovlen | m->control | m->controllen) >> 32)
			return -EINVAL;
		uint32_t w[7] = {(uint32_t)m->name, m->namelen, (uint32_t)m->iov, (uint32_t)m->iovlen,
				 (uint32_t)m->control, (uint32_t)m->controllen, m->flags};
		memcpy(out, w, sizeof(w));
		return 0;
	}
	struct msghdr h = {.msg_name = (void *)(uintptr_t)m->name, .msg_namelen = m->namelen,
			   .msg_iov = (void *)(uintptr_t)m->iov, .msg_iovlen = m->iovlen,
			   .msg_control = (void *)(uintptr_t)m->control, .msg_controllen = m->controllen,
			   .msg_flags = (int)m->flags};
	memcpy(out, &h, sizeof(h));
	return 0;
}
