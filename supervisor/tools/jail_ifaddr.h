/* SPDX-License-Identifier: BSD-2-Clause */
/* The interface parameter and "if|addr/mask" addresses (policy/
 * jail_ifaddr.h): as root, each of the jail's addresses meant for an
 * interface is added to it (netlink RTM_NEWADDR) when the jail is made
 * and removed (RTM_DELADDR) when it ends; an address the interface had
 * already is left as it is, then and at the end. Never for a normal user:
 * a one-line error. docs/networking.md. */
#ifndef JAIL_TOOLS_JAIL_IFADDR_H
#define JAIL_TOOLS_JAIL_IFADDR_H

#include <stdbool.h>
#include <stddef.h>

struct jail;

/* Does j ask for addresses on an interface? */
bool jail_ifaddr_wanted(const struct jail *j);

/* Before anything is made: the caller is root, every interface named
 * exists, every address has an interface. 0, or -1 with the message
 * (after "jail: ") in err. */
int jail_ifaddr_check(const struct jail *j, char *err, size_t errlen);

/* Adds j's interface addresses, remembering the ones this call added. 0,
 * or -1 with the message in err (the ones added so far removed). */
int jail_ifaddr_add(const struct jail *j, char *err, size_t errlen);

/* Removes the addresses jail_ifaddr_add added (at the jail's end). */
void jail_ifaddr_remove(void);

#endif
