/* SPDX-License-Identifier: BSD-2-Clause */
/* AF_UNIX bind of a path name in a jail with its own root, on the object.
 *
 * A translated host path would be walked again by the kernel after the
 * check, and a directory swapped for a symlink in between puts the socket
 * file outside the root. Instead the supervisor binds the caller's own
 * socket (its duplicate, pidfd_getfd: the same socket) in a thread of its
 * own that acts as the caller (fsuid, fsgid, groups, capabilities and
 * umask: the file's owner and mode are the caller's): the name's directory
 * is resolved once beneath the root (path_object), becomes that thread's
 * cwd, and the socket file is made there under one checked final name.
 * The name the kernel records is "<linkdir>/b<n>/<last>", b<n> a link to
 * "/proc/thread-self/cwd" at the time of the bind; the name's reports
 * (getsockname, accept, recvfrom) give the name as the jail wrote it
 * (unix_link.h). docs/engine.md. */
#ifndef JAIL_SUPERVISOR_UNIX_BIND_H
#define JAIL_SUPERVISOR_UNIX_BIND_H

#include <stddef.h>

struct syscall_stop;

/* bind(sockfd, sa, len) of the caller at its seccomp stop, sa an AF_UNIX
 * path name guest (NUL-terminated copy). 0: done, its result in *ret (0
 * or -errno, as the kernel's bind gives it). 1: the name is not inside a
 * root of the caller's (the host's /proc or /dev): translate it. */
int unix_bind_object(struct syscall_stop *s, int sockfd, const void *sa, size_t len, const char *guest,
		     long *ret);

#endif
