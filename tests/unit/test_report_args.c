/* SPDX-License-Identifier: BSD-2-Clause */
/* Violation reports decode the arguments of every call the static tables
 * can deny (supervisor/report/report_args.c): each denied syscall has a
 * description of at most six known argument kinds, and the decoding of
 * registers gives the names a reader needs. */
#include <check.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "../../arch/abi.h"
#include "../../policy/static_deny.h"
#include "../../supervisor/handlers/handlers.h"
#include "../../supervisor/report/report_args.h"
#include "../../supervisor/engine/tracee.h"
#include "run_suite.h"

static void check_table(const struct static_deny *rows, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		const char *k = report_arg_kinds(rows[i].id);
		ck_assert_msg(k != NULL, "no report format for denied syscall %s", sc_name(rows[i].id));
		ck_assert_msg(strlen(k) <= 6, "%s: more than six arguments", sc_name(rows[i].id));
		ck_assert_msg(strspn(k, "dusxpFCMDI") == strlen(k), "%s: unknown kind in \"%s\"",
			      sc_name(rows[i].id), k);
	}
}

START_TEST(every_denied_call_has_a_format)
{
	check_table(static_denies, static_deny_count);
	check_table(priv_denies, priv_deny_count);
}
END_TEST

/* Decodes registers only (no string arguments: no tracee here). */
static const char *decode(enum sc_id id, const struct abi *abi, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	static char out[256];
	static struct tracee t;
	struct syscall_stop s = {.t = &t, .abi = abi, .id = id, .args = {a0, a1, a2, a3, 0, 0}};
	report_format_args(&s, out, sizeof(out));
	return out;
}

START_TEST(registers_are_named)
{
	const struct abi *native = abi_supported[0];
	ck_assert_str_eq(decode(SC_unshare, native, CLONE_NEWUSER | CLONE_NEWNET, 0, 0, 0),
			 "CLONE_NEWUSER|CLONE_NEWNET");
	ck_assert_str_eq(decode(SC_unshare, native, CLONE_NEWNS | 0x4000000000ULL, 0, 0, 0),
			 "CLONE_NEWNS|0x4000000000");
	ck_assert_str_eq(decode(SC_mknodat, native, (uint64_t)(int64_t)AT_FDCWD, 0, S_IFBLK | 0600,
				makedev(8, 1)),
			 "AT_FDCWD, NULL, S_IFBLK|0600, makedev(8, 1)");
	ck_assert_str_eq(decode(SC_ioctl, native, 0, 0xffffffff00005412ULL, 0, 0), "0, TIOCSTI, 0");
	ck_assert_str_eq(decode(SC_setpriority, native, 0, 0, (uint64_t)-5, 0), "0, 0, -5");
	/* six raw values for a call without a description */
	ck_assert_str_eq(decode(SC_getpid, native, 1, 2, 3, 4), "0x1, 0x2, 0x3, 0x4, 0, 0");
}
END_TEST

START_TEST(i386_registers_are_32_bits)
{
	const struct abi *i386 = NULL;
	for (int i = 0; abi_supported[i]; i++)
		if (abi_supported[i]->word_size == 4)
			i386 = abi_supported[i];
	if (!i386)
		return; /* this build supervises no 32-bit ABI */
	ck_assert_str_eq(decode(SC_setpriority, i386, 0, 0, 0xfffffffbULL, 0), "0, 0, -5");
	ck_assert_str_eq(decode(SC_mknodat, i386, 0xffffff9cULL, 0, S_IFCHR | 0644, 0), "AT_FDCWD, NULL, S_IFCHR|0644, makedev(0, 0)");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("report_args");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, every_denied_call_has_a_format);
	tcase_add_test(tc, registers_are_named);
	tcase_add_test(tc, i386_registers_are_32_bits);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
