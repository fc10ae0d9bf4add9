/* SPDX-License-Identifier: BSD-2-Clause */
#include "static_deny.h"

#include <errno.h>
#include <linux/sched.h>
#include <linux/seccomp.h>

#ifndef SECCOMP_FILTER_FLAG_NEW_LISTENER
#define SECCOMP_FILTER_FLAG_NEW_LISTENER (1UL << 3)
#endif

/* The supervisor's own integrity: calls that would take a process, or its
 * syscalls, out of the supervisor's sight. */
const struct static_deny static_denies[] = {
	/* The supervisor must see every process: a child it does not trace would
	 * keep the filter but escape the handlers. */
	DENY_IF(clone, DC_BITS(0, CLONE_UNTRACED), EPERM, NO_ALLOW,
		"untraced children would escape the supervisor"),
	DENY_IF(unshare, DC_BITS(0, CLONE_UNTRACED), EPERM, NO_ALLOW,
		"untraced children would escape the supervisor"),
	/* clone3 keeps its flags in memory, out of the filter's reach: glibc
	 * falls back to clone on ENOSYS. */
	DENY(clone3, ENOSYS, NO_ALLOW, "flags in memory cannot be checked race-free"),
	/* A listener filter's USER_NOTIF outranks the supervisor's TRACE. */
	DENY_IF(seccomp, DC_BITS(1, SECCOMP_FILTER_FLAG_NEW_LISTENER), EPERM, NO_ALLOW,
		"a user-notification filter would hide syscalls from the supervisor"),
	/* io_uring runs file and socket operations without syscalls. */
	DENY(io_uring_setup, EPERM, NO_ALLOW, "io_uring operations bypass syscall interposition"),
	DENY(io_uring_enter, EPERM, NO_ALLOW, "io_uring operations bypass syscall interposition"),
	DENY(io_uring_register, EPERM, NO_ALLOW, "io_uring operations bypass syscall interposition"),
	/* ptrace is emulated by the supervisor (handlers/handle_ptrace.c,
	 * docs/ptrace-emulation.md): a jailed tracer reaches only its jail. */
	/* userfaultfd lets a process stall the kernel inside copy_from_user
	 * at will: the classic tool to win a race against the supervisor. */
	DENY(userfaultfd, EPERM, NO_ALLOW, "page-fault handling in user space widens check/use races at will"),
};

const unsigned static_deny_count = sizeof(static_denies) / sizeof(static_denies[0]);

const struct static_deny *static_deny_next(const struct static_deny *prev)
{
	if (!prev)
		return static_deny_count ? &static_denies[0] : priv_deny_count ? &priv_denies[0] : NULL;
	if (prev >= static_denies && prev < static_denies + static_deny_count) {
		if (prev + 1 < static_denies + static_deny_count)
			return prev + 1;
		return priv_deny_count ? &priv_denies[0] : NULL;
	}
	return prev + 1 < priv_denies + priv_deny_count ? prev + 1 : NULL;
}

const struct static_deny *static_deny_at(unsigned i)
{
	if (i < static_deny_count)
		return &static_denies[i];
	i -= static_deny_count;
	return i < priv_deny_count ? &priv_denies[i] : NULL;
}

unsigned static_deny_index(const struct static_deny *d)
{
	if (d >= static_denies && d < static_denies + static_deny_count)
		return (unsigned)(d - static_denies);
	return static_deny_count + (unsigned)(d - priv_denies);
}

/* The SysV rows (allow.sysvipc) follow sysvmsg, sysvsem and sysvshm, one
 * family each; i386's ipc(2) multiplexer only when all three are disabled
 * (otherwise its handler refuses the disabled families' calls:
 * supervisor/handlers/handle_sysv.c). */
static bool sysv_denied(const struct static_deny *d, const struct jail *j)
{
	bool msg = jail_sysv(j, j->sysvmsg) == JAIL_SYS_DISABLE, sem = jail_sysv(j, j->sysvsem) == JAIL_SYS_DISABLE,
	     shm = jail_sysv(j, j->sysvshm) == JAIL_SYS_DISABLE;
	int id = (int)d->id;
	if (id == SC_msgget || id == SC_msgsnd || id == SC_msgrcv || id == SC_msgctl)
		return msg;
	if (id == SC_semget || id == SC_semop || id == SC_semtimedop || id == SC_semtimedop_time64 || id == SC_semctl)
		return sem;
	if (id == SC_shmget || id == SC_shmat || id == SC_shmdt || id == SC_shmctl)
		return shm;
	return msg && sem && shm;
}

bool static_deny_applies(const struct static_deny *d, const struct jail *j)
{
	if (d->allow == JAIL_ALLOW_sysvipc)
		return sysv_denied(d, j);
	return d->allow == NO_ALLOW || !jail_allowed(j, (enum jail_allow)d->allow);
}

bool static_deny_always(const struct static_deny *d)
{
	return d->cond[0].cmp == DENY_CMP_NONE;
}

bool static_deny_on_abi(const struct static_deny *d, enum sc_table t)
{
	return d->only_abis == 0 || (d->only_abis & (1u << t));
}

bool static_deny_matches(const struct static_deny *d, const uint64_t args[6], unsigned word_size)
{
	for (int i = 0; i < DENY_MAX_CONDS; i++) {
		const struct deny_cond *c = &d->cond[i];
		uint64_t a = args[c->arg];
		if (word_size == 4) /* a 32-bit ABI's filter sees 32-bit registers */
			a &= 0xffffffffu;
		if (c->cmp == DENY_CMP_MASKED_EQ && (a & c->mask) != c->value)
			return false;
		if (c->cmp == DENY_CMP_NE && a == c->value)
			return false;
	}
	return true;
}

const struct static_deny *static_deny_find(const struct jail *j, enum sc_table t, enum sc_id id,
					   const uint64_t args[6], unsigned word_size)
{
	for (const struct static_deny *d = NULL; (d = static_deny_next(d));)
		if (d->id == id && static_deny_applies(d, j) && static_deny_on_abi(d, t) &&
		    static_deny_matches(d, args, word_size))
			return d;
	return NULL;
}
