/* SPDX-License-Identifier: BSD-2-Clause */
/* Opening a jail's root directory (fs_root.h): all that jexec needs of
 * fs/ besides the Landlock backstop (landlock_root.c), apart from the path
 * translation of fs_root.c. */
#include "fs_root.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const fs_safe_dev_names[] = {
	"null", "zero", "full", "random", "urandom", "tty", "ptmx", "pts",
	"fd", "stdin", "stdout", "stderr", NULL, /* shm: the jail's own (dev_shm.h) */
};

int fs_root_open(const char *path, struct fs_root **out)
{
	struct fs_root *r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	if (!realpath(path, r->host)) {
		int err = -errno;
		free(r);
		return err;
	}
	r->fd = open(r->host, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (r->fd < 0) {
		int err = -errno;
		free(r);
		return err;
	}
	if (strcmp(r->host, "/") != 0) {
		r->host_proc = faccessat(r->fd, "proc/self", F_OK, AT_SYMLINK_NOFOLLOW) != 0;
		r->host_dev = faccessat(r->fd, "dev/null", F_OK, AT_SYMLINK_NOFOLLOW) != 0;

	}
	r->refs = 1;
	*out = r;
	return 0;
}
