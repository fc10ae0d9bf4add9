/* SPDX-License-Identifier: BSD-2-Clause */
/* sendmsg's struct msghdr as a jailed process lays it out, in either
 * ABI's words (4 bytes on i386, the native 8 elsewhere), read from and
 * written back to bytes: the supervisor copies it, checks what it points
 * to and gives the kernel its own copy (handlers/handle_net.c). */
#ifndef JAIL_POLICY_NET_MSGHDR_H
#define JAIL_POLICY_NET_MSGHDR_H

#include <stddef.h>
#include <stdint.h>

/* A msghdr, widened. */
struct net_msg {
	uint64_t name, iov, control;
	uint32_t namelen;
	uint64_t iovlen, controllen;
	uint32_t flags;
};

/* Bytes of a msghdr with word_size-byte words (4 or 8). */
size_t net_msghdr_size(unsigned word_size);
/* Reads one from buf (net_msghdr_size bytes). */
void net_msghdr_decode(const void *buf, unsigned word_size, struct net_msg *m);
/* Writes m into out (net_msghdr_size bytes): 0, or -EINVAL if a field
 * does not fit the layout's words (a 4-byte ABI's pointers and lengths). */
int net_msghdr_encode(const struct net_msg *m, unsigned word_size, void *out);

#endif
