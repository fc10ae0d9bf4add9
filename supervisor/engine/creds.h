/* SPDX-License-Identifier: BSD-2-Clause */
/* A tracee's file-system credentials, and a supervisor thread acting with
 * them: the calls the supervisor runs on a tracee's behalf (opens, stat,
 * chmod, mkdir ...) are checked by the kernel against the tracee's fsuid,
 * fsgid, groups, capabilities and umask, not the supervisor's. Every
 * switch is per thread (raw syscalls; umask after unshare(CLONE_FS)). */
#ifndef JAIL_SUPERVISOR_CREDS_H
#define JAIL_SUPERVISOR_CREDS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#define CREDS_MAX_GROUPS 64

struct proc_creds {
	uid_t fsuid;
	gid_t fsgid;
	int ngroups; /* -1: more than CREDS_MAX_GROUPS (refused) */
	gid_t groups[CREDS_MAX_GROUPS];
	uint64_t caps; /* effective */
};

/* Reads the credentials of thread tid from /proc/<tid>/status (the
 * umask too when umask is not NULL). 0 or -errno. */
int creds_read(pid_t tid, struct proc_creds *c, mode_t *umask);

/* Reads the supervisor's own credentials; call it from a thread that is
 * not acting as a tracee, before starting threads that will. */
void creds_global_init(void);
/* Called once by each thread that will act as tracees (after it
 * unshared CLONE_FS): it starts with the supervisor's credentials. */
void creds_thread_init(void);

/* The calling thread takes credentials c (and umask, if not -1) until
 * creds_leave(). Without privilege the supervisor can only act as itself:
 * other credentials give -EPERM (the call then fails: fail closed). */
int creds_enter(const struct proc_creds *c, mode_t umask);
/* Back to the supervisor's own credentials (full rights to read tracee
 * memory and /proc). Aborts if that fails: a thread that cannot get its
 * rights back must not go on. */
void creds_leave(void);

/* A served call is done with the caller's credentials. A notification
 * thread (creds_thread_may_keep) keeps a caller's capabilities when its
 * ids are the supervisor's (jailed root for a root supervisor): each
 * capset costs a prepare_creds/commit_creds, and the next call is most
 * often the same caller's. What then needs the supervisor's own rights
 * takes them with creds_suspend (which gives them back for good) or
 * creds_leave. Other threads: creds_leave. */
void creds_release(void);
void creds_thread_may_keep(void);

/* The calling thread's current credentials, put aside while it uses the
 * supervisor's own rights (pidfd_getfd, /proc/<pid>/{cwd,root,fd}: a
 * tracee that changed its ids is not dumpable, and only the supervisor's
 * rights reach it), then taken again. */
struct creds_saved {
	bool acting;
	struct proc_creds c;
	mode_t umask;
};
void creds_suspend(struct creds_saved *s);
/* The calling thread has credentials other than the supervisor's. */
bool creds_acting(void);
/* 0 or -errno (the caller's call then fails). */
int creds_resume(const struct creds_saved *s);

#endif
