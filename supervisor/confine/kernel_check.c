/* SPDX-License-Identifier: BSD-2-Clause */
#include "kernel_check.h"

#include <errno.h>
#include <linux/capability.h>
#include <linux/landlock.h>
#include <linux/seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int kernel_landlock_abi(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	return abi < 0 ? 0 : (int)abi;
}

/* kernel.yama.ptrace_scope, -1 without Yama. */
static int yama_ptrace_scope(void)
{
	FILE *f = fopen("/proc/sys/kernel/yama/ptrace_scope", "re");
	int scope = -1;
	if (f) {
		if (fscanf(f, "%d", &scope) != 1)
			scope = -1;
		fclose(f);
	}
	return scope;
}

static bool have_cap_sys_ptrace(void)
{
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct d[2];
	if (syscall(SYS_capget, &h, d) < 0)
		return false;
	return (d[CAP_SYS_PTRACE / 32].effective >> (CAP_SYS_PTRACE % 32)) & 1;
}

int kernel_check_required(const char *prog, bool own_root)
{
	/* the supervisor answers the jail's calls through a listener (5.0;
	 * 5.14 for the descriptor hand-over the open handler uses) */
	uint32_t action = SECCOMP_RET_USER_NOTIF;
	if (syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action) < 0) {
		fprintf(stderr,
			"%s: this kernel has no seccomp user notification (%s): jail needs Linux 5.14 or newer "
			"with CONFIG_SECCOMP_FILTER\n",
			prog, strerror(errno));
		return -1;
	}
	/* Yama: 1 (Ubuntu's default) lets the supervisor trace its children
	 * and jexec'd processes (they name it with PR_SET_PTRACER); 2 and 3 do
	 * not */
	int scope = yama_ptrace_scope();
	if (scope >= 3) {
		fprintf(stderr,
			"%s: kernel.yama.ptrace_scope is %d (no process may trace another): jail needs 0 or 1, "
			"and 3 can only be lowered by a reboot (remove it from /etc/sysctl.d)\n",
			prog, scope);
		return -1;
	}
	if (scope == 2 && !have_cap_sys_ptrace()) {
		fprintf(stderr,
			"%s: kernel.yama.ptrace_scope is 2 (only CAP_SYS_PTRACE may trace): run as root, or as "
			"root: sysctl kernel.yama.ptrace_scope=1\n",
			prog);
		return -1;
	}
	if (own_root && kernel_landlock_abi() < 1) {
		fprintf(stderr,
			"%s: a jail with its own root needs Landlock (Linux 5.13 or newer, \"landlock\" in "
			"CONFIG_LSM or the lsm= boot parameter): this kernel has none\n",
			prog);
		return -1;
	}
	return 0;
}

void kernel_warn_weaker(const char *prog, bool own_root)
{
	int abi = kernel_landlock_abi();
	if (abi < 1) {
		fprintf(stderr,
			"%s: warning: no Landlock in this kernel (Linux 5.13+, \"landlock\" in lsm=): nothing "
			"stops the jail from opening /proc and /sys files for writing (its own /proc/self/mem, "
			"a jailed root's /proc/sys settings), and connects to abstract AF_UNIX sockets are "
			"refused\n",
			prog);
		return;
	}
	if (abi >= 6)
		return;
	char root_part[160] = "";
	if (own_root && abi < 5)
		snprintf(root_part, sizeof(root_part), "; the Landlock backstop of the jail's root does not cover %s",
			 abi < 3 ? "truncate (ABI 3) or device ioctls (ABI 5)" : "device ioctls (ABI 5)");
	fprintf(stderr,
		"%s: warning: Landlock ABI %d (6 is Linux 6.12): connects and sends to abstract AF_UNIX "
		"sockets are refused (EPERM)%s%s\n",
		prog, abi, abi < 2 ? "; links and renames into another directory fail (EXDEV, ABI 2)" : "",
		root_part);
}
