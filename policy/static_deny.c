#include "static_deny.h"

#include <errno.h>
#include <linux/sched.h>
#include <linux/seccomp.h>

#ifndef SECCOMP_FILTER_FLAG_NEW_LISTENER
#define SECCOMP_FILTER_FLAG_NEW_LISTENER (1UL << 3)
#endif

const struct static_deny static_denies[] = {
	/* The supervisor must see every process: a child it does not trace would
	 * keep the filter but escape the handlers. */
	{SC_clone, 0, CLONE_UNTRACED, CLONE_UNTRACED, EPERM, NO_ALLOW,
	 "untraced children would escape the supervisor"},
	{SC_unshare, 0, CLONE_UNTRACED, CLONE_UNTRACED, EPERM, NO_ALLOW,
	 "untraced children would escape the supervisor"},
	/* clone3 keeps its flags in memory, out of the filter's reach: glibc
	 * falls back to clone on ENOSYS. */
	{SC_clone3, DENY_ALWAYS, 0, 0, ENOSYS, NO_ALLOW,
	 "flags in memory cannot be checked race-free"},
	/* A listener filter's USER_NOTIF outranks the supervisor's TRACE. */
	{SC_seccomp, 1, SECCOMP_FILTER_FLAG_NEW_LISTENER, SECCOMP_FILTER_FLAG_NEW_LISTENER, EPERM, NO_ALLOW,
	 "a user-notification filter would hide syscalls from the supervisor"},
	/* io_uring runs file and socket operations without syscalls. */
	{SC_io_uring_setup, DENY_ALWAYS, 0, 0, EPERM, NO_ALLOW,
	 "io_uring operations bypass syscall interposition"},
	{SC_io_uring_enter, DENY_ALWAYS, 0, 0, EPERM, NO_ALLOW,
	 "io_uring operations bypass syscall interposition"},
	{SC_io_uring_register, DENY_ALWAYS, 0, 0, EPERM, NO_ALLOW,
	 "io_uring operations bypass syscall interposition"},
	/* Every jailed process is already traced by the supervisor; tracing
	 * anything else (the supervisor, host processes) is outside the jail. */
	{SC_ptrace, DENY_ALWAYS, 0, 0, EPERM, NO_ALLOW,
	 "debugging another process could reach outside the jail"},
};

const unsigned static_deny_count = sizeof(static_denies) / sizeof(static_denies[0]);

bool static_deny_applies(const struct static_deny *d, const struct jail *j)
{
	return d->allow == NO_ALLOW || !j->allow[d->allow];
}
