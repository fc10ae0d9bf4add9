/* SPDX-License-Identifier: BSD-2-Clause */
#include "priv_setup.h"

#include <errno.h>
#include <linux/capability.h>
#include <linux/keyctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int priv_own_session_keyring(void)
{
	if (syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, NULL) < 0)
		return -errno;
	return 0;
}

static int capget_self(uint64_t *permitted)
{
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct d[2];
	if (syscall(SYS_capget, &h, d) < 0)
		return -errno;
	*permitted = (uint64_t)d[1].permitted << 32 | d[0].permitted;
	return 0;
}

int priv_limit_capabilities(uint64_t keep)
{
	uint64_t have = 0;
	int rc = capget_self(&have);
	if (rc)
		return rc;
	if (have & (UINT64_C(1) << CAP_SETPCAP)) {
		/* the kernel's last capability answers 0/1, the next ones EINVAL */
		for (int cap = 0; cap < 64 && prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++)
			if (!(keep & (UINT64_C(1) << cap)) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0)
				return -errno;
	}
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
		return -errno;
	uint64_t sets = have & keep;
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct d[2] = {
		{.effective = (uint32_t)sets, .permitted = (uint32_t)sets, .inheritable = 0},
		{.effective = (uint32_t)(sets >> 32), .permitted = (uint32_t)(sets >> 32), .inheritable = 0},
	};
	if (syscall(SYS_capset, &h, d) < 0)
		return -errno;
	return 0;
}
