/* SPDX-License-Identifier: BSD-2-Clause */
/* Hidden means absent everywhere a jail can look: files that list other
 * processes' pids (/proc/locks, /proc/sched_debug, /proc/timer_list,
 * /proc/sysvipc, every cgroup.procs, tasks and cgroup.threads under
 * /sys/fs/cgroup) are ENOENT in a jail, and /proc's listing leaves them
 * out. And no entry of a hidden process answers otherwise than one of a
 * pid that does not exist: /proc/1/cwd used to be EACCES (the kernel's
 * ptrace check) where a missing pid is ENOENT, an existence oracle.
 * Outside, /proc/locks opens (the probe fails there). */
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

	/* pid 1 is the host's init (hidden); 1073741808 exists nowhere */
	static const char *const entries[] = {"", "/cwd", "/cwd/", "/root", "/root/etc", "/exe", "/fd",
					      "/fd/0", "/status", "/task/1/cwd", NULL};
	for (int i = 0; entries[i]; i++) {
		char hidden[64], missing[64], buf[256];
		snprintf(hidden, sizeof(hidden), "/proc/1%s", entries[i]);
		snprintf(missing, sizeof(missing), "/proc/1073741808%s", entries[i]);
		struct stat st;
		errno = 0;
		int a = stat(hidden, &st), ea = errno;
		errno = 0;
		int b = stat(missing, &st), eb = errno;
		if (a != b || ea != eb)
			fail("stat %s: %s, stat %s: %s (an existence oracle)", hidden, a ? strerror(ea) : "ok", missing,
			     b ? strerror(eb) : "ok");
		errno = 0;
		a = (int)readlink(hidden, buf, sizeof(buf)), ea = errno;
		errno = 0;
		b = (int)readlink(missing, buf, sizeof(buf)), eb = errno;
		if ((a < 0) != (b < 0) || ea != eb)
			fail("readlink %s: %s, readlink %s: %s (an existence oracle)", hidden, a < 0 ? strerror(ea) : "ok",
			     missing, b < 0 ? strerror(eb) : "ok");
	}
	pass("/proc/locks, sched_debug, timer_list, sysvipc and %d cgroup pid lists are absent; /proc/1/... answers as a missing pid",
	     checked);
}
