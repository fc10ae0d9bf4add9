/* SPDX-License-Identifier: BSD-2-Clause */
/* For the probes of debugging inside the jail: a child that asks to be
 * traced and stops itself. */
#ifndef JAIL_PROBE_TRACED_CHILD_H
#define JAIL_PROBE_TRACED_CHILD_H

#include <signal.h>
#include <sys/ptrace.h>
#include <unistd.h>

#include "probe.h"

/* fork()s; the child asks to be traced (PTRACE_TRACEME; if refused it
 * exits with 100 + errno) and stops itself with SIGSTOP, then returns 0
 * when its tracer resumes it. The parent gets the child's pid. */
static inline pid_t fork_traced_child(void)
{
	pid_t child = fork();
	if (child < 0)
		fail("fork: %s", strerror(errno));
	if (child == 0) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0) != 0)
			_exit(100 + errno);
		raise(SIGSTOP);
	}
	return child;
}

#endif
