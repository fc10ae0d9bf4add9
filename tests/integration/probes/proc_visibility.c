/* SPDX-License-Identifier: BSD-2-Clause */
/* /proc shows only the jail's processes: /proc/<pid> of a process outside
 * the jail is ENOENT however it is named (absolute, from a /proc dirfd,
 * from a cwd in /proc, through /proc/self/task/.., through a symlink, as a
 * thread), and a listing of /proc leaves it out.
 *   proc_visibility [TARGET...]
 * TARGET: pids outside the jail (default: the parent, the supervisor).
 * Without a jail every one of these finds the target: run_probe.sh's
 * "each". Read-only. */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "probe.h"

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* Is name listed in /proc (raw getdents64 on a /proc descriptor)? */
static int listed(int procfd, const char *name)
{
	char buf[4096];
	int found = 0;
	lseek(procfd, 0, SEEK_SET);
	for (;;) {
		long n = syscall(SYS_getdents64, procfd, buf, sizeof(buf));
		if (n <= 0)
			break;
		for (long off = 0; off < n;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
			if (strcmp(d->d_name, name) == 0)
				found = 1;
			off += d->d_reclen;
		}
	}
	return found;
}

static void target(pid_t t, int procfd)
{
	char p[PATH_MAX], name[32], buf[PATH_MAX];
	struct stat st;
	snprintf(name, sizeof(name), "%d", (int)t);
	check_log("target %d:\n", (int)t);

	snprintf(p, sizeof(p), "/proc/%d", (int)t);
	CHECK_DENIED(stat(p, &st), ENOENT);
	CHECK_DENIED(lstat(p, &st), ENOENT);
	CHECK_DENIED(access(p, F_OK), ENOENT);
	snprintf(p, sizeof(p), "/proc/%d/status", (int)t);
	CHECK_DENIED(open(p, O_RDONLY), ENOENT);
	snprintf(p, sizeof(p), "/proc/%d/exe", (int)t);
	CHECK_DENIED(readlink(p, buf, sizeof(buf)), ENOENT);
	snprintf(p, sizeof(p), "/proc/%d/task/%d/stat", (int)t, (int)t);
	CHECK_DENIED(open(p, O_RDONLY), ENOENT);
	snprintf(p, sizeof(p), "/proc/%d/fd/", (int)t);
	CHECK_DENIED(open(p, O_RDONLY | O_DIRECTORY), ENOENT);
	snprintf(p, sizeof(p), "/proc/self/task/../../%d/stat", (int)t);
	CHECK_DENIED(open(p, O_RDONLY), ENOENT);
	snprintf(p, sizeof(p), "/proc/thread-self/../../../%d", (int)t);
	CHECK_DENIED(stat(p, &st), ENOENT);
	snprintf(p, sizeof(p), "%d/cmdline", (int)t);
	CHECK_DENIED(openat(procfd, p, O_RDONLY), ENOENT);
	CHECK_DENIED(fstatat(procfd, name, &st, 0), ENOENT);
	CHECK_DENIED(syscall(SYS_statx, procfd, name, 0, 0x7ff, buf), ENOENT);
	/* up from the hidden directory: "/proc/<pid>/.." resolving only when
	 * the pid exists would tell it */
	snprintf(p, sizeof(p), "/proc/%d/..", (int)t);
	CHECK_DENIED(stat(p, &st), ENOENT);
	snprintf(p, sizeof(p), "/proc/%d/../self", (int)t);
	CHECK_DENIED(stat(p, &st), ENOENT);
	snprintf(p, sizeof(p), "/proc/%d/../../", (int)t);
	CHECK_DENIED(open(p, O_RDONLY | O_DIRECTORY), ENOENT);
	snprintf(p, sizeof(p), "%d/..", (int)t);
	CHECK_DENIED(fstatat(procfd, p, &st, 0), ENOENT);
	/* openat2 with the caller's own resolve flags: one walk by the kernel */
	struct open_how how = {.flags = O_RDONLY | O_DIRECTORY, .resolve = RESOLVE_NO_MAGICLINKS};
	snprintf(p, sizeof(p), "/proc/%d/..", (int)t);
	CHECK_DENIED(syscall(SYS_openat2, AT_FDCWD, p, &how, sizeof(how)), ENOENT);

	/* from a cwd inside /proc */
	char cwd[PATH_MAX];
	if (getcwd(cwd, sizeof(cwd)) && chdir("/proc/self") == 0) {
		snprintf(p, sizeof(p), "../%d/stat", (int)t);
		CHECK_DENIED(open(p, O_RDONLY), ENOENT);
		if (chdir("/proc") == 0) {
			CHECK_DENIED(stat(name, &st), ENOENT);
			/* "self" is the looker: through the cwd link back to /proc */
			snprintf(p, sizeof(p), "/proc/self/cwd/%d", (int)t);
			CHECK_DENIED(stat(p, &st), ENOENT);
			snprintf(p, sizeof(p), "/proc/thread-self/cwd/%d/status", (int)t);
			CHECK_DENIED(open(p, O_RDONLY), ENOENT);
		}
		if (chdir(cwd) != 0)
			fail("cannot go back to %s", cwd);
	}

	/* through a symlink the jail made */
	char link[64];
	snprintf(link, sizeof(link), "/tmp/proc_visibility.%d", (int)getpid());
	unlink(link);
	snprintf(p, sizeof(p), "/proc/%d", (int)t);
	if (symlink(p, link) == 0) {
		snprintf(p, sizeof(p), "%s/status", link);
		CHECK_DENIED(open(p, O_RDONLY), ENOENT);
		CHECK_DENIED(stat(link, &st), ENOENT);
		snprintf(p, sizeof(p), "%s/..", link);
		CHECK_DENIED(stat(p, &st), ENOENT);
		unlink(link);
	}

	/* listing */
	errno = 0;
	long l = listed(procfd, name) ? 0 : -1;
	check_result("getdents64 of /proc leaves the pid out", l, l ? ENOENT : 0, ENOENT);
	DIR *d = opendir("/proc");
	int seen = 0;
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)))
			if (strcmp(e->d_name, name) == 0)
				seen = 1;
		closedir(d);
	}
	check_result("readdir(/proc) leaves the pid out", seen ? 0 : -1, seen ? 0 : ENOENT, ENOENT);
}

int main(int argc, char **argv)
{
	int procfd = open("/proc", O_RDONLY | O_DIRECTORY);
	if (procfd < 0)
		fail("open /proc: %s", strerror(errno));
	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			target((pid_t)atoi(argv[i]), procfd);
	} else {
		target(getppid(), procfd);
	}
	/* one's own entries are there */
	char name[32], p[64];
	struct stat st;
	snprintf(name, sizeof(name), "%d", (int)getpid());
	CHECK_ALLOWED(listed(procfd, name) ? 0 : -1, 0);
	snprintf(p, sizeof(p), "/proc/%d/status", (int)getpid());
	CHECK_ALLOWED(stat(p, &st), 0);
	CHECK_ALLOWED(stat("/proc/self/task/..", &st), 0);
	CHECK_ALLOWED(stat("/proc/cpuinfo", &st), 0);
	CHECK_ALLOWED(stat("/proc/net/dev", &st), 0);
	checks_done("/proc/<pid> of a process outside the jail is ENOENT and not listed");
}
