/* SPDX-License-Identifier: BSD-2-Clause */
/* Jailed processes may not create or join namespaces: unshare and clone
 * with any CLONE_NEW* flag, and setns, give EPERM. Harmless without the
 * jail: each unshare also asks for CLONE_PARENT, which unshare rejects
 * (EINVAL) before doing anything; each clone asks for CLONE_THREAD without
 * CLONE_SIGHAND, which clone rejects before creating a child; setns gets
 * an invalid descriptor. */
#include <sched.h>
#include <sys/syscall.h>

#include "probe.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x80
#endif

static long bad_clone(unsigned long flags)
{
	long rc = syscall(SYS_clone, flags | CLONE_THREAD, NULL, NULL, NULL, NULL);
	if (rc == 0) /* cannot happen: the flags are invalid; never run on */
		_exit(0);
	return rc;
}

int main(void)
{
	static const struct {
		const char *name;
		unsigned long flag;
	} ns[] = {
		{"CLONE_NEWNS", CLONE_NEWNS},     {"CLONE_NEWCGROUP", CLONE_NEWCGROUP}, {"CLONE_NEWUTS", CLONE_NEWUTS},
		{"CLONE_NEWIPC", CLONE_NEWIPC},   {"CLONE_NEWUSER", CLONE_NEWUSER},     {"CLONE_NEWPID", CLONE_NEWPID},
		{"CLONE_NEWNET", CLONE_NEWNET},   {"CLONE_NEWTIME", CLONE_NEWTIME},
	};
	char what[96];
	for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
		errno = 0;
		long rc = syscall(SYS_unshare, ns[i].flag | CLONE_PARENT);
		snprintf(what, sizeof(what), "unshare(%s)", ns[i].name);
		check_result(what, rc, errno, EPERM);
		if (ns[i].flag == CLONE_NEWTIME) /* clone's 0x80 is part of the exit signal */
			continue;
		errno = 0;
		rc = bad_clone(ns[i].flag);
		snprintf(what, sizeof(what), "clone(%s)", ns[i].name);
		check_result(what, rc, errno, EPERM);
	}
	CHECK_DENIED(syscall(SYS_setns, -1, 0), EPERM);
	CHECK_ALLOWED(syscall(SYS_unshare, CLONE_FILES), 0);
	checks_done("unshare/clone with CLONE_NEW* and setns give EPERM");
}
