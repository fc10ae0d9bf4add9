/* SPDX-License-Identifier: BSD-2-Clause */
/* openat2(2) as the supervisor calls it for a jailed process: a walk with
 * RESOLVE_IN_ROOT or RESOLVE_BENEATH fails with EAGAIN when any rename or
 * mount happens anywhere on the machine during a ".." step (the kernel
 * cannot prove the walk stayed inside). That is the supervisor's problem,
 * not the jailed program's: the call is retried, a bounded number of
 * times, before EAGAIN is given up (fail closed). */
#ifndef JAIL_SUPERVISOR_OPENAT2_RETRY_H
#define JAIL_SUPERVISOR_OPENAT2_RETRY_H

#include <linux/openat2.h>

#define OPENAT2_TRIES 64

/* A new descriptor, or -1 with errno set (as openat2). */
int openat2_retry(int dirfd, const char *path, const struct open_how *how);

#endif
