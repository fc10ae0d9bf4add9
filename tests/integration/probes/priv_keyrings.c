/* SPDX-License-Identifier: BSD-2-Clause */
/* Keyrings shared with the host stay out of reach: the user and
 * user-session keyrings of the uid (KEY_SPEC_USER_KEYRING, ..._SESSION_),
 * persistent keyrings and named session keyrings give EPERM; the jail's own
 * session keyring works. Harmless without the jail: the key type is empty
 * (EINVAL before anything is added or searched), the destination keyring
 * does not exist, the keyring name pointer is invalid; reading the user
 * keyring's id or description changes nothing. */
#include <linux/keyctl.h>
#include <sys/syscall.h>

#include "probe.h"

#define NOKEY 0x7ffffff0 /* no key has this serial */
#ifndef KEYCTL_MOVE
#define KEYCTL_MOVE 30
#endif

int main(void)
{
	char desc[256];

	CHECK_DENIED(syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_USER_KEYRING, 0), EPERM);
	CHECK_DENIED(syscall(SYS_keyctl, KEYCTL_DESCRIBE, KEY_SPEC_USER_SESSION_KEYRING, desc, sizeof(desc)), EPERM);
	CHECK_DENIED(syscall(SYS_add_key, "", "jail-probe", "x", 1, KEY_SPEC_USER_KEYRING), EPERM);
	CHECK_DENIED(syscall(SYS_add_key, "", "jail-probe", "x", 1, KEY_SPEC_USER_SESSION_KEYRING), EPERM);
	CHECK_DENIED(syscall(SYS_request_key, "", "jail-probe", NULL, KEY_SPEC_USER_KEYRING), EPERM);
	CHECK_DENIED(syscall(SYS_request_key, "", "jail-probe", NULL, KEY_SPEC_USER_SESSION_KEYRING), EPERM);
	/* the shared keyrings in the other argument positions: a key that does
	 * not exist is linked to them or moved there, an empty key type is
	 * searched for */
	CHECK_DENIED(syscall(SYS_keyctl, KEYCTL_LINK, NOKEY, KEY_SPEC_USER_KEYRING), EPERM);
	CHECK_DENIED(syscall(SYS_keyctl, KEYCTL_LINK, NOKEY, KEY_SPEC_USER_SESSION_KEYRING), EPERM);
	CHECK_DENIED(syscall(SYS_keyctl, KEYCTL_MOVE, NOKEY, NOKEY, KEY_SPEC_USER_KEYRING, 0), EPERM);
	CHECK_DENIED(syscall(SYS_keyctl, KEYCTL_MOVE, NOKEY, NOKEY, KEY_SPEC_USER_SESSION_KEYRING, 0), EPERM);
	CHECK_DENIED(syscall(SYS_keyctl, KEYCTL_SEARCH, NOKEY, "", "jail-probe", KEY_SPEC_USER_KEYRING), EPERM);
	CHECK_DENIED(syscall(SYS_keyctl, KEYCTL_SEARCH, NOKEY, "", "jail-probe", KEY_SPEC_USER_SESSION_KEYRING), EPERM);
	CHECK_DENIED(syscall(SYS_keyctl, KEYCTL_GET_PERSISTENT, -1, NOKEY), EPERM);
	CHECK_DENIED(syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, (char *)1), EPERM);
	CHECK_ALLOWED(syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0), 0);
	checks_done("keyrings shared with the host give EPERM");
}
