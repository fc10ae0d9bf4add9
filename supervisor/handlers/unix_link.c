/* SPDX-License-Identifier: BSD-2-Clause */
#include "unix_link.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SUN_PATH_MAX 108

static char link_dir[64]; /* "" until first needed */
static unsigned long bind_seq;

/* The names bound on the object, as the jail wrote them, by key. */
struct bound {
	unsigned long key; /* 0: recorded as short, its final name alone */
	char *guest;
	char *short_name;
};
static struct bound *bound;
static size_t nbound, capbound;
static pthread_mutex_t bound_lock = PTHREAD_MUTEX_INITIALIZER;

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
	if (for_bind) {
		pthread_mutex_lock(&bound_lock);
		snprintf(key, sizeof(key), "b%lu", ++bind_seq);
		pthread_mutex_unlock(&bound_lock);
	}
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

static int link_to(const char *link, const char *to)
{
	char tmp[128];
	snprintf(tmp, sizeof(tmp), "%s.new", link);
	unlink(tmp);
	if (symlink(to, tmp) < 0 || rename(tmp, link) < 0) {
		int err = -errno;
		unlink(tmp);
		return err;
	}
	return 0;
}

/* One link per name as the jail wrote it: binding the same name again
 * (in the same directory or, relative, in another) reuses its link, whose
 * report is the same string. */
static int bound_key(const char *guest, unsigned long *key)
{
	int err = 0;
	pthread_mutex_lock(&bound_lock);
	for (size_t i = 0; i < nbound; i++)
		if (strcmp(bound[i].guest, guest) == 0) {
			*key = bound[i].key;
			goto out;
		}
	char *g = strdup(guest);
	if (!g) {
		err = -ENOMEM;
		goto out;
	}
	if (nbound == capbound) {
		size_t c = capbound ? capbound * 2 : 16;
		struct bound *nb = realloc(bound, c * sizeof(*nb));
		if (!nb) {
			free(g);
			err = -ENOMEM;
			goto out;
		}
		bound = nb;
		capbound = c;
	}
	*key = ++bind_seq;
	bound[nbound++] = (struct bound){*key, g, NULL};
out:
	pthread_mutex_unlock(&bound_lock);
	return err;
}

int unix_link_bind_name(const char *last, const char *guest, char *out, size_t size, unsigned long *key)
{
	int err = ensure_dir();
	unsigned long k;
	if (err || (err = bound_key(guest, &k)))
		return err;
	char link[96];
	snprintf(link, sizeof(link), "%s/b%lu", link_dir, k);
	int n = snprintf(out, size, "%s/%s", link, last);
	if (n < 0 || (size_t)n >= size || (size_t)n + 1 > SUN_PATH_MAX)
		return -ENAMETOOLONG;
	if ((err = link_to(link, "/proc/thread-self/cwd")))
		return err;
	*key = k;
	return 0;
}

void unix_link_bind_done(unsigned long key, bool ok, const char *hostdir)
{
	char link[96];
	snprintf(link, sizeof(link), "%s/b%lu", link_dir, key);
	/* never left leading to whoever follows it */
	if (!ok || !hostdir || link_to(link, hostdir) != 0)
		unlink(link);
}

int unix_link_bind_short(const char *last, const char *guest)
{
	unsigned long k;
	int err = bound_key(guest, &k);
	if (err)
		return err;
	pthread_mutex_lock(&bound_lock);
	for (size_t i = 0; i < nbound; i++)
		if (bound[i].key == k && !bound[i].short_name && !(bound[i].short_name = strdup(last)))
			err = -ENOMEM;
	pthread_mutex_unlock(&bound_lock);
	return err;
}

bool unix_link_guest(const char *name, char *out, size_t size)
{
	size_t ll = strlen(link_dir);
	unsigned long k = 0;
	if (ll && strncmp(name, link_dir, ll) == 0 && name[ll] == '/' && name[ll + 1] == 'b') {
		char *end;
		k = strtoul(name + ll + 2, &end, 10);
		if (*end != '/')
			return false;
	}
	bool found = false;
	pthread_mutex_lock(&bound_lock);
	for (size_t i = 0; i < nbound && !found; i++)
		if (k ? bound[i].key == k : bound[i].short_name && strcmp(bound[i].short_name, name) == 0)
			found = (size_t)snprintf(out, size, "%s", bound[i].guest) < size;
	pthread_mutex_unlock(&bound_lock);
	return found;
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
	pthread_mutex_lock(&bound_lock);
	for (size_t i = 0; i < nbound; i++) {
		free(bound[i].guest);
		free(bound[i].short_name);
	}
	free(bound);
	bound = NULL;
	nbound = capbound = 0;
	pthread_mutex_unlock(&bound_lock);
}
