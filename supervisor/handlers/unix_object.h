/* SPDX-License-Identifier: BSD-2-Clause */
/* AF_UNIX path names of connect and the send calls in a jail with its own
 * root, bound to the object the jail named.
 *
 * A translated host path would be walked again by the kernel after the
 * supervisor's check, and a rename inside the root in between (a directory
 * swapped for a symlink) leads the walk out to a host socket. Instead the
 * caller itself opens the name as an O_PATH descriptor beneath the root
 * (caller_open.h), and then issues its
 * call again with the name "/proc/thread-self/fd/N" (the calling thread's
 * table, which unshare(CLONE_FILES) may have made its own): a magic link to that very
 * object, whatever is renamed meanwhile. The descriptor is closed at the
 * call's exit stop. docs/engine.md. */
#ifndef JAIL_SUPERVISOR_UNIX_OBJECT_H
#define JAIL_SUPERVISOR_UNIX_OBJECT_H

#include <stdbool.h>
#include <stddef.h>

struct syscall_stop;

enum {
	UNIX_OBJECT_AGAIN = 1,     /* opened; the call comes again: return at once */
	UNIX_OBJECT_TRANSLATE = 2, /* not inside the root (the host's /proc): translate */
};

/* At the seccomp stop of connect, sendto, sendmsg or sendmmsg naming the
 * AF_UNIX path guest, in a jail with its own root (scratch offset `off`
 * of the thread's slot is free for the injected calls' arguments:
 * caller_open_in_root).
 * 0: name (size bytes) is "/proc/thread-self/fd/N", the object opened when the
 * call came first; the call runs with it and its exit stop must call
 * unix_object_done(). UNIX_OBJECT_AGAIN: the caller opened the object, its
 * registers are as they were and it issues the call again (the handler
 * changes nothing and returns ACT_CONTINUE). UNIX_OBJECT_TRANSLATE. Or
 * -errno: the call fails with it (the lookup's error, as the kernel's
 * connect gives it). */
int unix_object_name(struct syscall_stop *s, const char *guest, size_t off, char *name, size_t size);

/* Does the call at this stop run with such a name (its exit stop is
 * needed)? */
bool unix_object_placed(const struct syscall_stop *s);

/* At the exit stop of a call that ran with such a name: the caller closes
 * the descriptor. */
void unix_object_done(struct syscall_stop *s);

#endif
