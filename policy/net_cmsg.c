/* SPDX-License-Identifier: BSD-2-Clause */
#include "net.h"

#include <string.h>
#include <sys/socket.h>

#ifndef IPV6_2292PKTINFO
#define IPV6_2292PKTINFO 2
#endif

/* IP_PKTINFO / IPV6_PKTINFO may name only a jail address as the source
 * (checked and rewritten in buf, the copy the kernel will read). */
int net_check_control(const struct jail *j, unsigned word, unsigned char *buf, size_t len)
{
	size_t hdr = word == 4 ? 12 : sizeof(struct cmsghdr);
	for (size_t off = 0; off + hdr <= len;) {
		uint64_t clen;
		int level, type;
		if (word == 4) {
			uint32_t l;
			memcpy(&l, buf + off, 4);
			clen = l;
		} else {
			memcpy(&clen, buf + off, 8);
		}
		memcpy(&level, buf + off + word, 4);
		memcpy(&type, buf + off + word + 4, 4);
		if (clen < hdr || clen > len - off)
			break; /* the kernel stops (or fails) here too */
		unsigned char *data = buf + off + hdr;
		size_t dlen = clen - hdr;
		if (level == SOL_IP && type == IP_PKTINFO && dlen >= sizeof(struct in_pktinfo)) {
			struct in_pktinfo pi;
			memcpy(&pi, data, sizeof(pi));
			int err = net_local_ip4(j, &pi.ipi_spec_dst); /* 0.0.0.0 would let routing pick */
			if (err)
				return err;
			memcpy(data, &pi, sizeof(pi));
		} else if (level == SOL_IPV6 && (type == IPV6_PKTINFO || type == IPV6_2292PKTINFO) &&
			   dlen >= sizeof(struct in6_pktinfo)) {
			struct in6_pktinfo pi;
			memcpy(&pi, data, sizeof(pi));
			if (!IN6_IS_ADDR_UNSPECIFIED(&pi.ipi6_addr)) { /* :: keeps the bound address */
				int err = net_local_ip6(j, &pi.ipi6_addr);
				if (err)
					return err;
				memcpy(data, &pi, sizeof(pi));
			}
		}
		size_t step = (clen + word - 1) & ~(size_t)(word - 1);
		if (step == 0)
			break;
		off += step;
	}
	return 0;
}

