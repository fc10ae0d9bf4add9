/* SPDX-License-Identifier: BSD-2-Clause */
/* host.hostuuid and host.hostid as the files Linux programs read the
 * machine's identity from (machine_id_view.c). */
#ifndef JAIL_SUPERVISOR_MACHINE_ID_VIEW_H
#define JAIL_SUPERVISOR_MACHINE_ID_VIEW_H

struct tracee;

/* The result of t's open of path (relative to dirfd) with flags: fd (a
 * supervisor descriptor, taken) or -errno. In a jail whose host.hostuuid
 * or host.hostid was given, an open for reading that reached the jail
 * root's /etc/machine-id or /var/lib/dbus/machine-id (the object: same
 * inode as those names resolved in the root now), or /etc/hostid, or that
 * failed with ENOENT on a name "machine-id" or "hostid" in such a
 * directory (the directory the name resolved to, judged as an object),
 * gives a sealed read-only memfd instead: the UUID as 32 lowercase hex
 * digits and a newline (systemd's format), or the hostid as 4 bytes in
 * the machine's order (glibc's gethostid). Anything else: unchanged. On a
 * failure while judging: -errno, fd closed. */
int machine_id_view_open(struct tracee *t, int dirfd, const char *path, int fd, int flags);

#endif
