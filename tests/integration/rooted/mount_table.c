/* SPDX-License-Identifier: BSD-2-Clause */
/* Prints the mount points the mount table files show, one line per mount:
 * "ROUTE MOUNTPOINT" (as printed, escapes kept), for every route to them:
 * /proc/self/mounts, /proc/mounts, /proc/self/mountinfo,
 * /proc/thread-self/mountinfo, /proc/self/../self/mountstats,
 * /proc/<pid>/mounts, openat of a /proc/self descriptor, openat2 beneath
 * it. Then "listmount N" if listmount(2) (Linux 6.8) lists N mounts of the
 * whole namespace, a route past the jail's view ("listmount ERRNO" where
 * it fails). Static, for a root that holds nothing else (script
 * proc_mounts_view.sh); exit 1 if a route cannot be read. */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_openat2
#define SYS_openat2 437
#endif
#define NR_listmount 458 /* the same on x86_64, i386 and aarch64 */

/* listmount's request, version 0 (include/uapi/linux/mount.h, 6.8) */
struct list_request {
	unsigned int size, spare;
	unsigned long long mnt_id, param;
};
#define LIST_FROM_ROOT (~0ULL) /* LSMT_ROOT */

static char buf[1 << 20];

static void show(const char *route, int fd)
{
	if (fd < 0) {
		printf("%s error %s\n", route, strerror(errno));
		exit(1);
	}
	size_t len = 0;
	ssize_t n;
	while (len < sizeof(buf) - 1 && (n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	close(fd);
	const char *kind = strstr(route, "mountinfo") ? "info" : strstr(route, "mountstats") ? "stats" : "mounts";
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		char mp[4096];
		if (strcmp(kind, "info") == 0 && sscanf(line, "%*s %*s %*s %*s %4095s", mp) == 1)
			printf("%s %s\n", route, mp);
		else if (strcmp(kind, "mounts") == 0 && sscanf(line, "%*s %4095s", mp) == 1)
			printf("%s %s\n", route, mp);
		else if (strcmp(kind, "stats") == 0 && sscanf(line, "device %*s mounted on %4095s", mp) == 1)
			printf("%s %s\n", route, mp);
	}
}

int main(void)
{
	const char *paths[] = {"/proc/self/mounts", "/proc/mounts", "/proc/self/mountinfo", "/proc/thread-self/mountinfo",
			       "/proc/self/../self/mountstats"};
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		show(paths[i], open(paths[i], O_RDONLY));
	char pid[64];
	snprintf(pid, sizeof(pid), "/proc/%d/mounts", (int)getpid());
	show("/proc/PID/mounts", open(pid, O_RDONLY));
	int dir = open("/proc/self", O_RDONLY | O_DIRECTORY);
	show("dirfd+mountinfo", openat(dir, "mountinfo", O_RDONLY));
	struct open_how h = {.flags = O_RDONLY, .resolve = RESOLVE_BENEATH};
	int fd = (int)syscall(SYS_openat2, dir, "mounts", &h, sizeof(h));
	if (fd < 0 && errno == ENOSYS)
		fd = openat(dir, "mounts", O_RDONLY);
	show("openat2+mounts", fd);
	static unsigned long long ids[4096];
	struct list_request req = {.size = sizeof(req), .mnt_id = LIST_FROM_ROOT};
	long n = syscall(NR_listmount, &req, ids, sizeof(ids) / sizeof(ids[0]), 0);
	if (n < 0)
		printf("listmount %s\n", strerrorname_np(errno) ? strerrorname_np(errno) : "?");
	else
		printf("listmount %ld\n", n);
	return 0;
}
