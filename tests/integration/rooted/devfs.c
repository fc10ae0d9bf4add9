/* SPDX-License-Identifier: BSD-2-Clause */
/* devfs hidden NAME... | devfs shown NAME...: in a jail with mount.devfs,
 * each hidden /dev name is ENOENT through every route (open, stat, lstat,
 * access, openat and fstatat on a descriptor of /dev, openat2 beneath it,
 * a relative name from /dev as the current directory, ".." through
 * /dev/pts and /dev/fd, /lnk/NAME where /lnk is a link to the root's own
 * dev, chroot("/dev")) and absent from the listing of /dev; each shown one stats and is
 * listed. Prints PASS, or FAIL lines and exits 1. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int failed;

static void expect_enoent(const char *what, const char *name, int rc)
{
	if (rc >= 0 || errno != ENOENT) {
		printf("FAIL: %s %s: %s\n", what, name, rc >= 0 ? "succeeded" : strerror(errno));
		failed = 1;
	}
	if (rc >= 0 && rc > 2)
		close(rc);
}

static int listed(const char *name)
{
	DIR *d = opendir("/dev");
	if (!d) {
		printf("FAIL: opendir /dev: %s\n", strerror(errno));
		failed = 1;
		return -1;
	}
	int found = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, name) == 0)
			found = 1;
	closedir(d);
	return found;
}

static void hidden(const char *n)
{
	char p[256];
	struct stat st;
	snprintf(p, sizeof(p), "/dev/%s", n);
	expect_enoent("open", p, open(p, O_RDONLY | O_NONBLOCK));
	expect_enoent("open O_PATH", p, open(p, O_PATH));
	expect_enoent("stat", p, stat(p, &st));
	expect_enoent("lstat", p, lstat(p, &st));
	expect_enoent("access", p, access(p, F_OK));
	int dfd = open("/dev", O_RDONLY | O_DIRECTORY);
	if (dfd < 0) {
		printf("FAIL: open /dev: %s\n", strerror(errno));
		failed = 1;
	} else {
		expect_enoent("openat(/dev fd)", n, openat(dfd, n, O_RDONLY | O_NONBLOCK));
		expect_enoent("fstatat(/dev fd)", n, fstatat(dfd, n, &st, AT_SYMLINK_NOFOLLOW));
		struct open_how how = {.flags = O_RDONLY | O_NONBLOCK, .resolve = RESOLVE_BENEATH};
		expect_enoent("openat2(/dev fd, RESOLVE_BENEATH)", n,
			      (int)syscall(SYS_openat2, dfd, n, &how, sizeof(how)));
		how.resolve = RESOLVE_IN_ROOT;
		expect_enoent("openat2(RESOLVE_IN_ROOT)", p, (int)syscall(SYS_openat2, AT_FDCWD, p, &how, sizeof(how)));
		close(dfd);
	}
	if (chdir("/dev") == 0) {
		expect_enoent("open (cwd /dev)", n, open(n, O_RDONLY | O_NONBLOCK));
		expect_enoent("stat (cwd /dev)", n, stat(n, &st));
		if (chdir("/") < 0)
			failed = 1;
	}
	const char *via[] = {"/dev/pts/../", "/dev/fd/../", "/dev/./", "/dev/../dev/", "//dev//", "/lnk/"};
	for (unsigned i = 0; i < sizeof(via) / sizeof(via[0]); i++) {
		if (i == 5 && lstat("/lnk", &st) < 0)
			continue;
		snprintf(p, sizeof(p), "%s%s", via[i], n);
		expect_enoent("open", p, open(p, O_RDONLY | O_NONBLOCK));
		expect_enoent("stat", p, stat(p, &st));
	}
	if (listed(n) == 1) {
		printf("FAIL: %s is listed in /dev\n", n);
		failed = 1;
	}
	/* the host's /dev made a root of the jail's would show it all */
	pid_t pid = fork();
	if (pid == 0) {
		snprintf(p, sizeof(p), "/%s", n);
		if (chroot("/dev") == 0 && stat(p, &st) == 0) {
			printf("FAIL: chroot(/dev) reached %s\n", n);
			_exit(1);
		}
		_exit(0);
	}
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0)
		failed = 1;
}

static void shown(const char *n)
{
	char p[256];
	struct stat st;
	snprintf(p, sizeof(p), "/dev/%s", n);
	if (lstat(p, &st) < 0) {
		printf("FAIL: lstat %s: %s\n", p, strerror(errno));
		failed = 1;
	}
	if (listed(n) != 1) {
		printf("FAIL: %s is not listed in /dev\n", n);
		failed = 1;
	}
}

int main(int argc, char **argv)
{
	if (argc < 3 || (strcmp(argv[1], "hidden") != 0 && strcmp(argv[1], "shown") != 0)) {
		fprintf(stderr, "usage: devfs hidden|shown NAME...\n");
		return 2;
	}
	for (int i = 2; i < argc; i++)
		(argv[1][0] == 'h' ? hidden : shown)(argv[i]);
	if (!failed)
		printf("PASS: %s %d names\n", argv[1], argc - 2);
	return failed;
}
