/* SPDX-License-Identifier: BSD-2-Clause */
#include "unix_object.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../engine/inject.h"
#include "../engine/scratch.h"
#include "../engine/stop.h"
#include "../engine/tracee.h"
#include "../fs/fs_root.h"

/* openat2 answers EAGAIN when any rename on the machine raced its ".."
 * walk: tried again, a bounded number of times */
#define EAGAIN_TRIES 16

_Static_assert(UNIX_OBJECT_HOW_SIZE & UNIX_OBJECT_HOW_BIT, "the routing bit is set in the size");
_Static_assert(!(sizeof(struct open_how) & UNIX_OBJECT_HOW_BIT), "a plain open_how stays notified");

static bool same_call(const struct abi_call *a, const struct abi_call *b)
{
	return a->nr == b->nr && memcmp(a->args, b->args, sizeof(a->args)) == 0;
}

/* Is the caller's descriptor fd an object inside its root? The kernel
 * resolved it there; this judges what a sibling thread may have put at
 * that number meanwhile. */
static int placed_inside(const struct tracee *t, long fd)
{
	char link[64];
	snprintf(link, sizeof(link), "/proc/%d/fd/%ld", (int)t->tid, fd);
	int obj = tracee_proc_open(link, O_PATH | O_CLOEXEC);
	if (obj < 0)
		return -EBADF;
	int err = fs_object_allowed(t, obj, O_PATH, false);
	close(obj);
	return err;
}

/* The caller opens abs (absolute, in guest terms) beneath its root:
 * openat(root), openat2(IN_ROOT), close(root), injected at this stop.
 * Its descriptor, or -errno (-ESRCH: it died). */
static long open_in_caller(struct syscall_stop *s, const char *abs, size_t off, struct injection *inj)
{
	struct tracee *t = s->t;
	const char *root = t->root->host;
	struct {
		struct open_how how;
		unsigned char zero[UNIX_OBJECT_HOW_SIZE - sizeof(struct open_how)];
	} how = {.how = {.flags = O_PATH | O_CLOEXEC, .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS}};
	_Static_assert(sizeof(how) == UNIX_OBJECT_HOW_SIZE, "no padding");
	uint64_t root_at, path_at, how_at;
	size_t rl = strlen(root) + 1, pl = strlen(abs) + 1;
	int err = scratch_put(t, off, root, rl, &root_at);
	if (!err)
		err = scratch_put(t, off + rl, abs, pl, &path_at);
	if (!err)
		err = scratch_put(t, off + rl + pl, &how, sizeof(how), &how_at);
	if (err)
		return err;
	long rfd, fd = -EBADF;
	uint64_t a[6] = {(uint64_t)(int64_t)AT_FDCWD, root_at, O_PATH | O_DIRECTORY | O_CLOEXEC, 0, 0, 0};
	if ((err = inject_call(inj, abi_nr(s->abi, SC_openat), a, &rfd)))
		return err;
	if (rfd < 0)
		return rfd;
	for (int i = 0; i < EAGAIN_TRIES; i++) {
		uint64_t b[6] = {(uint64_t)rfd, path_at, how_at, UNIX_OBJECT_HOW_SIZE, 0, 0};
		if ((err = inject_call(inj, abi_nr(s->abi, SC_openat2), b, &fd)))
			return err;
		if (fd != -EAGAIN)
			break;
	}
	long ignored;
	uint64_t c[6] = {(uint64_t)rfd, 0, 0, 0, 0, 0};
	if ((err = inject_call(inj, abi_nr(s->abi, SC_close), c, &ignored)))
		return err;
	return fd;
}

static void close_in_caller(struct injection *inj, long fd)
{
	long ignored;
	uint64_t c[6] = {(uint64_t)fd, 0, 0, 0, 0, 0};
	inject_call(inj, abi_nr(inj->abi, SC_close), c, &ignored);
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
	int err = fs_guest_in_root(t, AT_FDCWD, guest, abs, sizeof(abs));
	if (err)
		return err == 1 ? UNIX_OBJECT_TRANSLATE : err;
	struct injection inj;
	if ((err = inject_begin(&inj, t, s->abi)))
		return err;
	long fd = open_in_caller(s, abs, off, &inj);
	if (fd == -ESRCH)
		return -ESRCH; /* gone: its exit goes to the event loop */
	if (fd >= 0 && (err = placed_inside(t, fd))) {
		close_in_caller(&inj, fd);
		fd = err;
	}
	if (fd < 0) {
		/* the lookup failed: so does the call, without running it */
		if (inj.at_exit)
			inject_finish(&inj);
		return (int)fd;
	}
	t->placed_fd = (int)fd;
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
	close_in_caller(&inj, fd);
	inject_finish(&inj);
}
