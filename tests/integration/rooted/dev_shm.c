/* SPDX-License-Identifier: BSD-2-Clause */
/* The private /dev/shm of a jail whose root has no /dev (scripts/dev_view.sh).
 *
 *   dev_shm own NAME [wait]   POSIX shm and semaphores work: shm_open NAME,
 *                             write and mmap it, stat, list and unlink in
 *                             /dev/shm, sem_open; NAME is left there. With
 *                             wait: prints READY, then waits for /release.
 *   dev_shm absent NAME...    each NAME (another jail's, the host's) is
 *                             absent: shm_open, stat, the listing.
 *   dev_shm race NAME TRIES   a thread swaps /dev/shm/d with a symlink to
 *                             "../.." (on the host: the host's /dev/shm)
 *                             while the main thread unlinks, truncates,
 *                             chmods and renames d/NAME, a name that exists
 *                             only in the host's /dev/shm. Any success is an
 *                             escape.
 *   dev_shm mq-make NAME      makes POSIX message queue NAME, sends and
 *                             receives on it, leaves it (in a jail or not).
 *   dev_shm mq-absent NAME... each queue NAME is absent (mq_open ENOENT).
 *   dev_shm mq-exists NAME    queue NAME is there (mq_open O_RDONLY works).
 *   dev_shm mq-unlink NAME    removes queue NAME.
 *   dev_shm mq-denied NAME... in a jail with its own root: no queue at all,
 *                             the same answers for a name the host uses
 *                             and one nobody does; O_CREAT makes nothing,
 *                             mq_unlink removes nothing.
 *
 * Prints "PASS: ..." (exit 0) or "FAIL: ..." (exit 1). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../probes/probe.h"

static bool listed(const char *name)
{
	DIR *d = opendir("/dev/shm");
	if (!d)
		fail("opendir /dev/shm: %s", strerror(errno));
	bool found = false;
	for (struct dirent *e; (e = readdir(d));)
		found = found || strcmp(e->d_name, name) == 0;
	closedir(d);
	return found;
}

static void own(const char *name, bool wait)
{
	char shm[300], path[300], data[300];
	snprintf(shm, sizeof(shm), "/%s", name);
	snprintf(path, sizeof(path), "/dev/shm/%s", name);
	snprintf(data, sizeof(data), "jail:%s", name);
	int fd = shm_open(shm, O_CREAT | O_EXCL | O_RDWR, 0600);
	if (fd < 0)
		fail("shm_open %s: %s", shm, strerror(errno));
	if (ftruncate(fd, 4096) < 0)
		fail("ftruncate: %s", strerror(errno));
	char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED)
		fail("mmap: %s", strerror(errno));
	strcpy(m, data);
	munmap(m, 4096);
	close(fd);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		fail("open %s: %s", path, strerror(errno));
	char back[300] = "";
	if (read(fd, back, sizeof(back) - 1) < 0 || strcmp(back, data) != 0)
		fail("%s reads [%s], want [%s]", path, back, data);
	close(fd);
	struct stat st;
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size != 4096)
		fail("stat %s: %s", path, strerror(errno));
	if (!listed(name))
		fail("%s is not in the listing of /dev/shm", name);
	/* a file made by path, removed by path */
	fd = open("/dev/shm/scratch", O_CREAT | O_WRONLY | O_TRUNC, 0600);
	if (fd < 0)
		fail("create /dev/shm/scratch: %s", strerror(errno));
	close(fd);
	if (unlink("/dev/shm/scratch") < 0)
		fail("unlink /dev/shm/scratch: %s", strerror(errno));
	/* named semaphores: made beside and linked in (glibc) */
	char sem[300];
	snprintf(sem, sizeof(sem), "/%s.sem", name);
	sem_t *s = sem_open(sem, O_CREAT | O_EXCL, 0600, 1);
	if (s == SEM_FAILED)
		fail("sem_open %s: %s", sem, strerror(errno));
	if (sem_wait(s) < 0 || sem_post(s) < 0)
		fail("sem_wait/post: %s", strerror(errno));
	sem_close(s);
	if (sem_unlink(sem) < 0)
		fail("sem_unlink %s: %s", sem, strerror(errno));
	if (!wait)
		pass("shm_open, mmap, stat, listing, unlink and sem_open work in /dev/shm");
	printf("READY\n");
	fflush(stdout);
	for (int i = 0; i < 600 && access("/release", F_OK) != 0; i++)
		usleep(50000);
	pass("shm_open, mmap, stat, listing, unlink and sem_open work in /dev/shm");
}

static void absent(char **names)
{
	for (; *names; names++) {
		char shm[300], path[300];
		snprintf(shm, sizeof(shm), "/%s", *names);
		snprintf(path, sizeof(path), "/dev/shm/%s", *names);
		int fd = shm_open(shm, O_RDONLY, 0);
		if (fd >= 0)
			fail("shm_open %s opened another's file", shm);
		if (errno != ENOENT)
			fail("shm_open %s: %s, want ENOENT", shm, strerror(errno));
		struct stat st;
		if (stat(path, &st) == 0 || errno != ENOENT)
			fail("stat %s: %s, want ENOENT", path, strerror(errno));
		if (listed(*names))
			fail("%s is listed in /dev/shm", *names);
	}
	pass("another jail's and the host's /dev/shm files are absent");
}

static atomic_int stop;

static void *swapper(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop))
		syscall(SYS_renameat2, AT_FDCWD, "/dev/shm/d", AT_FDCWD, "/dev/shm/l", 2 /* RENAME_EXCHANGE */);
	return NULL;
}

static void race(const char *name, long tries)
{
	if (mkdir("/dev/shm/d", 0700) < 0 || symlink("../..", "/dev/shm/l") < 0)
		fail("making /dev/shm/d and l: %s", strerror(errno));
	char p[300], q[300];
	snprintf(p, sizeof(p), "/dev/shm/d/%s", name);
	snprintf(q, sizeof(q), "/dev/shm/d/%s.x", name);
	pthread_t th;
	if (pthread_create(&th, NULL, swapper, NULL))
		fail("pthread_create");
	long escapes = 0;
	for (long i = 0; i < tries; i++) {
		switch (i % 4) {
		case 0:
			escapes += unlink(p) == 0;
			break;
		case 1:
			escapes += truncate(p, 0) == 0;
			break;
		case 2:
			escapes += chmod(p, 0666) == 0;
			break;
		default:
			if (rename(p, q) == 0) {
				escapes++;
				rename(q, p); /* put it back */
			}
			break;
		}
	}
	atomic_store(&stop, 1);
	pthread_join(th, NULL);
	printf("race: %ld escapes in %ld tries\n", escapes, tries);
	if (escapes)
		fail("a call on /dev/shm/d/%s reached the host's /dev/shm", name);
	pass("no call through a swapped /dev/shm/d reached the host's /dev/shm");
}

static void mq_make(const char *name)
{
	char q[300], got[16] = "";
	snprintf(q, sizeof(q), "/%s", name);
	struct mq_attr a = {.mq_maxmsg = 1, .mq_msgsize = sizeof(got)};
	mqd_t m = mq_open(q, O_CREAT | O_EXCL | O_RDWR, 0600, &a);
	if (m == (mqd_t)-1)
		fail("mq_open %s: %s", q, strerror(errno));
	if (mq_send(m, "hello", 6, 0) < 0 || mq_receive(m, got, sizeof(got), NULL) != 6 || strcmp(got, "hello") != 0)
		fail("mq_send/mq_receive on %s: %s", q, strerror(errno));
	mq_close(m);
	pass("message queue %s made", q);
}

static void mq_absent(char **names)
{
	for (; *names; names++) {
		char q[300];
		snprintf(q, sizeof(q), "/%s", *names);
		mqd_t m = mq_open(q, O_RDONLY);
		if (m != (mqd_t)-1)
			fail("mq_open %s opened another's queue", q);
		if (errno != ENOENT)
			fail("mq_open %s: %s, want ENOENT", q, strerror(errno));
	}
	pass("another jail's and the host's message queues are absent");
}

static void mq_denied(char **names)
{
	for (; *names; names++) {
		char q[300];
		snprintf(q, sizeof(q), "/%s", *names);
		if (mq_open(q, O_RDONLY) != (mqd_t)-1 || errno != EACCES)
			fail("mq_open %s: %s, want EACCES", q, strerror(errno));
		struct mq_attr a = {.mq_maxmsg = 1, .mq_msgsize = 16};
		if (mq_open(q, O_CREAT | O_RDWR, 0600, &a) != (mqd_t)-1 || errno != EACCES)
			fail("mq_open %s O_CREAT: %s, want EACCES", q, strerror(errno));
		if (mq_unlink(q) == 0 || errno != ENOENT)
			fail("mq_unlink %s: %s, want ENOENT", q, strerror(errno));
	}
	pass("no message queue of the host's can be opened, made or removed; no name oracle");
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "mq-denied") == 0)
		mq_denied(argv + 2);
	if (argc == 3 && strcmp(argv[1], "mq-exists") == 0) {
		char q[300];
		snprintf(q, sizeof(q), "/%s", argv[2]);
		if (mq_open(q, O_RDONLY) == (mqd_t)-1)
			fail("mq_open %s: %s", q, strerror(errno));
		pass("%s is there", q);
	}
	if (argc == 3 && strcmp(argv[1], "mq-make") == 0)
		mq_make(argv[2]);
	if (argc >= 3 && strcmp(argv[1], "mq-absent") == 0)
		mq_absent(argv + 2);
	if (argc == 3 && strcmp(argv[1], "mq-unlink") == 0) {
		char q[300];
		snprintf(q, sizeof(q), "/%s", argv[2]);
		if (mq_unlink(q) < 0)
			fail("mq_unlink %s: %s", q, strerror(errno));
		pass("%s removed", q);
	}
	if (argc >= 3 && strcmp(argv[1], "own") == 0)
		own(argv[2], argc > 3 && strcmp(argv[3], "wait") == 0);
	if (argc >= 3 && strcmp(argv[1], "absent") == 0)
		absent(argv + 2);
	if (argc == 4 && strcmp(argv[1], "race") == 0)
		race(argv[2], atol(argv[3]));
	fail("usage: dev_shm own NAME [wait] | absent NAME... | race NAME TRIES");
}
