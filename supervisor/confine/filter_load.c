/* SPDX-License-Identifier: BSD-2-Clause */
/* Loading the jail's filters from their BPF programs (filter_load.h). */
#include "filter_load.h"

#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The first filter, with a listener for its USER_NOTIF results. */
static int load_with_listener(const struct filter_progs *p)
{
	struct sock_fprog prog = {.len = p->len[0], .filter = p->prog[0]};
	long fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
			  SECCOMP_FILTER_FLAG_NEW_LISTENER | SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV, &prog);
	if (fd < 0 && errno == EINVAL) /* before 5.19 */
		fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
	return fd < 0 ? -errno : (int)fd;
}

int filter_load(const struct filter_progs *p, int *listener)
{
	*listener = -1;
	if (p->count < 1)
		return -EINVAL; /* never run a jailed program unfiltered */
	if (p->nnp && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	int fd = load_with_listener(p);
	if (fd < 0)
		return fd;
	for (int i = 1; i < p->count; i++) {
		struct sock_fprog prog = {.len = p->len[i], .filter = p->prog[i]};
		if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0) {
			int err = -errno;
			close(fd);
			return err;
		}
	}
	*listener = fd;
	return 0;
}

void filter_progs_free(struct filter_progs *p)
{
	for (int i = 0; i < p->count && i < FILTER_MAX; i++)
		free(p->prog[i]);
	memset(p, 0, sizeof(*p));
}
