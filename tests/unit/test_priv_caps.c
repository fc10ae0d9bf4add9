/* SPDX-License-Identifier: BSD-2-Clause */
/* The capabilities a jail lets its processes hold (policy/priv_caps.c):
 * FreeBSD's allowed privileges, the conditional ones behind their allow.*
 * flag, nothing with allow.suser off. */
#include <check.h>
#include <linux/capability.h>
#include <stdlib.h>

#include "../../policy/jail.h"
#include "../../policy/priv_caps.h"
#include "run_suite.h"

#define BIT(c) (UINT64_C(1) << (c))

static uint64_t kept_with(int flag, bool value)
{
	struct jail j;
	jail_init(&j);
	if (flag >= 0)
		j.allow[flag] = value;
	return jail_kept_capabilities(&j);
}

START_TEST(defaults_are_freebsds_allowed_list)
{
	uint64_t keep = kept_with(-1, false);
	static const int kept[] = {CAP_SETUID, CAP_SETGID, CAP_SETPCAP, CAP_CHOWN, CAP_DAC_OVERRIDE,
				   CAP_DAC_READ_SEARCH, CAP_FOWNER, CAP_FSETID, CAP_SETFCAP, CAP_SYS_CHROOT,
				   CAP_KILL, CAP_NET_BIND_SERVICE};
	uint64_t want = 0;
	for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		want |= BIT(kept[i]);
	ck_assert_uint_eq(keep, want);
	static const int never[] = {CAP_SYS_ADMIN, CAP_NET_ADMIN, CAP_SYS_MODULE, CAP_SYS_RAWIO, CAP_SYS_BOOT,
				    CAP_SYS_PTRACE, CAP_SYS_NICE, CAP_SYS_RESOURCE, CAP_MKNOD, CAP_SYS_TIME,
				    CAP_NET_RAW, CAP_IPC_LOCK, CAP_SYSLOG, CAP_LINUX_IMMUTABLE, CAP_BPF,
				    CAP_PERFMON, CAP_AUDIT_CONTROL, CAP_MAC_ADMIN, CAP_SYS_PACCT};
	for (size_t i = 0; i < sizeof(never) / sizeof(never[0]); i++)
		ck_assert_msg(!(keep & BIT(never[i])), "capability %d kept", never[i]);
}
END_TEST

START_TEST(allow_flags_add_their_capability)
{
	ck_assert(kept_with(JAIL_ALLOW_mlock, true) & BIT(CAP_IPC_LOCK));
	ck_assert(kept_with(JAIL_ALLOW_raw_sockets, true) & BIT(CAP_NET_RAW));
	ck_assert(kept_with(JAIL_ALLOW_sysvipc, true) & BIT(CAP_IPC_OWNER));
	ck_assert(kept_with(JAIL_ALLOW_settime, true) & BIT(CAP_SYS_TIME));
	ck_assert(kept_with(JAIL_ALLOW_adjtime, true) & BIT(CAP_SYS_TIME));
	ck_assert(kept_with(JAIL_ALLOW_read_msgbuf, true) & BIT(CAP_SYSLOG));
	ck_assert(kept_with(JAIL_ALLOW_chflags, true) & BIT(CAP_LINUX_IMMUTABLE));
	ck_assert(!(kept_with(JAIL_ALLOW_reserved_ports, false) & BIT(CAP_NET_BIND_SERVICE)));
	/* no flag brings the host-wide ones */
	for (int f = 0; f < JAIL_ALLOW_COUNT; f++)
		ck_assert(!(kept_with(f, true) & (BIT(CAP_SYS_ADMIN) | BIT(CAP_NET_ADMIN) | BIT(CAP_SYS_MODULE))));
}
END_TEST

START_TEST(suser_off_keeps_nothing)
{
	ck_assert_uint_eq(kept_with(JAIL_ALLOW_suser, false), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("priv_caps");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, defaults_are_freebsds_allowed_list);
	tcase_add_test(tc, allow_flags_add_their_capability);
	tcase_add_test(tc, suser_off_keeps_nothing);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
