/* SPDX-License-Identifier: BSD-2-Clause */
/* The kernel backstop of path confinement: a Landlock ruleset that lets the
 * jailed tree reach, by path, only its root directory, the host's /proc
 * (read) and the safe /dev nodes when the root has none of its own. A path
 * the supervisor translated but a racing rename or symlink swap sent
 * elsewhere then fails with EACCES instead of reaching the host. */
#ifndef JAIL_SUPERVISOR_LANDLOCK_ROOT_H
#define JAIL_SUPERVISOR_LANDLOCK_ROOT_H

#include "fs_root.h"

/* Restricts the calling thread (before exec). 0 or -errno (-EOPNOTSUPP
 * when the kernel has no Landlock). */
int landlock_confine_to_root(const struct fs_root *root);

#endif
