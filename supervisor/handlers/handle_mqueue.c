/* SPDX-License-Identifier: BSD-2-Clause */
/* POSIX message queues in a jail with its own root (docs/dev.md). The
 * kernel keeps them in one namespace for the whole machine (the IPC
 * namespace, which the jail shares with the host), by name, on an
 * internal mount no path of the jail's Landlock layer covers: opening a
 * queue there always failed with EACCES, but only after the lookup (ENOENT
 * for a name nobody uses: an oracle for the host's queue names) and after
 * O_CREAT had made the queue in the host's namespace; and mq_unlink, which
 * Landlock does not govern, removed the host's queues. So in such a jail
 * the jail has no queues: mq_open fails with EACCES before the kernel
 * looks, mq_unlink with ENOENT, after the kernel's own checks of the name. */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "handlers.h"
#include "../engine/memory.h"
#include "../engine/tracee.h"

/* mq_open(name, ...), mq_unlink(name): name as the kernel gets it
 * (without glibc's leading slash). */
enum action handle_mq_name(struct syscall_stop *s)
{
	char name[NAME_MAX + 2];
	int err = mem_read_string(s->t->tid, s->args[0], name, sizeof(name));
	if (err == -ENAMETOOLONG || (!err && strlen(name) > NAME_MAX))
		err = -ENAMETOOLONG;
	else if (err)
		err = -EFAULT;
	else if (name[0] == '\0')
		err = -ENOENT;
	else if (strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		err = -EACCES; /* the kernel's answer for a name it cannot look up */
	else
		err = s->id == SC_mq_unlink ? -ENOENT : -EACCES;
	s->retval = err;
	return ACT_RETURN;
}
