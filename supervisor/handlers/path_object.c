/* SPDX-License-Identifier: BSD-2-Clause */
#include "path_object.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../../policy/path.h"
#include "../engine/tracee.h"
#include "../fs/fs_root.h"
#include "../fs/proc_hide.h"

int path_object(struct tracee *t, int dirfd, const char *path, int at_flags, bool follow, bool change)
{
	int fd = -1, err;
	bool in_root = false; /* the kernel resolved it inside the root */
	if (path[0] == '\0') {
		if (!(at_flags & AT_EMPTY_PATH))
			return -ENOENT;
		if (dirfd == AT_FDCWD) {
			char link[64];
			snprintf(link, sizeof(link), "/proc/%d/cwd", (int)t->tid);
			fd = tracee_proc_open(link, O_PATH | O_CLOEXEC);
		} else {
			fd = tracee_dup_fd(t, dirfd);
		}
		if (fd < 0)
			return fd;
	} else if (t->root && strcmp(t->root->host, "/") != 0) {
		err = fs_guest_open(t, dirfd, path, follow, &fd);
		if (err == 1) {
			/* the host's /proc or /dev: rewritten, then walked */
			char host[PATH_MAX], guest[PATH_MAX];
			err = fs_guest_to_host(t, dirfd, path, follow ? FS_FOLLOW : FS_NOFOLLOW, host, sizeof(host));
			if (err)
				return err;
			if (path_within(t->root->host, host)) {
				err = fs_host_to_guest(t, host, guest, sizeof(guest));
				if (!err)
					err = fs_guest_open(t, AT_FDCWD, guest, follow, &fd);
				if (err)
					return err == 1 ? -EACCES : err;
				in_root = true;
			} else {
				fd = proc_hide_open(t, AT_FDCWD, host, follow);
			}
		} else if (err) {
			return err;
		} else {
			in_root = true;
		}
	} else {
		fd = proc_hide_open(t, dirfd, path, follow);
	}
	if (fd < 0)
		return fd;
	if (change && (err = fs_object_allowed(t, fd, O_WRONLY, in_root)) != 0) {
		close(fd);
		return err;
	}
	return fd;
}

