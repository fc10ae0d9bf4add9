/* SPDX-License-Identifier: BSD-2-Clause */
/* Hidden means absent everywhere a jail can look: files that list other
 * processes' pids (/proc/locks, /proc/sched_debug, /proc/timer_list,
 * /proc/sysvipc, every cgroup.procs, tasks and cgroup.threads under
 * /sys/fs/cgroup) are ENOENT in a jail, and /proc's listing leaves them
 * out. Outside, /proc/locks opens (the probe fails there). */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "probe.h"

static int checked;

/* every pid-list file under dir, depth at most depth */
static void walk_cgroup(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		char p[4096];
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		if (strcmp(e->d_name, "cgroup.procs") == 0 || strcmp(e->d_name, "tasks") == 0 ||
		    strcmp(e->d_name, "cgroup.threads") == 0) {
			checked++;
			int fd = open(p, O_RDONLY);
			if (fd >= 0) {
				char buf[64];
				ssize_t n = read(fd, buf, sizeof(buf) - 1);
				close(fd);
				buf[n > 0 ? n : 0] = '\0';
				fail("%s opened (%s...)", p, strtok(buf, "\n") ? buf : "");
			}
			if (errno != ENOENT)
				fail("%s: %s, want ENOENT", p, strerror(errno));
		} else if (depth > 0 && e->d_type == DT_DIR) {
			walk_cgroup(p, depth - 1);
		}
	}
	closedir(d);
}

int main(void)
{
	static const char *const files[] = {"/proc/locks", "/proc/sched_debug", "/proc/timer_list", "/proc/sysvipc/shm",
					    NULL};
	for (int i = 0; files[i]; i++) {
		int fd = open(files[i], O_RDONLY);
		if (fd >= 0)
			fail("%s opened", files[i]);
		if (errno != ENOENT && !(errno == EACCES && access(files[i], F_OK) != 0))
			fail("%s: %s, want ENOENT", files[i], strerror(errno));
	}
	DIR *d = opendir("/proc");
	if (!d)
		fail("opendir /proc: %s", strerror(errno));
	for (struct dirent *e; (e = readdir(d));)
		if (strcmp(e->d_name, "locks") == 0 || strcmp(e->d_name, "sysvipc") == 0)
			fail("/proc lists %s", e->d_name);
	closedir(d);
	walk_cgroup("/sys/fs/cgroup", 2);
	pass("/proc/locks, sched_debug, timer_list, sysvipc and %d cgroup pid lists are absent", checked);
}
