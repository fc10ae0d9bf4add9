/* SPDX-License-Identifier: BSD-2-Clause */
#include "unix_bind.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "../engine/creds.h"
#include "../engine/stop.h"
#include "../engine/tracee.h"
#include "../fs/fs_root.h"
#include "act_as.h"
#include "path_object.h"
#include "unix_link.h"

struct job {
	struct tracee *t;
	int sock;          /* the supervisor's duplicate of the caller's socket */
	const char *guest; /* the whole name */
	char dir[PATH_MAX]; /* its directory ("." for a bare name) */
	const char *last;  /* its final component: no '/', not "." or ".." */
	bool special;      /* "/", trailing '/', "." or "..": no file is made */
	long ret;
	bool finished;
};

/* The kernel's answers where bind makes no file: the name is there
 * (EADDRINUSE, as for "." or a directory) or its lookup fails (ENOENT for
 * "x/" when x is not there). The name resolved as a whole, not followed. */
static long special(struct job *j)
{
	int fd = path_object(j->t, AT_FDCWD, j->guest, 0, false, false);
	if (fd < 0)
		return fd;
	close(fd);
	return -EADDRINUSE;
}

static long bind_in(struct job *j)
{
	int dfd = path_object(j->t, AT_FDCWD, j->dir, 0, true, true);
	if (dfd < 0)
		return dfd;
	long ret;
	if (fchdir(dfd) < 0) {
		ret = -errno;
		close(dfd);
		return ret;
	}
	/* the name the kernel records (and reports): through a link to this
	 * thread's cwd, so that it says which name the jail bound; one that
	 * cannot fit that way is recorded as the final name alone */
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	unsigned long key = 0;
	struct creds_saved saved;
	creds_suspend(&saved); /* the link directory is the supervisor's */
	int err = unix_link_bind_name(j->last, j->guest, a.sun_path, sizeof(a.sun_path), &key);
	if (err == -ENAMETOOLONG) {
		snprintf(a.sun_path, sizeof(a.sun_path), "%s", j->last);
		err = unix_link_bind_short(j->last, j->guest);
	}
	if (!err)
		err = creds_resume(&saved);
	if (err) {
		close(dfd);
		return err;
	}
	ret = bind(j->sock, (struct sockaddr *)&a, (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
								 strlen(a.sun_path) + 1));
	ret = ret < 0 ? -errno : 0;
	if (key) {
		/* the link leads on to the directory itself, for whoever reads
		 * the name on the host */
		char host[PATH_MAX], self[64];
		snprintf(self, sizeof(self), "/proc/self/fd/%d", dfd);
		ssize_t n = readlink(self, host, sizeof(host) - 1);
		if (n > 0)
			host[n] = '\0';
		creds_suspend(&saved); /* the thread ends after this */
		unix_link_bind_done(key, ret == 0, n > 0 ? host : NULL);
	}
	close(dfd);
	return ret;
}

/* One thread of the supervisor's binds for every caller, in turn (the
 * ptrace thread waits for each): the cwd and umask are its own after
 * unshare(CLONE_FS), and the supervisor's other threads keep theirs. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t job_ready = PTHREAD_COND_INITIALIZER, job_done = PTHREAD_COND_INITIALIZER;
static struct job *pending;
static bool started;
static int thread_err; /* the thread could not set itself up: every bind fails */

static void serve(struct job *j)
{
	int err = act_as_tracee(j->t, true);
	if (err) {
		j->ret = err;
		return;
	}
	j->ret = j->special ? special(j) : bind_in(j);
	act_as_done();
	if (chdir("/") < 0) /* holds no directory of a jail's */
		thread_err = -errno;
}

static void *binder(void *arg)
{
	(void)arg;
	sigset_t all;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	int err = unshare(CLONE_FS) < 0 ? -errno : 0;
	if (!err)
		creds_thread_init();
	pthread_mutex_lock(&lock);
	thread_err = err;
	for (;;) {
		while (!pending)
			pthread_cond_wait(&job_ready, &lock);
		struct job *j = pending;
		pending = NULL;
		pthread_mutex_unlock(&lock);
		if (thread_err)
			j->ret = thread_err;
		else
			serve(j);
		pthread_mutex_lock(&lock);
		j->finished = true;
		pthread_cond_broadcast(&job_done);
	}
	return NULL;
}

static long run(struct job *j)
{
	pthread_mutex_lock(&lock);
	if (!started) {
		pthread_t th;
		int err = pthread_create(&th, NULL, binder, NULL);
		if (err) {
			pthread_mutex_unlock(&lock);
			return -err;
		}
		pthread_detach(th);
		started = true;
	}
	pending = j;
	pthread_cond_signal(&job_ready);
	while (!j->finished)
		pthread_cond_wait(&job_done, &lock);
	pthread_mutex_unlock(&lock);
	return j->ret;
}

static int split(struct job *j, const char *guest)
{
	size_t end = strlen(guest);
	while (end > 0 && guest[end - 1] == '/')
		end--;
	j->special = end == 0 || guest[end] == '/';
	size_t start = end;
	while (start > 0 && guest[start - 1] != '/')
		start--;
	j->last = guest + start;
	if (!j->special && (strcmp(j->last, ".") == 0 || strcmp(j->last, "..") == 0))
		j->special = true;
	if (start == 0)
		snprintf(j->dir, sizeof(j->dir), ".");
	else if ((size_t)snprintf(j->dir, sizeof(j->dir), "%.*s", (int)start, guest) >= sizeof(j->dir))
		return -ENAMETOOLONG;
	return 0;
}

int unix_bind_object(struct syscall_stop *s, int sockfd, const void *sa, size_t len, const char *guest,
		     long *ret)
{
	struct tracee *t = s->t;
	char abs[PATH_MAX];
	const struct fs_root *in;
	int err = fs_guest_in_root(t, AT_FDCWD, guest, abs, sizeof(abs), &in);
	if (err == 1)
		return 1;
	if (err) {
		*ret = err;
		return 0;
	}
	int sock = tracee_dup_fd(t, sockfd);
	if (sock < 0) {
		*ret = sock;
		return 0;
	}
	int domain = -1;
	socklen_t dl = sizeof(domain);
	if (getsockopt(sock, SOL_SOCKET, SO_DOMAIN, &domain, &dl) < 0) {
		*ret = -errno;
		close(sock);
		return 0;
	}
	if (domain != AF_UNIX) {
		/* another family's bind walks no path: its own answer */
		*ret = bind(sock, sa, (socklen_t)len) < 0 ? -errno : 0;
		close(sock);
		return 0;
	}
	struct job j = {.t = t, .sock = sock, .guest = guest};
	if ((err = split(&j, guest))) {
		*ret = err;
		close(sock);
		return 0;
	}
	*ret = run(&j);
	close(sock);
	return 0;
}
