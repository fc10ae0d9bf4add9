/* SPDX-License-Identifier: BSD-2-Clause */
#include "tracee.h"

#include "root_ref.h"
#include "addr_space.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL
#endif

static struct tracee *table;

struct tracee *tracee_find(pid_t tid)
{
	struct tracee *t;
	HASH_FIND_INT(table, &tid, t);
	return t;
}

struct tracee *tracee_add(pid_t tid, pid_t tgid, struct jail *jail)
{
	struct tracee *t = tracee_find(tid);
	if (t)
		return t;
	t = calloc(1, sizeof(*t));
	if (!t) {
		perror("jail: calloc");
		abort(); /* fail closed: EXITKILL ends the jail */
	}
	t->tid = tid;
	t->tgid = tgid;
	t->jail = jail;
	t->slot = -1;
	HASH_ADD_INT(table, tid, t);
	return t;
}

void tracee_remove(struct tracee *t)
{
	scratch_detach(t);
	fs_root_unref(t->root);
	free(t->exe);
	free(t->pending_exe);
	HASH_DEL(table, t);
	free(t);
}

void tracee_remove_group_except(pid_t tgid, pid_t keep)
{
	struct tracee *t, *tmp;
	HASH_ITER(hh, table, t, tmp)
		if (t->tgid == tgid && t->tid != keep)
			tracee_remove(t);
}

unsigned tracee_count(void)
{
	return HASH_COUNT(table);
}

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
	return (x > y) - (x < y);
}

unsigned tracee_tgids(pid_t *out, unsigned max)
{
	unsigned n = 0, uniq = 0;
	struct tracee *t, *tmp;
	HASH_ITER(hh, table, t, tmp)
		if (n < max)
			out[n++] = t->tgid;
	qsort(out, n, sizeof(*out), cmp_pid);
	for (unsigned i = 0; i < n; i++)
		if (i == 0 || out[i] != out[i - 1])
			out[uniq++] = out[i];
	return uniq;
}

void tracee_set_root(pid_t tgid, struct fs_root *r)
{
	struct tracee *t, *tmp;
	HASH_ITER(hh, table, t, tmp)
		if (t->tgid == tgid) {
			fs_root_unref(t->root);
			t->root = fs_root_ref(r);
		}
}

void tracee_inherit_fs(struct tracee *child, const struct tracee *parent)
{
	if (child->root != parent->root) {
		fs_root_unref(child->root);
		child->root = fs_root_ref(parent->root);
	}
	if (parent->exe && !child->exe)
		child->exe = strdup(parent->exe);
	child->creds = parent->creds; /* a new task copies its parent's credentials */
}

void tracee_set_exe(struct tracee *t, char *exe)
{
	free(t->exe);
	t->exe = exe;
	t->creds = CREDS_UNKNOWN; /* called at every exec: set-id programs */
}

const char *tracee_exe_for_link(const struct tracee *asker, const char *host)
{
	int pid = 0, tid = 0, n = 0;
	if (sscanf(host, "/proc/%d/exe%n", &pid, &n) == 1 && host[n] == '\0')
		tid = pid;
	else if (sscanf(host, "/proc/%d/task/%d/exe%n", &pid, &tid, &n) == 2 && host[n] == '\0')
		;
	else
		return NULL;
	(void)asker;
	const struct tracee *t = tracee_find(tid);
	return t ? t->exe : NULL;
}

int tracee_dup_fd(const struct tracee *t, int fd)
{
	/* the thread's own descriptor table (a thread may not share its
	 * process's); kernels before PIDFD_THREAD: the process's */
	int pidfd = (int)syscall(SYS_pidfd_open, t->tid, PIDFD_THREAD);
	if (pidfd < 0 && errno == EINVAL)
		pidfd = (int)syscall(SYS_pidfd_open, t->tgid, 0);
	if (pidfd < 0)
		return -errno;
	int local = (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
	int err = errno;
	close(pidfd);
	return local < 0 ? -err : local;
}
