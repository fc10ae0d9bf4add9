/* SPDX-License-Identifier: BSD-2-Clause */
/* What the jailed command gives up before it runs: the host's session
 * keyring and every capability outside the jail's privilege list
 * (policy/priv_caps.c). Called in the child, between filter load and exec. */
#ifndef JAIL_SUPERVISOR_PRIV_SETUP_H
#define JAIL_SUPERVISOR_PRIV_SETUP_H

#include <stdint.h>

/* Joins a new anonymous session keyring, so that the jail's session
 * keyring is not the host session's. 0, or -errno (-ENOSYS: no keyrings). */
int priv_own_session_keyring(void);

/* Limits the calling thread to the capabilities in keep (1 << CAP_*): drops
 * the others from the bounding set and clears them from the permitted,
 * effective, inheritable and ambient sets, so no exec (set-uid root, file
 * capabilities) gets them back. A process without CAP_SETPCAP (not root)
 * only clears its sets. 0 or -errno. */
int priv_limit_capabilities(uint64_t keep);

#endif
