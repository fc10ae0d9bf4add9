/* SPDX-License-Identifier: BSD-2-Clause */
/* Prints what the jail reads as its machine's identity, one line each:
 * "ROUTE TEXT" for /etc/machine-id, /var/lib/dbus/machine-id, and
 * /etc/hostid read as gethostid(3) reads it (4 bytes, printed %08x) by
 * path and by openat of an /etc descriptor; "ROUTE error E" when it cannot
 * be read. Static, for a root that holds little else (script machine_id.sh). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void text(const char *route, int fd)
{
	char buf[128];
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (n < 0) {
		printf("%s error %s\n", route, strerror(errno));
	} else {
		buf[n] = '\0';
		printf("%s %.*s\n", route, (int)strcspn(buf, "\n"), buf);
	}
	if (fd >= 0)
		close(fd);
}

static void hostid(const char *route, int fd)
{
	int32_t id;
	if (fd < 0 || read(fd, &id, sizeof(id)) != (ssize_t)sizeof(id))
		printf("%s error %s\n", route, strerror(errno));
	else
		printf("%s %08x\n", route, (uint32_t)id);
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	text("/etc/machine-id", open("/etc/machine-id", O_RDONLY));
	text("/var/lib/dbus/machine-id", open("/var/lib/dbus/machine-id", O_RDONLY));
	hostid("/etc/hostid", open("/etc/hostid", O_RDONLY));
	int etc = open("/etc", O_RDONLY | O_DIRECTORY);
	hostid("etc-dirfd+hostid", openat(etc, "hostid", O_RDONLY));
	return 0;
}
