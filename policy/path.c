/* SPDX-License-Identifier: BSD-2-Clause */
#include "path.h"

#include <errno.h>
#include <string.h>

bool path_within(const char *prefix, const char *path)
{
	size_t n = strlen(prefix);
	if (n == 1 && prefix[0] == '/')
		return path[0] == '/';
	if (strncmp(prefix, path, n) != 0)
		return false;
	return path[n] == '\0' || path[n] == '/';
}

int path_host_to_guest(const char *root, const char *host, char *guest, size_t size)
{
	if (!path_within(root, host))
		return -EXDEV;
	const char *rest = host;
	if (strcmp(root, "/") != 0)
		rest = host + strlen(root);
	if (rest[0] == '\0')
		rest = "/";
	if (strlen(rest) >= size)
		return -ENAMETOOLONG;
	strcpy(guest, rest);
	return 0;
}

int path_join(const char *root, const char *rest, char *out, size_t size)
{
	size_t rl = strlen(root);
	while (rl > 1 && root[rl - 1] == '/')
		rl--;
	while (*rest == '/')
		rest++;
	bool slash = rest[0] != '\0' && !(rl == 1 && root[0] == '/');
	size_t need = rl + (slash ? 1 : 0) + strlen(rest) + 1;
	if (need > size)
		return -ENAMETOOLONG;
	memcpy(out, root, rl);
	size_t at = rl;
	if (slash)
		out[at++] = '/';
	strcpy(out + at, rest);
	return 0;
}

static bool is_dot_or_dotdot(const char *s, size_t n)
{
	return (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.');
}

int path_split_last(const char *path, char *parent, size_t psize, char *last, size_t lsize,
		    bool *trailing_slash)
{
	size_t len = strlen(path);
	size_t end = len;
	while (end > 0 && path[end - 1] == '/')
		end--;
	*trailing_slash = end < len && end > 0;
	if (end == 0) { /* "/" or "//": the root, or "" */
		if (len >= psize || lsize < 1)
			return -ENAMETOOLONG;
		strcpy(parent, path);
		last[0] = '\0';
		return 0;
	}
	size_t start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	if (is_dot_or_dotdot(path + start, end - start)) {
		if (len >= psize || lsize < 1)
			return -ENAMETOOLONG;
		strcpy(parent, path);
		last[0] = '\0';
		return 0;
	}
	size_t plen = start;
	while (plen > 1 && path[plen - 1] == '/')
		plen--;
	if (plen >= psize || end - start >= lsize)
		return -ENAMETOOLONG;
	memcpy(parent, path, plen);
	parent[plen] = '\0';
	memcpy(last, path + start, end - start);
	last[end - start] = '\0';
	return 0;
}
