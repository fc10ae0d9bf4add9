/* SPDX-License-Identifier: BSD-2-Clause */
/* AF_UNIX names whose host path is too long for sun_path (108 bytes with
 * the NUL) under a deep root: the socket is named through a short symlink
 * to its host directory, in a private directory of the supervisor's
 * (/tmp/jail-l.XXXXXX, mode 0711: jailed processes of any uid can pass
 * through it, none can list or change it; Landlock keeps a jail with its
 * own root from writing there). The kernel follows the link, so the socket
 * file lands where the jail named it. docs/networking.md. */
#ifndef JAIL_SUPERVISOR_UNIX_LINK_H
#define JAIL_SUPERVISOR_UNIX_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* A short name for host path host ("<dir>/<file>") in out (size bytes).
 * bind: "<linkdir>/b<n>/<file>", the link b<n> pointing at <dir>, one per
 * bind, kept while the jail runs (getsockname reads the name back); <file>
 * must leave room for the prefix (about 85 bytes). connect and send:
 * "<linkdir>/c<tid>", a link to the socket file itself (any length), one
 * per thread, replaced at each call. 0 or -errno (-ENAMETOOLONG if even
 * that does not fit). */
int unix_link_name(const char *host, bool for_bind, pid_t tid, char *out, size_t size);

/* A name the kernel reports (getsockname, accept, recvfrom): if it goes
 * through one of the links, the host path it stands for, in out; else
 * false. */
bool unix_link_resolve(const char *name, char *out, size_t size);

/* bind on the object (unix_bind.h): a name "<linkdir>/b<n>/<last>" whose
 * link b<n> leads to "/proc/thread-self/cwd" (the binding thread's cwd,
 * the checked directory), and guest, the name as the jail wrote it,
 * remembered for the name's reports. The name in out; *key for
 * unix_link_bind_done. 0, or -ENAMETOOLONG if it does not fit sun_path,
 * or -errno. */
int unix_link_bind_name(const char *last, const char *guest, char *out, size_t size, unsigned long *key);
/* After the bind: ok, the link then leads to hostdir (where the socket
 * file is: for anyone who reads the name on the host); else it goes. */
void unix_link_bind_done(unsigned long key, bool ok, const char *hostdir);
/* A final name too long for that (about 85 bytes and more) is recorded
 * alone: this remembers which name it stands for. 0 or -errno. */
int unix_link_bind_short(const char *last, const char *guest);
/* A name bound on the object: the name as the jail wrote it, in out. */
bool unix_link_guest(const char *name, char *out, size_t size);

/* Removes the links and their directory (the supervisor, at its end). */
void unix_link_cleanup(void);

#endif
