/* SPDX-License-Identifier: BSD-2-Clause */
/* The restrictions a process takes on itself as it enters a jail, once the
 * supervisor has seized it: the same steps, in the same order, for the
 * command jail(8) spawns and for a process jexec(8) attaches. */
#ifndef JAIL_SUPERVISOR_CONFINE_H
#define JAIL_SUPERVISOR_CONFINE_H

#include <stdbool.h>
#include <stdint.h>

struct filter_progs;
struct fs_root;

/* no_new_privs (when set_nnp), Landlock (no /proc writes; the root when
 * root is not NULL), an own session keyring, the seccomp filters, and
 * last the capability sets cut to `caps`. On failure prints
 * "PROG: step: error" and returns -errno; the caller must not exec.
 * *listener: the seccomp user-notification listener, to be sent to the
 * supervisor and closed before anything of the jail's runs. */
int confine_self(const char *prog, const struct filter_progs *filters, bool set_nnp,
		 const struct fs_root *root, uint64_t caps, int *listener);

#endif
