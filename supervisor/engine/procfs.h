/* SPDX-License-Identifier: BSD-2-Clause */
/* Facts about a tracee read from /proc/<tid>. */
#ifndef JAIL_SUPERVISOR_PROCFS_H
#define JAIL_SUPERVISOR_PROCFS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The value of a numeric field of /proc/<tid>/status ("Tgid", "Uid" ...):
 * the index-th number on that line. -1 if unreadable. */
long proc_status_field(pid_t tid, const char *field, int index);
/* /proc/<pid>/stat's process group, session and controlling terminal
 * (tty_nr: 0 for none; proc_parse_stat_ids). 0 or -errno. */
int proc_stat_ids(pid_t pid, int *pgrp, int *sid, int *tty);
/* Does tid run under the jail's seccomp filter alone (Seccomp_filters 1)?
 * Then the answers of calls injected into it are the kernel's: a filter
 * the program stacked could answer one with 0 without running it
 * (docs/fail-closed.md). false if unreadable. */
bool proc_only_jail_filter(pid_t tid);
/* /proc/<tid>/personality, or -1. */
long proc_personality(pid_t tid);

/* Are the n bytes at s all decimal digits (n > 0): a /proc entry naming
 * a process? */
bool proc_all_digits(const char *s, size_t n);

#endif
