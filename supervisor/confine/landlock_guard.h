/* SPDX-License-Identifier: BSD-2-Clause */
/* A Landlock ruleset every jailed process runs under: no file beneath the
 * host's /proc or /sys may be opened for writing. It keeps jailed threads
 * from writing their own read-only scratch area through /proc/self/mem (and
 * every other /proc/.../mem path: pid, task/tid, thread-self, a /proc dirfd),
 * with no ptrace stop at all. Writes elsewhere are unaffected. */
#ifndef JAIL_SUPERVISOR_LANDLOCK_GUARD_H
#define JAIL_SUPERVISOR_LANDLOCK_GUARD_H

/* Restricts the calling thread (before exec). 0, or -errno: -EOPNOTSUPP
 * when the kernel has no Landlock. */
int landlock_guard_proc_writes(void);

#endif
