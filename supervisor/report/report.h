/* SPDX-License-Identifier: BSD-2-Clause */
/* Violation reports (jail -v): a jailed program whose call is refused by a
 * static denial is reported once per process and syscall on stderr: jail,
 * pid, program, the call with its arguments, the errno and the row's
 * reason, and the program's backtrace (libunwind-ptrace). */
#ifndef JAIL_SUPERVISOR_REPORT_H
#define JAIL_SUPERVISOR_REPORT_H

#include <stdio.h>

struct syscall_stop;
struct static_deny;

/* At the seccomp stop of a denied call (tracee stopped). */
void report_denial(const struct syscall_stop *s, const struct static_deny *d);

/* Reports go to f (jail -L logfile) instead of stderr. */
void report_set_output(FILE *f);

#endif
