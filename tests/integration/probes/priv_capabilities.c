/* SPDX-License-Identifier: BSD-2-Clause */
/* Jailed root holds only the capabilities of FreeBSD's allowed list: the
 * kernel itself then refuses what the filter cannot see: raw sockets,
 * network administration (here a socket mark, as netlink configuration
 * needs the same CAP_NET_ADMIN), /dev/mem, append-only/immutable flags.
 * Harmless without the jail: the raw socket and /dev/mem are opened and
 * closed unused, the mark is set on the probe's own socket, the append-only
 * flag is set on the probe's own temporary file and cleared again before
 * it is removed. */
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/fs.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "probe.h"

static unsigned long long status_caps(const char *field)
{
	char line[256];
	unsigned long long v = ~0ULL;
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return v;
	size_t n = strlen(field);
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, field, n) == 0 && line[n] == ':')
			v = strtoull(line + n + 1, NULL, 16);
	fclose(f);
	return v;
}

static long caps_without(const char *field, unsigned long long forbidden)
{
	if (status_caps(field) & forbidden) {
		errno = 0;
		return 0;
	}
	errno = EPERM;
	return -1;
}

static long append_only(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int flags = 0;
	if (fd < 0 || ioctl(fd, FS_IOC_GETFLAGS, &flags) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	int set = flags | FS_APPEND_FL;
	long rc = ioctl(fd, FS_IOC_SETFLAGS, &set);
	int err = errno;
	if (rc == 0)
		ioctl(fd, FS_IOC_SETFLAGS, &flags);
	close(fd);
	errno = err;
	return rc;
}

int main(void)
{
	const unsigned long long host_wide = 1ULL << CAP_SYS_ADMIN | 1ULL << CAP_NET_ADMIN |
					     1ULL << CAP_SYS_MODULE | 1ULL << CAP_SYS_RAWIO |
					     1ULL << CAP_SYS_TIME | 1ULL << CAP_SYS_NICE | 1ULL << CAP_NET_RAW;
	char file[] = "/tmp/jail-probe-chflags.XXXXXX";

	/* EPERM here stands for "none of them held" */
	CHECK_DENIED(caps_without("CapEff", host_wide), EPERM);
	CHECK_DENIED(caps_without("CapPrm", host_wide), EPERM);
	if (am_root())
		CHECK_DENIED(caps_without("CapBnd", host_wide), EPERM);
	int s = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	check_result("socket(AF_INET, SOCK_RAW)", s < 0 ? -1 : 0, errno, EPERM);
	if (s >= 0)
		close(s);
	/* a socket option of the probe's own socket that needs CAP_NET_ADMIN
	 * (or CAP_NET_RAW) */
	s = socket(AF_INET, SOCK_DGRAM, 0);
	int mark = 1;
	CHECK_DENIED(setsockopt(s, SOL_SOCKET, SO_MARK, &mark, sizeof(mark)), EPERM);
	close(s);
	int mem = open("/dev/mem", O_RDONLY | O_CLOEXEC);
	if (mem < 0 && errno == ENOENT) {
		check_log("skipped: open(/dev/mem): this machine has no /dev/mem\n");
	} else {
		/* a normal user meets the file's mode first */
		check_result("open(/dev/mem)", mem < 0 ? -1 : 0, errno, am_root() ? EPERM : EACCES);
		if (mem >= 0)
			close(mem);
	}
	int fd = mkstemp(file);
	if (fd < 0)
		fail("mkstemp: %s", strerror(errno));
	close(fd);
	CHECK_DENIED(append_only(file), EPERM);
	unlink(file);
	checks_done("no host-wide capability: raw sockets, socket marks, /dev/mem and append-only flags give EPERM");
}
