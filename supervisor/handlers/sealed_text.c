/* SPDX-License-Identifier: BSD-2-Clause */
/* A sealed read-only memfd holding a text: what a jail reads instead of
 * a /proc file whose kernel text would show the host's (proc_net_view.c,
 * proc_sys_view.c). The seals make it a snapshot nobody can change; the
 * read-only reopen makes it one the jail cannot write. */
#include "sealed_text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int sealed_text_fd(const char *name, const char *text, size_t len, int flags)
{
	int m = memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (m < 0)
		return -errno;
	for (size_t at = 0; at < len;) {
		ssize_t w = write(m, text + at, len - at);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = w < 0 ? errno : EIO;
			close(m);
			return -e;
		}
		at += (size_t)w;
	}
	if (fcntl(m, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) < 0) {
		int e = errno;
		close(m);
		return -e;
	}
	char link[64];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", m);
	int ro = open(link, O_RDONLY | O_CLOEXEC | (flags & O_NONBLOCK));
	int e = errno;
	close(m);
	return ro < 0 ? -e : ro;
}

char *read_whole_fd(int fd, size_t max, size_t *len)
{
	size_t cap = 65536, at = 0;
	char *buf = malloc(cap);
	if (!buf)
		return NULL;
	for (;;) {
		if (at == cap) {
			if (cap >= max) {
				free(buf);
				errno = EFBIG;
				return NULL;
			}
			char *more = realloc(buf, cap * 2);
			if (!more) {
				free(buf);
				return NULL;
			}
			buf = more;
			cap *= 2;
		}
		ssize_t n = read(fd, buf + at, cap - at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			free(buf);
			errno = e;
			return NULL;
		}
		if (n == 0)
			break;
		at += (size_t)n;
	}
	*len = at;
	return buf;
}
