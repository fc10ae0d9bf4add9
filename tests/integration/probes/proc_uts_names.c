/* SPDX-License-Identifier: BSD-2-Clause */
/* /proc/sys/kernel/hostname and /proc/sys/kernel/domainname show the
 * jail's names (uname's), however the file is reached: its path, a path
 * through /proc/self/.., a directory descriptor of /proc/sys/kernel,
 * openat2 beneath it, a symlink, an O_PATH descriptor reopened through
 * /proc/self/fd; an open for writing is EPERM (nothing is written: the
 * descriptor is closed at once if the open succeeds). Runs at / (run_probe.sh)
 * and alone in a root (script proc_uts_names.sh, argument "rooted"). */
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

#include "probe.h"

#ifndef SYS_openat2
#define SYS_openat2 437
#endif

static void read_fd(int fd, const char *how, char *buf, size_t size)
{
	if (fd < 0)
		fail("%s: open: %s", how, strerror(errno));
	ssize_t n = read(fd, buf, size - 1);
	if (n < 0)
		fail("%s: read: %s", how, strerror(errno));
	buf[n] = '\0';
	close(fd);
}

static void expect(int fd, const char *how, const char *want)
{
	char buf[256], line[256];
	read_fd(fd, how, buf, sizeof(buf));
	snprintf(line, sizeof(line), "%s\n", want);
	if (strcmp(buf, line) != 0)
		fail("%s reads \"%.*s\", want \"%s\"", how, (int)strcspn(buf, "\n"), buf, want);
}

int main(int argc, char **argv)
{
	/* "rooted": alone in a root without /proc, where a symlink to /proc
	 * resolves inside the root (ENOENT), not into the host's /proc */
	int rooted = argc > 1 && strcmp(argv[1], "rooted") == 0;
	struct utsname u;
	if (uname(&u) < 0)
		fail("uname: %s", strerror(errno));
	if (strcmp(u.nodename, PROBE_HOSTNAME) != 0)
		fail("uname nodename is \"%s\"", u.nodename);
	expect(open("/proc/sys/kernel/hostname", O_RDONLY), "/proc/sys/kernel/hostname", u.nodename);
	expect(open("/proc/sys/kernel/domainname", O_RDONLY), "/proc/sys/kernel/domainname", u.domainname);
	expect(open("/proc/self/../sys/kernel/hostname", O_RDONLY), "/proc/self/../sys/kernel/hostname", u.nodename);
	int dir = open("/proc/sys/kernel", O_RDONLY | O_DIRECTORY);
	if (dir < 0)
		fail("/proc/sys/kernel: %s", strerror(errno));
	expect(openat(dir, "hostname", O_RDONLY), "openat(/proc/sys/kernel, hostname)", u.nodename);
	struct open_how h = {.flags = O_RDONLY, .resolve = RESOLVE_BENEATH};
	int fd = (int)syscall(SYS_openat2, dir, "domainname", &h, sizeof(h));
	if (fd < 0 && errno == ENOSYS)
		fd = openat(dir, "domainname", O_RDONLY); /* a kernel without openat2 */
	expect(fd, "openat2(/proc/sys/kernel, domainname, BENEATH)", u.domainname);
	close(dir);
	int p = open("/proc/sys/kernel/hostname", O_PATH);
	if (p < 0)
		fail("O_PATH open: %s", strerror(errno));
	char link[64];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", p);
	expect(open(link, O_RDONLY), "/proc/self/fd/N of an O_PATH descriptor", u.nodename);
	close(p);
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char sl[256];
	snprintf(sl, sizeof(sl), "%s/proc_uts_names.%d", tmp, (int)getpid());
	if (symlink("/proc/sys/kernel/hostname", sl) < 0)
		fail("symlink %s: %s", sl, strerror(errno));
	fd = open(sl, O_RDONLY);
	int e = errno;
	unlink(sl);
	if (!(rooted && fd < 0 && e == ENOENT)) {
		errno = e;
		expect(fd, "a symlink to /proc/sys/kernel/hostname", u.nodename);
	}
	const char *files[] = {"/proc/sys/kernel/hostname", "/proc/sys/kernel/domainname"};
	for (int i = 0; i < 2; i++) {
		errno = 0;
		fd = open(files[i], O_WRONLY);
		if (fd >= 0) {
			close(fd);
			fail("%s opened for writing", files[i]);
		}
		if (errno != EPERM)
			fail("%s opened for writing: %s, want EPERM", files[i], strerror(errno));
	}
	pass("/proc/sys/kernel/{hostname,domainname} read %s and %s by every route, writes EPERM", u.nodename,
	     u.domainname);
}
