/* SPDX-License-Identifier: BSD-2-Clause */
#include "caller_open.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../engine/inject.h"
#include "../engine/scratch.h"
#include "../engine/tracee.h"
#include "../fs/fs_root.h"
#include "../fs/proc_hide.h"

/* openat2 answers EAGAIN when any rename on the machine raced its ".."
 * walk: tried again, a bounded number of times */
#define EAGAIN_TRIES 16

_Static_assert(CALLER_OPEN_HOW_SIZE & CALLER_OPEN_HOW_BIT, "the routing bit is set in the size");
_Static_assert(!(sizeof(struct open_how) & CALLER_OPEN_HOW_BIT), "a plain open_how stays notified");

int caller_judge(const struct tracee *t, const char *what)
{
	char link[64];
	snprintf(link, sizeof(link), "/proc/%d/%s", (int)t->tid, what);
	int obj = tracee_proc_open(link, O_PATH | O_CLOEXEC);
	if (obj < 0)
		return -EACCES;
	int err = fs_object_allowed(t, obj, O_PATH, false);
	if (!err)
		err = proc_hide_fd(t, obj);
	close(obj);
	return err;
}

/* May the caller hold its descriptor fd? The kernel resolved it inside
 * the root; this also judges what a sibling thread may have put at that
 * number meanwhile. */
static int judge(const struct tracee *t, long fd)
{
	char what[32];
	snprintf(what, sizeof(what), "fd/%ld", fd);
	return caller_judge(t, what);
}

void caller_close(struct injection *inj, long fd)
{
	long ignored;
	uint64_t c[6] = {(uint64_t)fd, 0, 0, 0, 0, 0};
	inject_call(inj, abi_nr(inj->abi, SC_close), c, &ignored);
}

long caller_open_in_root(struct injection *inj, const struct fs_root *in, const char *abs, uint64_t flags,
			 size_t off)
{
	struct tracee *t = inj->t;
	const char *root = in->host;
	struct {
		struct open_how how;
		unsigned char zero[CALLER_OPEN_HOW_SIZE - sizeof(struct open_how)];
	} how = {.how = {.flags = flags, .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS}};
	_Static_assert(sizeof(how) == CALLER_OPEN_HOW_SIZE, "no padding");
	uint64_t root_at, path_at, how_at;
	size_t rl = strlen(root) + 1, pl = strlen(abs) + 1;
	if (rl > PATH_MAX || pl > PATH_MAX)
		return -ENAMETOOLONG;
	int err = scratch_put(t, off, root, rl, &root_at);
	if (!err)
		err = scratch_put(t, off + PATH_MAX, abs, pl, &path_at);
	if (!err)
		err = scratch_put(t, off + 2 * PATH_MAX, &how, sizeof(how), &how_at);
	if (err)
		return err;
	long rfd, fd = -EBADF;
	uint64_t a[6] = {(uint64_t)(int64_t)AT_FDCWD, root_at, O_PATH | O_DIRECTORY | O_CLOEXEC, 0, 0, 0};
	if ((err = inject_call(inj, abi_nr(inj->abi, SC_openat), a, &rfd)))
		return err;
	if (rfd < 0)
		return rfd;
	for (int i = 0; i < EAGAIN_TRIES; i++) {
		uint64_t b[6] = {(uint64_t)rfd, path_at, how_at, CALLER_OPEN_HOW_SIZE, 0, 0};
		if ((err = inject_call(inj, abi_nr(inj->abi, SC_openat2), b, &fd)))
			return err;
		if (fd != -EAGAIN)
			break;
	}
	caller_close(inj, rfd);
	if (fd >= 0 && (err = judge(t, fd))) {
		caller_close(inj, fd);
		fd = err;
	}
	return fd;
}

long caller_open_program(struct injection *inj, const char *guest)
{
	struct tracee *t = inj->t;
	char abs[PATH_MAX];
	const struct fs_root *in = NULL;
	int err = fs_guest_in_root(t, AT_FDCWD, guest, abs, sizeof(abs), &in);
	if (err)
		return err > 0 ? -ENOENT : err;
	long obj = caller_open_in_root(inj, in, abs, O_PATH | O_CLOEXEC, 0);
	if (obj < 0)
		return obj;
	/* only a regular file is opened for reading: a FIFO or a device put
	 * there meanwhile is never opened */
	int own = tracee_dup_fd(t, (int)obj);
	struct stat st;
	bool regular = own >= 0 && fstat(own, &st) == 0 && S_ISREG(st.st_mode);
	if (own >= 0)
		close(own);
	long fd = -EACCES;
	if (regular) {
		/* the same inode reopened, with the caller's rights */
		char self[64];
		snprintf(self, sizeof(self), "/proc/thread-self/fd/%ld", obj);
		struct {
			struct open_how how;
			unsigned char zero[CALLER_OPEN_HOW_SIZE - sizeof(struct open_how)];
		} how = {.how = {.flags = O_RDONLY | O_CLOEXEC | O_NOCTTY}};
		uint64_t path_at, how_at;
		err = scratch_put(t, 0, self, strlen(self) + 1, &path_at);
		if (!err)
			err = scratch_put(t, 64, &how, sizeof(how), &how_at);
		if (!err) {
			uint64_t b[6] = {(uint64_t)(int64_t)AT_FDCWD, path_at, how_at, CALLER_OPEN_HOW_SIZE, 0, 0};
			err = inject_call(inj, abi_nr(inj->abi, SC_openat2), b, &fd);
		}
		if (err)
			fd = err;
	}
	if (fd != -ESRCH)
		caller_close(inj, obj);
	return fd;
}
