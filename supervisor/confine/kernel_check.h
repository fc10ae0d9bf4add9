/* SPDX-License-Identifier: BSD-2-Clause */
/* The kernel features jail relies on, checked once before a jail starts
 * (jail) or is entered (jexec): a one-line error naming what to change when
 * a required one is missing, a one-line warning naming what is weaker when
 * an optional one is. The README's "Kernel features" table is the list. */
#ifndef JAIL_SUPERVISOR_KERNEL_CHECK_H
#define JAIL_SUPERVISOR_KERNEL_CHECK_H

#include <stdbool.h>

/* Landlock's ABI version, 0 without Landlock (not built or not enabled). */
int kernel_landlock_abi(void);

/* Required: seccomp user notification, a ptrace_scope that lets this
 * caller trace, and (own_root) Landlock. Prints "PROG: ..." and returns -1
 * when one is missing; 0 otherwise. */
int kernel_check_required(const char *prog, bool own_root);

/* Prints "PROG: warning: ..." (one line) when the jail is weaker on this
 * kernel than on a current one: no Landlock, or a Landlock ABI without the
 * abstract-socket scope (and, own_root, without truncate and device-ioctl
 * rights). Prints nothing on a kernel with everything. */
void kernel_warn_weaker(const char *prog, bool own_root);

#endif
