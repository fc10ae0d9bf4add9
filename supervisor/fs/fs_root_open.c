/* SPDX-License-Identifier: BSD-2-Clause */
/* Opening a jail's root directory (fs_root.h): all that jexec needs of
 * fs/ besides the Landlock backstop (landlock_root.c), apart from the path
 * translation of fs_root.c. */
#include "fs_root.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../policy/devfs_rules.h"
#include "../../policy/jail.h"
#include "../../policy/path.h"

bool fs_dev_shows(const struct fs_root *r, const char *name, size_t len)
{
	int bit = devfs_name_bit(name, len);
	return r->host_dev && bit >= 0 && (r->dev_mask & (1u << bit));
}

bool fs_dev_covered(const struct fs_root *r, const char *host)
{
	if (!r || !r->dev_own)
		return false;
	char dev[PATH_MAX];
	if ((size_t)snprintf(dev, sizeof(dev), "%s/dev", r->host) >= sizeof(dev))
		return true;
	return path_within(dev, host);
}

bool fs_dev_covered_fd(const struct fs_root *r, int fd)
{
	if (!r || !r->dev_own)
		return false;
	char link[64], host[PATH_MAX];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, host, sizeof(host) - 1);
	if (n <= 0 || n >= (ssize_t)sizeof(host) - 1)
		return true; /* fail closed */
	host[n] = '\0';
	return host[0] == '/' && fs_dev_covered(r, host);
}

int fs_root_open_jail(const struct jail *j, struct fs_root **out, char *err, size_t errlen)
{
	bool devfs;
	unsigned mask;
	if (jail_devfs(j, &devfs, &mask, err, errlen))
		return -EINVAL;
	int rc = fs_root_open(j->path, out);
	if (rc) {
		snprintf(err, errlen, "path %s: %s", j->path, strerror(-rc));
		return rc;
	}
	if (devfs) {
		/* FreeBSD mounts a devfs over the root's /dev */
		(*out)->host_dev = true;
		(*out)->dev_own = true;
		(*out)->dev_mask = mask;
	}
	return 0;
}

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
		r->dev_mask = devfs_default_mask;
	}
	r->refs = 1;
	*out = r;
	return 0;
}
