/* SPDX-License-Identifier: BSD-2-Clause */
#include "unix_object.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../engine/inject.h"
#include "../engine/scratch.h"
#include "../engine/stop.h"
#include "../engine/tracee.h"
#include "../fs/fs_root.h"
#include "caller_open.h"

static bool same_call(const struct abi_call *a, const struct abi_call *b)
{
	return a->nr == b->nr && memcmp(a->args, b->args, sizeof(a->args)) == 0;
}

int unix_object_name(struct syscall_stop *s, const char *guest, size_t off, char *name, size_t size)
{
	struct tracee *t = s->t;
	if (s->notified)
		return -ENOSYS;
	if (t->placed_fd >= 0 && same_call(&t->placed_call, &t->regs_orig)) {
		/* the call again, with the object opened the first time */
		int n = snprintf(name, size, "/proc/self/fd/%d", t->placed_fd);
		return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
	}
	/* A descriptor placed for a call that did not come again (a signal
	 * handler made another one first) stays with the process: its number
	 * may be the program's own by now. */
	t->placed_fd = -1;
	char abs[PATH_MAX];
	const struct fs_root *in;
	int err = fs_guest_in_root(t, AT_FDCWD, guest, abs, sizeof(abs), &in);
	if (err)
		return err == 1 ? UNIX_OBJECT_TRANSLATE : err;
	struct injection inj;
	if ((err = inject_begin(&inj, t, s->abi)))
		return err;
	long fd = caller_open_in_root(&inj, in, abs, O_PATH | O_CLOEXEC, off);
	if (fd == -ESRCH)
		return -ESRCH; /* gone: its exit goes to the event loop */
	if (fd < 0) {
		/* the lookup failed: so does the call, without running it */
		if (inj.at_exit)
			inject_finish(&inj);
		return (int)fd;
	}
	t->placed_fd = (int)fd;
	t->placed_exec = false;
	t->placed_call = t->regs_orig;
	if ((err = inject_end(&inj)))
		return err;
	s->rewound = true;
	return UNIX_OBJECT_AGAIN;
}

bool unix_object_placed(const struct syscall_stop *s)
{
	const struct tracee *t = s->t;
	return !s->notified && t->placed_fd >= 0 && same_call(&t->placed_call, &t->regs_orig);
}

void unix_object_done(struct syscall_stop *s)
{
	struct tracee *t = s->t;
	int fd = t->placed_fd;
	if (!unix_object_placed(s))
		return;
	t->placed_fd = -1;
	struct injection inj;
	if (inject_begin_at_exit(&inj, t, s->abi))
		return;
	caller_close(&inj, fd);
	inject_finish(&inj);
}
