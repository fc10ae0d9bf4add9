/* SPDX-License-Identifier: BSD-2-Clause */
/* policy/path.c (prefixes on component boundaries, guest <-> host names)
 * and the path handler table: every path-taking syscall is handled. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../arch/syscalls.h"
#include "../../policy/jail.h"
#include "../../policy/path.h"
#include "../../supervisor/handlers/handlers.h"
#include "run_suite.h"

static const struct {
	const char *prefix, *path;
	int within;
} within_cases[] = {
	{"/run/host", "/run/host", 1},     {"/run/host", "/run/host/x", 1},
	{"/run/host", "/run/hostage", 0},  {"/run/host", "/run", 0},
	{"/", "/anything", 1},             {"/", "/", 1},
	{"/a/b", "/a/bc/d", 0},            {"/a/b", "/a/b/c/d", 1},
};

START_TEST(within_on_component_boundaries)
{
	for (size_t i = 0; i < sizeof(within_cases) / sizeof(within_cases[0]); i++)
		ck_assert_msg(path_within(within_cases[i].prefix, within_cases[i].path) == within_cases[i].within,
			      "%s in %s", within_cases[i].path, within_cases[i].prefix);
}
END_TEST

START_TEST(host_to_guest)
{
	char g[64];
	ck_assert_int_eq(path_host_to_guest("/srv/root", "/srv/root", g, sizeof(g)), 0);
	ck_assert_str_eq(g, "/");
	ck_assert_int_eq(path_host_to_guest("/srv/root", "/srv/root/etc/x", g, sizeof(g)), 0);
	ck_assert_str_eq(g, "/etc/x");
	ck_assert_int_eq(path_host_to_guest("/srv/root", "/srv/rootfs/etc", g, sizeof(g)), -EXDEV);
	ck_assert_int_eq(path_host_to_guest("/", "/etc", g, sizeof(g)), 0);
	ck_assert_str_eq(g, "/etc");
	ck_assert_int_eq(path_host_to_guest("/r", "/r/0123456789", g, 8), -ENAMETOOLONG);
}
END_TEST

START_TEST(join)
{
	char out[16];
	ck_assert_int_eq(path_join("/", "etc", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "/etc");
	ck_assert_int_eq(path_join("/a/", "//b", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "/a/b");
	ck_assert_int_eq(path_join("/a", "", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "/a");
	/* never a truncated name */
	ck_assert_int_eq(path_join("/0123456789", "abcdef", out, sizeof(out)), -ENAMETOOLONG);
	ck_assert_int_eq(path_join("/0123456789", "abc", out, sizeof(out)), 0);
}
END_TEST

static const struct {
	const char *path, *parent, *last;
	int slash;
} split_cases[] = {
	{"/etc/passwd", "/etc", "passwd", 0}, {"/etc", "/", "etc", 0},
	{"a", "", "a", 0},                   {"a/b/", "a", "b", 1},
	{"a//b", "a", "b", 0},               {"/", "/", "", 0},
	{"..", "..", "", 0},                  {"/a/..", "/a/..", "", 0},
	{"/a/.", "/a/.", "", 0},              {"//x", "/", "x", 0},
};

START_TEST(split_last)
{
	for (size_t i = 0; i < sizeof(split_cases) / sizeof(split_cases[0]); i++) {
		char parent[64], last[64];
		bool slash;
		ck_assert_int_eq(path_split_last(split_cases[i].path, parent, sizeof(parent), last, sizeof(last), &slash), 0);
		ck_assert_msg(strcmp(parent, split_cases[i].parent) == 0, "%s: parent %s", split_cases[i].path, parent);
		ck_assert_msg(strcmp(last, split_cases[i].last) == 0, "%s: last %s", split_cases[i].path, last);
		ck_assert_int_eq(slash, split_cases[i].slash);
	}
}
END_TEST

/* Calls flagged F_PATH that take no path name after all. */
static int not_really_a_path(enum sc_id id)
{
	return id == SC_statmount || id == SC_listmount;
}

START_TEST(every_path_syscall_is_handled)
{
	struct jail j;
	jail_init(&j);
	strcpy(j.path, "/srv/root");
	ck_assert(jail_has_root(&j));
	int missing = 0;
	for (int id = 1; id < SC_COUNT; id++) {
		if (!(sc_info[id].flags & F_PATH) || not_really_a_path((enum sc_id)id))
			continue;
		if (!handler_wanted((enum sc_id)id, &j, true)) {
			fprintf(stderr, "no path handler for %s\n", sc_name((enum sc_id)id));
			missing++;
		}
	}
	ck_assert_int_eq(missing, 0);
	/* the open family is served from user notification, with or without
	 * a root (handle_open.c, docs/engine.md) */
	ck_assert(handler_enter(SC_openat, &j) == handle_open);
	ck_assert(handlers[SC_openat].notify && handlers[SC_openat2].notify);
	ck_assert(handler_enter(SC_stat, &j) == handle_meta_stat);
	/* names are made and removed on the directory's object (handle_names.c) */
	ck_assert(handler_enter(SC_mkdir, &j) == handle_names && handlers[SC_mkdir].notify);
	ck_assert(handler_enter(SC_renameat2, &j) == handle_names && handlers[SC_renameat2].notify);
	/* with the host's / as root, paths are not translated, but they stop for
	 * the /proc guard (docs/visibility.md) */
	jail_init(&j);
	ck_assert(handler_wanted(SC_openat, &j, true));
	ck_assert(handler_enter(SC_openat, &j) == handle_open);
	ck_assert(handler_enter(SC_stat, &j) == handle_meta_stat);
	ck_assert(handler_enter(SC_mkdir, &j) == handle_names);
	ck_assert(handler_enter(SC_execve, &j) == handle_proc_guard);
	ck_assert(handler_enter(SC_readlinkat, &j) == handle_readlink && handlers[SC_readlinkat].notify);
	ck_assert(!handler_wanted(SC_getcwd, &j, true));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("path");
	TCase *tc = tcase_create("path");
	tcase_add_test(tc, within_on_component_boundaries);
	tcase_add_test(tc, host_to_guest);
	tcase_add_test(tc, join);
	tcase_add_test(tc, split_last);
	tcase_add_test(tc, every_path_syscall_is_handled);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
