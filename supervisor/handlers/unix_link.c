/* SPDX-License-Identifier: BSD-2-Clause */
#include "unix_link.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SUN_PATH_MAX 108

static char link_dir[64]; /* "" until first needed */
static unsigned long bind_seq;

static int ensure_dir(void)
{
	if (link_dir[0])
		return 0;
	char tmpl[] = "/tmp/jail-l.XXXXXX";
	if (!mkdtemp(tmpl))
		return -errno;
	if (chmod(tmpl, 0711) < 0) {
		int err = -errno;
		rmdir(tmpl);
		return err;
	}
	snprintf(link_dir, sizeof(link_dir), "%s", tmpl);
	return 0;
}

int unix_link_name(const char *host, bool for_bind, pid_t tid, char *out, size_t size)
{
	const char *slash = strrchr(host, '/');
	if (!slash || slash == host || slash[1] == '\0')
		return -ENAMETOOLONG;
	char dir[PATH_MAX];
	size_t dl = (size_t)(slash - host);
	if (dl >= sizeof(dir))
		return -ENAMETOOLONG;
	memcpy(dir, host, dl);
	dir[dl] = '\0';
	const char *file = slash + 1;
	int err = ensure_dir();
	if (err)
		return err;
	char key[32], link[96], tmp[112];
	if (for_bind)
		snprintf(key, sizeof(key), "b%lu", ++bind_seq);
	else
		snprintf(key, sizeof(key), "c%d", (int)tid);
	snprintf(link, sizeof(link), "%s/%s", link_dir, key);
	/* bind makes the file: a link to its directory, the name after it;
	 * connect and send follow a link to the socket file itself */
	int n = for_bind ? snprintf(out, size, "%s/%s", link, file) : snprintf(out, size, "%s", link);
	if (n < 0 || (size_t)n >= size || (size_t)n + 1 > SUN_PATH_MAX)
		return -ENAMETOOLONG;
	/* made beside it and renamed over it: never a moment without a link */
	snprintf(tmp, sizeof(tmp), "%s.new", link);
	unlink(tmp);
	if (symlink(for_bind ? dir : host, tmp) < 0 || rename(tmp, link) < 0) {
		err = -errno;
		unlink(tmp);
		return err;
	}
	return 0;
}

bool unix_link_resolve(const char *name, char *out, size_t size)
{
	size_t ll = strlen(link_dir);
	if (!ll || strncmp(name, link_dir, ll) != 0 || name[ll] != '/')
		return false;
	const char *key = name + ll + 1;
	const char *slash = strchr(key, '/');
	if (!slash)
		return false;
	char link[128], dir[PATH_MAX];
	snprintf(link, sizeof(link), "%.*s", (int)(slash - name), name);
	ssize_t n = readlink(link, dir, sizeof(dir) - 1);
	if (n <= 0)
		return false;
	dir[n] = '\0';
	return (size_t)snprintf(out, size, "%s%s", dir, slash) < size;
}

void unix_link_cleanup(void)
{
	if (!link_dir[0])
		return;
	DIR *d = opendir(link_dir);
	if (d) {
		for (struct dirent *e; (e = readdir(d));)
			if (e->d_name[0] != '.')
				unlinkat(dirfd(d), e->d_name, 0);
		closedir(d);
	}
	rmdir(link_dir);
	link_dir[0] = '\0';
}
