/* SPDX-License-Identifier: BSD-2-Clause */
#include "dev_view.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "../../policy/path.h"
#include "../engine/creds.h"
#include "../engine/procfs.h"
#include "../engine/tracee.h"

#define MAX_TERMINALS 3
#define MAX_MEMBERS 4096

static dev_t terminals[MAX_TERMINALS];
static int nterminals;

static bool is_pty(dev_t d)
{
	return major(d) >= 136 && major(d) <= 143; /* Unix98 pty slaves */
}

void dev_view_init(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		struct stat st;
		if (fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) && is_pty(st.st_rdev) && nterminals < MAX_TERMINALS)
			terminals[nterminals++] = st.st_rdev;
	}
}

/* The pty index of the master a process holds at /proc/pid/fd/<name>, or -1. */
static long master_index(pid_t pid, const char *name)
{
	char path[320], link[64];
	snprintf(path, sizeof(path), "/proc/%d/fd/%s", (int)pid, name);
	ssize_t n = readlink(path, link, sizeof(link) - 1);
	if (n <= 0)
		return -1;
	link[n] = '\0';
	if (strcmp(link, "/dev/ptmx") != 0 && strcmp(link, "/dev/pts/ptmx") != 0)
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%s", (int)pid, name);
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	char line[128];
	long idx = -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "tty-index: %ld", &idx) == 1)
			break;
	fclose(f);
	return idx;
}

/* Calls found(index, arg) for the pty of every master a process of t's
 * jail holds, until it returns true: true then. The descriptors are read
 * with the supervisor's own rights: a thread acting as a tracee has that
 * tracee's capabilities, and a process that changed its ids (apt, which
 * opens its pty after seteuid and back) is not dumpable, so its
 * /proc/<pid>/fd is closed to anyone without CAP_SYS_PTRACE. */
static bool each_master(const struct tracee *t, bool (*found)(long, void *), void *arg)
{
	/* may run in a notification thread: tracee_tgids takes the table's
	 * read lock and copies the jail's processes out */
	pid_t *all = malloc(MAX_MEMBERS * sizeof(*all));
	if (!all)
		return false; /* cannot tell: absent */
	struct creds_saved saved;
	creds_suspend(&saved);
	unsigned k = tracee_tgids(t->jail, all, MAX_MEMBERS);
	bool done = false;
	for (unsigned i = 0; i < k && !done; i++) {
		char dir[64];
		snprintf(dir, sizeof(dir), "/proc/%d/fd", (int)all[i]);
		DIR *d = opendir(dir);
		if (!d)
			continue;
		for (struct dirent *e; !done && (e = readdir(d));) {
			long idx = e->d_name[0] != '.' ? master_index(all[i], e->d_name) : -1;
			done = idx >= 0 && found(idx, arg);
		}
		closedir(d);
	}
	free(all);
	if (creds_resume(&saved))
		return false; /* cannot act as the tracee again: absent */
	return done;
}

static bool is_index(long idx, void *arg)
{
	return idx == *(long *)arg;
}

/* Does a process of t's jail hold the master of pty index? */
static bool master_in_jail(const struct tracee *t, long index)
{
	return each_master(t, is_index, &index);
}

struct pty_set {
	long *idx;
	int n, max;
};

static bool add_index(long idx, void *arg)
{
	struct pty_set *set = arg;
	if (set->n < set->max)
		set->idx[set->n++] = idx;
	return false; /* all of them */
}

int dev_view_ctty(pid_t tid, dev_t *rdev)
{
	int pgrp, sid, tty = 0;
	if (proc_stat_ids(tid, &pgrp, &sid, &tty) || tty == 0)
		return -ENXIO;
	unsigned maj = ((unsigned)tty >> 8) & 0xfff, min = ((unsigned)tty & 0xff) | (((unsigned)tty >> 12) & 0xfff00);
	*rdev = makedev(maj, min);
	return 0;
}

int dev_view_own_ptys(const struct tracee *t, long *idx, int max)
{
	struct pty_set set = {.idx = idx, .max = max};
	for (int i = 0; i < nterminals && set.n < max; i++)
		set.idx[set.n++] = (long)(major(terminals[i]) - 136) * 256 + (long)minor(terminals[i]);
	dev_t ctty;
	if (set.n < max && dev_view_ctty(t->tid, &ctty) == 0 && is_pty(ctty))
		set.idx[set.n++] = (long)(major(ctty) - 136) * 256 + (long)minor(ctty);
	each_master(t, add_index, &set);
	return set.n;
}

int dev_view_check(const struct tracee *t, const char *host)
{
	if (!path_within("/dev/pts", host))
		return 0;
	const char *name = host + strlen("/dev/pts");
	name += strspn(name, "/");
	size_t n = strcspn(name, "/");
	if (n == 0 || !proc_all_digits(name, n) || n > 9)
		return 0; /* the directory, ptmx, or a name the kernel refuses */
	char node[32];
	snprintf(node, sizeof(node), "/dev/pts/%.*s", (int)n, name);
	struct stat st;
	if (stat(node, &st) != 0)
		return 0; /* no such pty: the kernel says so */
	for (int i = 0; i < nterminals; i++)
		if (terminals[i] == st.st_rdev)
			return 0;
	dev_t ctty;
	if (dev_view_ctty(t->tid, &ctty) == 0 && ctty == st.st_rdev)
		return 0; /* its own controlling terminal (jexec's) */
	return master_in_jail(t, atol(name)) ? 0 : -ENOENT;
}
