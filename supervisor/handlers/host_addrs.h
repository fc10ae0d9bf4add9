/* SPDX-License-Identifier: BSD-2-Clause */
/* The host's interface addresses as the supervisor sees them: what the
 * jail's network view is made from (handle_net_view.c, proc_net_view.c). */
#ifndef JAIL_SUPERVISOR_HOST_ADDRS_H
#define JAIL_SUPERVISOR_HOST_ADDRS_H

#include <stddef.h>

#include "../../policy/net_view.h"

#define MAX_HOST_ADDRS 1024

/* The host's IPv4 and IPv6 addresses (getifaddrs), at most max: their
 * number (0 if they cannot be read). */
size_t host_addrs(struct net_host_addr *out, size_t max);

#endif
