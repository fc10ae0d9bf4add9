/* SPDX-License-Identifier: BSD-2-Clause */
/* Cross-checks every number of syscall_list.h against libseccomp's
 * resolver, for each ABI, in both directions (like strace's ksysent). */
#include <check.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../arch/abi.h"
#include "../../arch/syscalls.h"
#include "run_suite.h"

/* Calls newer than the libseccomp this project builds with (2.5.4) are
 * numbered from 451 on; libseccomp may not know them. */
#define NEWER_THAN_LIBSECCOMP 451

/* libseccomp resolves i386's multiplexed socket and ipc calls by name to
 * pseudo numbers; then the number must resolve back to the same name. */
static int resolves_back(uint32_t arch, int nr, const char *name)
{
	char *back = seccomp_syscall_resolve_num_arch(arch, nr);
	int same = back && strcmp(back, name) == 0;
	free(back);
	return same;
}

static const struct {
	enum sc_table table;
	uint32_t arch;
} abis[] = {
	{SCT_X86_64, SCMP_ARCH_X86_64},
	{SCT_I386, SCMP_ARCH_X86},
	{SCT_AARCH64, SCMP_ARCH_AARCH64},
};

START_TEST(numbers_match_libseccomp)
{
	for (size_t a = 0; a < sizeof(abis) / sizeof(abis[0]); a++)
		for (int id = 1; id < SC_COUNT; id++) {
			int ours = sc_info[id].nr[abis[a].table];
			int theirs = seccomp_syscall_resolve_name_arch(abis[a].arch, sc_info[id].name);
			if (ours < 0) {
				ck_assert_msg(theirs < 0, "%s: absent from table %d but libseccomp says %d",
					      sc_info[id].name, abis[a].table, theirs);
				continue;
			}
			if (theirs == __NR_SCMP_ERROR && ours >= NEWER_THAN_LIBSECCOMP)
				continue;
			if (theirs < 0 && theirs != __NR_SCMP_ERROR &&
			    resolves_back(abis[a].arch, ours, sc_info[id].name))
				continue;
			ck_assert_msg(ours == theirs, "%s in table %d: ours %d, libseccomp %d", sc_info[id].name,
				      abis[a].table, ours, theirs);
		}
}
END_TEST

START_TEST(every_libseccomp_number_is_listed)
{
	for (size_t a = 0; a < sizeof(abis) / sizeof(abis[0]); a++)
		for (int nr = 0; nr < 1024; nr++) {
			char *name = seccomp_syscall_resolve_num_arch(abis[a].arch, nr);
			if (!name)
				continue;
			enum sc_id id = sc_from_nr(abis[a].table, nr);
			ck_assert_msg(id != SC_NONE, "table %d misses %s (%d)", abis[a].table, name, nr);
			ck_assert_msg(strcmp(sc_name(id), name) == 0, "table %d: %d is %s, libseccomp says %s",
				      abis[a].table, nr, sc_name(id), name);
			free(name);
		}
}
END_TEST

START_TEST(lookup_round_trips)
{
	ck_assert_int_eq(sc_lookup("openat"), SC_openat);
	ck_assert_str_eq(sc_name(SC_openat), "openat");
	ck_assert_int_eq(sc_lookup("no_such_call"), SC_NONE);
	ck_assert_int_eq(sc_from_nr(SCT_X86_64, 257), SC_openat);
	ck_assert_int_eq(sc_from_nr(SCT_I386, 295), SC_openat);
	ck_assert_int_eq(sc_from_nr(SCT_X86_64, 100000), SC_NONE);
	ck_assert_int_eq(sc_from_nr(SCT_X86_64, -1), SC_NONE);
}
END_TEST

START_TEST(abi_lookup_by_audit_arch)
{
	for (int i = 0; abi_supported[i]; i++) {
		const struct abi *abi = abi_supported[i];
		ck_assert_ptr_eq(abi_from_audit(abi->audit_arch), abi);
		int nr = abi_nr(abi, SC_getpid);
		ck_assert_int_ge(nr, 0);
		ck_assert_int_eq(abi_id(abi, nr), SC_getpid);
	}
	ck_assert_ptr_null(abi_from_audit(0x12345678));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("syscall_table");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, numbers_match_libseccomp);
	tcase_add_test(tc, every_libseccomp_number_is_listed);
	tcase_add_test(tc, lookup_round_trips);
	tcase_add_test(tc, abi_lookup_by_audit_arch);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
