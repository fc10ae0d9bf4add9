/* SPDX-License-Identifier: BSD-2-Clause */
/* The object a path names for a jailed caller, as a supervisor O_PATH
 * descriptor resolved once by the kernel: inside the caller's root
 * (RESOLVE_IN_ROOT), through the host's /proc or /dev the jail shares, or
 * at the host's / as the /proc guard judges it. */
#ifndef JAIL_SUPERVISOR_PATH_OBJECT_H
#define JAIL_SUPERVISOR_PATH_OBJECT_H

#include <stdbool.h>

struct tracee;

/* path of t, relative to dirfd when not absolute; an empty path with
 * AT_EMPTY_PATH in at_flags is dirfd itself (the cwd for AT_FDCWD).
 * follow: a symlink in the last component is followed. change: the call
 * changes the object (judged as a write would be: nothing on /proc or
 * /sys, nothing outside the root). The descriptor, or -errno. */
int path_object(struct tracee *t, int dirfd, const char *path, int at_flags, bool follow, bool change);

#endif
