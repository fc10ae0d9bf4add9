/* SPDX-License-Identifier: BSD-2-Clause */
/* Path strings: prefix tests on component boundaries and the guest <-> host
 * mapping of a jail's root. Pure string functions; nothing here touches the
 * file system. All return 0 or -errno. */
#ifndef JAIL_POLICY_PATH_H
#define JAIL_POLICY_PATH_H

#include <stdbool.h>
#include <stddef.h>

/* Is path equal to prefix or beneath it, on a component boundary?
 * ("/run/host" is a prefix of "/run/host/x", not of "/run/hostage".)
 * Both must be absolute and canonical; prefix "/" holds every path. */
bool path_within(const char *prefix, const char *path);

/* The guest name of host path `host` under root `root` ("/" for the root
 * itself). -EXDEV if host is not within root; -ENAMETOOLONG if it does not
 * fit in size bytes. */
int path_host_to_guest(const char *root, const char *host, char *guest, size_t size);

/* root + "/" + rest (rest relative, may be ""), without doubled slashes.
 * -ENAMETOOLONG if the result and its NUL do not fit in size. */
int path_join(const char *root, const char *rest, char *out, size_t size);

/* Splits path into its parent and last component, in place of the kernel's
 * own parsing: trailing slashes are dropped from the last component and
 * reported in *trailing_slash (the kernel then requires a directory).
 * "/" and "." and ".." as the last component give last = "" (the path
 * names a directory to resolve whole). parent is "" for a one-component
 * relative path and "/" for a one-component absolute one. */
int path_split_last(const char *path, char *parent, size_t psize, char *last, size_t lsize,
		    bool *trailing_slash);

#endif
