/* SPDX-License-Identifier: BSD-2-Clause */
#include "tracee.h"

#include "root_ref.h"
#include "addr_space.h"
#include "creds.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <utlist.h>

#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL
#endif

/* A process: its threads. The jail is its first thread's (a process
 * never spans jails: a thread is added to its creator's jail). */
struct process {
	pid_t tgid;
	struct jail *jail;
	struct tracee *threads; /* utlist DL, by proc_prev/proc_next */
	unsigned nthreads;
	UT_hash_handle hh;
};

static struct tracee *threads;     /* by tid */
static struct process *processes;  /* by tgid */
static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
static uint64_t next_serial = 1;

void tracee_rdlock(void)
{
	pthread_rwlock_rdlock(&lock);
}

void tracee_wrlock(void)
{
	pthread_rwlock_wrlock(&lock);
}

void tracee_unlock(void)
{
	pthread_rwlock_unlock(&lock);
}

bool tracee_snapshot(pid_t tid, struct tracee *out)
{
	tracee_rdlock();
	struct tracee *t = tracee_find(tid);
	if (t) {
		*out = *t;
		out->root = fs_root_ref(t->root);
		out->exe = out->pending_exe = out->pending_comm = NULL;
		out->as = NULL;
		out->vt = NULL;
		out->slot = -1;
		out->proc = NULL;
		out->proc_prev = out->proc_next = NULL;
		memset(&out->hh, 0, sizeof(out->hh));
	}
	tracee_unlock();
	return t != NULL;
}

void tracee_snapshot_done(struct tracee *snap)
{
	fs_root_unref(snap->root);
	snap->root = NULL;
}

void tracee_store_creds(pid_t tid, uint64_t serial, const struct proc_creds *c)
{
	tracee_wrlock();
	struct tracee *t = tracee_find(tid);
	if (t && t->serial == serial) {
		t->pcreds = *c;
		t->pcreds_valid = true;
	}
	tracee_unlock();
}

void tracee_forget_creds(struct tracee *t)
{
	tracee_wrlock();
	t->creds = CREDS_UNKNOWN;
	t->pcreds_valid = false;
	tracee_unlock();
}

struct tracee *tracee_find(pid_t tid)
{
	struct tracee *t;
	HASH_FIND_INT(threads, &tid, t);
	return t;
}

static struct process *process_find(pid_t tgid)
{
	struct process *p;
	HASH_FIND_INT(processes, &tgid, p);
	return p;
}

static void *alloc_or_die(size_t size)
{
	void *p = calloc(1, size);
	if (!p) {
		perror("jail: calloc");
		abort(); /* fail closed: EXITKILL ends the jail */
	}
	return p;
}

static void join_process(struct tracee *t, pid_t tgid)
{
	struct process *p = process_find(tgid);
	if (!p) {
		p = alloc_or_die(sizeof(*p));
		p->tgid = tgid;
		p->jail = t->jail;
		HASH_ADD_INT(processes, tgid, p);
	}
	t->tgid = tgid;
	t->proc = p;
	DL_APPEND2(p->threads, t, proc_prev, proc_next);
	p->nthreads++;
}

static void leave_process(struct tracee *t)
{
	struct process *p = t->proc;
	DL_DELETE2(p->threads, t, proc_prev, proc_next);
	t->proc = NULL;
	if (--p->nthreads == 0) {
		HASH_DEL(processes, p);
		free(p);
	}
}

struct tracee *tracee_add(pid_t tid, pid_t tgid, struct jail *jail)
{
	struct tracee *t = tracee_find(tid);
	if (t)
		return t;
	t = alloc_or_die(sizeof(*t));
	t->tid = tid;
	t->jail = jail;
	t->slot = -1;
	t->placed_fd = -1;
	tracee_wrlock();
	t->serial = next_serial++;
	HASH_ADD_INT(threads, tid, t);
	join_process(t, tgid);
	tracee_unlock();
	return t;
}

void tracee_set_tgid(struct tracee *t, pid_t tgid)
{
	if (t->tgid == tgid)
		return;
	tracee_wrlock();
	leave_process(t);
	join_process(t, tgid);
	tracee_unlock();
}

void tracee_remove(struct tracee *t)
{
	scratch_detach(t);
	tracee_wrlock();
	leave_process(t);
	HASH_DEL(threads, t);
	tracee_unlock();
	fs_root_unref(t->root);
	free(t->exe);
	free(t->pending_exe);
	free(t->pending_comm);
	free(t);
}

void tracee_remove_group_except(pid_t tgid, pid_t keep)
{
	struct process *p = process_find(tgid);
	if (!p)
		return;
	struct tracee *t, *tmp;
	/* the last removal frees p: stop before it can */
	DL_FOREACH_SAFE2(p->threads, t, tmp, proc_next) {
		if (t->tid != keep) {
			bool last = p->nthreads == 1;
			tracee_remove(t);
			if (last)
				break;
		}
	}
}

unsigned tracee_count(void)
{
	tracee_rdlock();
	unsigned n = HASH_COUNT(threads);
	tracee_unlock();
	return n;
}

uint64_t tracee_added(void)
{
	tracee_rdlock();
	uint64_t n = next_serial;
	tracee_unlock();
	return n;
}

unsigned tracee_process_count(void)
{
	tracee_rdlock();
	unsigned n = HASH_COUNT(processes);
	tracee_unlock();
	return n;
}

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
	return (x > y) - (x < y);
}

unsigned tracee_tgids(const struct jail *j, pid_t *out, unsigned max)
{
	unsigned n = 0;
	struct process *p, *tmp;
	tracee_rdlock();
	HASH_ITER(hh, processes, p, tmp)
		if (n < max && (!j || p->jail == j))
			out[n++] = p->tgid;
	tracee_unlock();
	qsort(out, n, sizeof(*out), cmp_pid);
	return n;
}

void tracee_set_root(pid_t tgid, struct fs_root *r)
{
	tracee_wrlock();
	struct process *p = process_find(tgid);
	struct tracee *t;
	if (p)
		DL_FOREACH2(p->threads, t, proc_next) {
			fs_root_unref(t->root);
			t->root = fs_root_ref(r);
		}
	tracee_unlock();
}

void tracee_inherit_fs(struct tracee *child, const struct tracee *parent)
{
	tracee_wrlock();
	if (child->root != parent->root) {
		fs_root_unref(child->root);
		child->root = fs_root_ref(parent->root);
	}
	if (parent->exe && !child->exe)
		child->exe = strdup(parent->exe);
	child->creds = parent->creds; /* a new task copies its parent's credentials */
	child->pcreds = parent->pcreds;
	child->pcreds_valid = parent->pcreds_valid;
	tracee_unlock();
}

void tracee_set_exe(struct tracee *t, char *exe)
{
	tracee_wrlock();
	free(t->exe);
	t->exe = exe;
	t->creds = CREDS_UNKNOWN; /* called at every exec: set-id programs */
	t->pcreds_valid = false;
	tracee_unlock();
}

bool tracee_exe_for_link(const struct tracee *asker, const char *host, char *out, size_t size)
{
	int pid = 0, tid = 0, n = 0;
	if (sscanf(host, "/proc/%d/exe%n", &pid, &n) == 1 && host[n] == '\0')
		tid = pid;
	else if (sscanf(host, "/proc/%d/task/%d/exe%n", &pid, &tid, &n) == 2 && host[n] == '\0')
		;
	else
		return false;
	(void)asker;
	tracee_rdlock();
	const struct tracee *t = tracee_find(tid);
	bool found = t && t->exe && strlen(t->exe) < size;
	if (found)
		strcpy(out, t->exe);
	tracee_unlock();
	return found;
}

/* Each thread keeps the pidfd of the last tracee it reached into: the
 * next call is most often the same caller's, and a pidfd_open and a close
 * cost as much as the pidfd_getfd. A pidfd names one task for good: when
 * that task is gone (and its tid maybe given to another), pidfd_getfd
 * answers ESRCH, and the pidfd is opened again. */
static __thread pid_t pidfd_tid;
static __thread int pidfd_kept = -1;

static int open_pidfd(const struct tracee *t)
{
	/* the thread's own descriptor table (a thread may not share its
	 * process's); kernels before PIDFD_THREAD: the process's */
	int pidfd = (int)syscall(SYS_pidfd_open, t->tid, PIDFD_THREAD);
	if (pidfd < 0 && errno == EINVAL)
		pidfd = (int)syscall(SYS_pidfd_open, t->tgid, 0);
	return pidfd < 0 ? -errno : pidfd;
}

void tracee_forget_pidfd(void)
{
	if (pidfd_kept >= 0)
		close(pidfd_kept);
	pidfd_kept = -1;
	pidfd_tid = 0;
}

static int dup_fd(const struct tracee *t, int fd)
{
	int err = ESRCH;
	for (int tries = 0; tries < 2 && err == ESRCH; tries++) {
		if (pidfd_kept < 0 || pidfd_tid != t->tid) {
			tracee_forget_pidfd();
			int pidfd = open_pidfd(t);
			if (pidfd < 0)
				return pidfd;
			pidfd_kept = pidfd;
			pidfd_tid = t->tid;
		}
		int local = (int)syscall(SYS_pidfd_getfd, pidfd_kept, fd, 0);
		if (local >= 0)
			return local;
		err = errno;
		if (err == ESRCH)
			tracee_forget_pidfd(); /* that task is gone: its tid may be another's now */
	}
	return -err;
}

/* Reaching into a tracee needs the supervisor's own rights, also from a
 * thread acting as the tracee (creds.h). Those take two credential
 * switches, so a thread acting as the tracee tries first as it is: the
 * kernel usually lets a caller's own ids reach the caller's descriptors
 * (pidfd_getfd checks the real ids and the permitted capabilities, which
 * acting keeps), and what is reached is the same object either way. Any
 * failure is tried again with the supervisor's rights. */
int tracee_dup_fd(const struct tracee *t, int fd)
{
	if (creds_acting()) {
		int local = dup_fd(t, fd);
		if (local >= 0)
			return local;
	}
	struct creds_saved saved;
	creds_suspend(&saved);
	int local = dup_fd(t, fd);
	int err = creds_resume(&saved);
	if (err && local >= 0) {
		close(local);
		local = err;
	}
	return local;
}

int tracee_proc_open(const char *link, int flags)
{
	if ((flags & O_PATH) && creds_acting()) {
		/* as above: an O_PATH descriptor carries no rights of its own */
		int fd = open(link, flags);
		if (fd >= 0)
			return fd;
	}
	struct creds_saved saved;
	creds_suspend(&saved);
	int fd = open(link, flags);
	int e = fd < 0 ? -errno : 0;
	int err = creds_resume(&saved);
	if (err && fd >= 0) {
		close(fd);
		return err;
	}
	return fd < 0 ? e : fd;
}

ssize_t tracee_proc_readlink(const char *link, char *buf, size_t size)
{
	struct creds_saved saved;
	creds_suspend(&saved);
	ssize_t n = readlink(link, buf, size);
	ssize_t e = n < 0 ? -errno : n;
	int err = creds_resume(&saved);
	return err ? err : e;
}
