/* SPDX-License-Identifier: BSD-2-Clause */
/* The only ways a handler changes the stopped call's registers (stop.h):
 * each change is recorded so the event loop can put the originals back. */
#include "stop.h"

#include <errno.h>
#include <string.h>

#include "scratch.h"
#include "tracee.h"

int stop_set_arg(struct syscall_stop *s, int i, uint64_t value)
{
	struct tracee *t = s->t;
	if (s->notified) {
		s->regs_touched = true;
		return -ENOSYS;
	}
	if (i < 0 || i > 5)
		return -EINVAL;
	t->regs_set.args[i] = value;
	t->regs_changed = true;
	return abi_set_arg(t->tid, s->abi, i, value);
}

int stop_set_call(struct syscall_stop *s, long nr, const uint64_t args[6])
{
	struct tracee *t = s->t;
	if (s->notified) {
		s->regs_touched = true;
		return -ENOSYS;
	}
	t->regs_set.nr = nr;
	memcpy(t->regs_set.args, args, sizeof(t->regs_set.args));
	t->regs_changed = true;
	return abi_set_syscall(t->tid, s->abi, nr, args);
}

enum action stop_arg_to_copy(struct syscall_stop *s, int i, const void *data, size_t len)
{
	uint64_t at;
	int err = s->notified ? -ENOSYS : scratch_put(s->t, 0, data, len, &at);
	if (!err)
		err = stop_set_arg(s, i, at);
	if (err) {
		s->retval = err;
		return ACT_RETURN;
	}
	s->args[i] = at;
	return ACT_CONTINUE;
}
