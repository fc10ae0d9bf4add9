/* SPDX-License-Identifier: BSD-2-Clause */
/* The jail's names in /proc/sys/kernel/hostname and domainname: FreeBSD's
 * kern.hostname in a jail is the jail's host.hostname; Linux programs
 * (sysctl kernel.hostname, scripts, hostname(1) variants) read the file.
 * The object the open reached is recognised (fs/proc_uts_file.c) and a
 * sealed memfd holding the jail's name is handed over instead. */
#include "proc_sys_view.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "../../policy/jail.h"
#include "../engine/tracee.h"
#include "../fs/proc_uts_file.h"
#include "sealed_text.h"

int proc_sys_view_open(const struct tracee *t, int fd, int flags)
{
	int kind = proc_uts_file(fd);
	if (kind == PROC_UTS_NONE)
		return fd;
	if (kind < 0 || (flags & O_PATH) || (flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC)) {
		if (kind > 0 && (flags & O_PATH))
			return fd; /* nothing can be read or written through it */
		close(fd);
		return kind < 0 ? kind : -EPERM;
	}
	close(fd);
	const struct jail *j = t->jail;
	const char *name = kind == PROC_UTS_HOSTNAME ? j->hostname : j->domainname;
	size_t max = kind == PROC_UTS_HOSTNAME ? sizeof(j->hostname) : sizeof(j->domainname);
	char text[JAIL_HOSTNAME_MAX + 2];
	size_t len = strnlen(name, max < sizeof(text) - 1 ? max : sizeof(text) - 1);
	memcpy(text, name, len);
	text[len++] = '\n';
	return sealed_text_fd(kind == PROC_UTS_HOSTNAME ? "jail-hostname" : "jail-domainname", text, len, flags);
}
