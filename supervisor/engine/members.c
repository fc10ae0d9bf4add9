/* SPDX-License-Identifier: BSD-2-Clause */
/* The members of a jail: queries of the process table (tracee.c). */
#include "members.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "procfs.h"
#include "tracee.h"

#define MAX_MEMBERS 4096

bool vis_pid(const struct tracee *caller, pid_t pid)
{
	if (pid <= 0)
		return false;
	tracee_rdlock();
	const struct tracee *t = tracee_find(pid);
	bool seen = t && t->jail == caller->jail;
	tracee_unlock();
	return seen;
}

unsigned vis_members(const struct tracee *caller, pid_t *out, unsigned max)
{
	return tracee_tgids(caller->jail, out, max);
}

int vis_proc_ids(pid_t pid, pid_t *pgrp, pid_t *sid)
{
	int pg, s, tty;
	int err = proc_stat_ids(pid, &pg, &s, &tty);
	if (err)
		return err;
	*pgrp = pg;
	*sid = s;
	return 0;
}

bool vis_pgrp(const struct tracee *caller, pid_t pgid)
{
	static pid_t m[MAX_MEMBERS];
	if (pgid <= 0)
		return false;
	unsigned n = vis_members(caller, m, MAX_MEMBERS);
	for (unsigned i = 0; i < n; i++) {
		pid_t pg, sid;
		if (vis_proc_ids(m[i], &pg, &sid) == 0 && pg == pgid)
			return true;
	}
	return false;
}
