/* SPDX-License-Identifier: BSD-2-Clause */
/* The arguments of a denied call, decoded for a violation report. */
#ifndef JAIL_SUPERVISOR_REPORT_ARGS_H
#define JAIL_SUPERVISOR_REPORT_ARGS_H

#include <stddef.h>

#include "../../arch/syscalls.h"

struct syscall_stop;

/* One letter per argument (see report_args.c), or NULL if id has no
 * description (its six raw arguments are printed). */
const char *report_arg_kinds(enum sc_id id);

/* "CLONE_NEWUSER", "\"/dev/sda\", S_IFBLK|0600, makedev(8, 0)" ...: the
 * call's arguments, reading strings from the stopped tracee. */
void report_format_args(const struct syscall_stop *s, char *out, size_t size);

#endif
