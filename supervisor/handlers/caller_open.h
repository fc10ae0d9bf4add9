/* SPDX-License-Identifier: BSD-2-Clause */
/* The caller itself opens a name beneath its root, by calls injected at
 * its seccomp stop: openat(root), openat2(RESOLVE_IN_ROOT |
 * RESOLVE_NO_MAGICLINKS), close(root). The kernel's walk is the only one
 * and stays inside the root whatever is renamed meanwhile, and the
 * caller's credentials decide, as natively. Used where the result cannot
 * be handed over by ADDFD: O_PATH opens, chdir, and AF_UNIX names
 * (unix_object.h). docs/engine.md. */
#ifndef JAIL_SUPERVISOR_CALLER_OPEN_H
#define JAIL_SUPERVISOR_CALLER_OPEN_H

#include <stddef.h>
#include <stdint.h>

struct injection;

/* The size the injected openat2 passes for its struct open_how: one bit
 * (64) the filter routes to ptrace (handler_table.c), where the
 * supervisor's own injections run; a jailed program's openat2 with that
 * bit set gets ENOSYS. The kernel accepts the zeroed tail. */
#define CALLER_OPEN_HOW_SIZE 88
#define CALLER_OPEN_HOW_BIT 64

/* In an injection begun at the caller's seccomp stop: it opens abs (an
 * absolute path beneath root: fs_guest_in_root's answer) with open flags `flags` (O_PATH
 * and the flags O_PATH allows: O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC), its arguments put at offset `off` of its
 * scratch slot (PATH_MAX * 2 + 128 bytes). Then the supervisor judges the
 * object (inside the root, not another process's /proc entry); if it may
 * not be reached the caller closes it again. The caller's descriptor, or
 * -errno (-ESRCH: the caller died). */
struct fs_root;
long caller_open_in_root(struct injection *inj, const struct fs_root *root, const char *abs, uint64_t flags,
			 size_t off);

/* May the caller reach what its /proc/<tid>/<what> ("cwd", "fd/N") is?
 * Inside its roots, not another process's /proc entry: 0, or -EACCES /
 * -ENOENT (also when the supervisor cannot tell: out of descriptors). */
struct tracee;
int caller_judge(const struct tracee *t, const char *what);

/* In an injection with the scratch area mapped (the loader's exec stop,
 * exec_image.c): the caller opens the program at guest path `guest`
 * beneath its root, O_PATH (caller_open_in_root, judged), and, if it is a
 * regular file, reopens that inode for reading through its own
 * /proc/thread-self/fd link: its read-only close-on-exec descriptor, or
 * -errno (-ESRCH: it died). */
long caller_open_program(struct injection *inj, const char *guest);

/* The caller closes its descriptor fd (an injected close). */
void caller_close(struct injection *inj, long fd);

#endif
