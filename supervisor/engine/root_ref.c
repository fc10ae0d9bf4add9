/* SPDX-License-Identifier: BSD-2-Clause */
#include "root_ref.h"

#include <stdlib.h>
#include <unistd.h>

struct fs_root *fs_root_ref(struct fs_root *r)
{
	if (r)
		__atomic_add_fetch(&r->refs, 1, __ATOMIC_RELAXED);
	return r;
}

void fs_root_unref(struct fs_root *r)
{
	if (r && __atomic_sub_fetch(&r->refs, 1, __ATOMIC_ACQ_REL) == 0) {
		close(r->fd);
		free(r);
	}
}
