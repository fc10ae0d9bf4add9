/* SPDX-License-Identifier: BSD-2-Clause */
/* The registry of running jails: one per user, in a private runtime
 * directory (/run/jail for root; $XDG_RUNTIME_DIR/jail or /tmp/jail-UID for
 * a normal user, 0700 and owned by the user, else refused). Per jail:
 *   N.jail  the entry (the jail's name, a newline, its parent's jid); its supervisor holds an exclusive
 *           flock on it for as long as it lives, so the kernel releases it
 *           when the supervisor dies, even by SIGKILL
 *   N.sock  the supervisor's control socket (see control.h)
 * and .lock (flock'ed while the registry changes; holds the last jid given).
 * An entry whose lock is free is stale: the next tool that looks removes it,
 * so nothing stale is ever listed. */
#ifndef JAIL_SUPERVISOR_REGISTRY_H
#define JAIL_SUPERVISOR_REGISTRY_H

#include <limits.h>
#include <stddef.h>
#include <sys/un.h>

#include "../../policy/jail.h"

#define REGISTRY_MAX_JID 999999

struct registry {
	char dir[PATH_MAX];
	int lock_fd; /* the open .lock file; flock'ed while registry_lock is held */
};

struct reg_entry {
	int jid;
	int parent; /* the jail it was made in (nested jails), 0: the host */
	char name[JAIL_NAME_MAX];
};

/* The registration a supervisor holds. */
struct reg_handle {
	int jid;
	int entry_fd;  /* N.jail, flock'ed */
	int listen_fd; /* N.sock, listening */
};

/* Finds (creating it if needed) and checks the caller's runtime directory.
 * 0, or -1 with a message in err. */
int registry_open(struct registry *r, char *err, size_t errlen);
void registry_close(struct registry *r);

/* Exclusive lock over the whole registry (blocks). 0 or -errno. */
int registry_lock(struct registry *r);
void registry_unlock(struct registry *r);

/* The live jails, ascending by jid, stale entries removed on the way. Call
 * with the lock held. Count (malloc'ed array in *out, free it), or -errno. */
int registry_list(struct registry *r, struct reg_entry **out);

/* Nested jails (docs/nested-jails.md): from now on registry_list,
 * registry_find and registry_connect see only the jails beneath jail jid,
 * named relative to it (a child "c" of "p" is "c"), their parent 0 when it
 * is jid. 0: every jail (the host's view). */
void registry_set_scope(int jid);
int registry_scope(void);
/* The registry name of a jail called name in the scope ("p.c" for "c").
 * 0, or -errno (-ESRCH: the scope's jail is gone). */
int registry_full_name(struct registry *r, const char *name, char *full, size_t size);

/* Looks a jail up the way FreeBSD does: a number is a jid, anything else a
 * name. Lock held. 0, or -ENOENT. */
int registry_find(struct registry *r, const char *key, struct reg_entry *out);

/* Registers jail j: checks that its jid (if j->jid != 0) and name are free,
 * gives it a jid if it has none and its name (the jid) if it has none,
 * creates N.jail (locked) and the listening N.sock. Lock held. 0, or -1
 * with a FreeBSD-worded message in err ("\"x\" already exists"). */
int registry_create(struct registry *r, struct jail *j, struct reg_handle *h, char *err, size_t errlen);

/* Removes the registration (takes the lock itself) and closes its fds. */
void registry_remove(struct registry *r, struct reg_handle *h);

/* Looks a jail up (registry_find, taking the lock) and connects to its
 * supervisor (ctl_connect). The fd with *e filled, or -ENOENT (no such
 * jail) or -errno. */
int registry_connect(struct registry *r, const char *key, struct reg_entry *e, int timeout_s);

/* The control socket's address for jid. 0, or -ENAMETOOLONG. */
int registry_sock_addr(const struct registry *r, int jid, struct sockaddr_un *addr);

#endif
