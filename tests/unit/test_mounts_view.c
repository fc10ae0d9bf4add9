/* SPDX-License-Identifier: BSD-2-Clause */
/* policy/mounts_view.c: enforce_statfs over the mount table files. */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../../policy/mounts_view.h"
#include "run_suite.h"

static const char info[] = "22 27 0:21 / /proc rw - proc proc rw\n"
			   "27 1 254:0 / / rw - ext4 /dev/vda rw\n"
			   "40 27 0:50 / /srv/jail rw - ext4 /dev/vdb rw\n"
			   "41 40 0:51 / /srv/jail/tmp rw - tmpfs tmpfs rw\n"
			   "42 27 0:52 / /srv/jail2 rw - tmpfs tmpfs rw\n"
			   "43 27 0:53 / /srv/a\\040b rw - tmpfs tmpfs rw\n";
static const char mounts[] = "proc /proc proc rw 0 0\n"
			     "/dev/vda / ext4 rw 0 0\n"
			     "/dev/vdb /srv/jail ext4 rw 0 0\n"
			     "tmpfs /srv/jail/tmp tmpfs rw 0 0\n"
			     "tmpfs /srv/jail2 tmpfs rw 0 0\n"
			     "tmpfs /srv/a\\040b tmpfs rw 0 0\n";
static const char stats[] = "device proc mounted on /proc with fstype proc\n"
			    "device /dev/vda mounted on / with fstype ext4\n"
			    "device /dev/vdb mounted on /srv/jail with fstype ext4\n"
			    "device tmpfs mounted on /srv/jail/tmp with fstype tmpfs\n"
			    "\tnfs-like: more lines of this mount\n"
			    "device tmpfs mounted on /srv/jail2 with fstype tmpfs\n"
			    "device tmpfs mounted on /srv/a\\040b with fstype tmpfs\n";

static char *run(enum mounts_kind k, int enforce, const char *root, long id, const char *text)
{
	struct mounts_scope sc = {enforce, root, "/", id};
	char *out = NULL;
	long n = mounts_view_filter(k, &sc, info, strlen(info), text, strlen(text), &out);
	ck_assert_int_ge(n, 0);
	ck_assert_uint_eq(strlen(out), (size_t)n);
	return out;
}

START_TEST(level2_only_the_roots_mount_as_slash)
{
	char *o = run(MOUNTS_MOUNTINFO, 2, "/srv/jail", 40, info);
	ck_assert_str_eq(o, "40 27 0:50 / / rw - ext4 /dev/vdb rw\n");
	free(o);
	o = run(MOUNTS_MOUNTS, 2, "/srv/jail", 40, mounts);
	ck_assert_str_eq(o, "/dev/vdb / ext4 rw 0 0\n");
	free(o);
	/* a jail at /: still only / */
	o = run(MOUNTS_MOUNTS, 2, "/", 27, mounts);
	ck_assert_str_eq(o, "/dev/vda / ext4 rw 0 0\n");
	free(o);
	/* a root that is no mount point: the mount it is on, as / */
	o = run(MOUNTS_MOUNTS, 2, "/srv/jail/x", 40, mounts);
	ck_assert_str_eq(o, "/dev/vdb / ext4 rw 0 0\n");
	free(o);
}
END_TEST

START_TEST(level1_beneath_the_root_relative)
{
	char *o = run(MOUNTS_MOUNTS, 1, "/srv/jail", 40, mounts);
	ck_assert_str_eq(o, "/dev/vdb / ext4 rw 0 0\ntmpfs /tmp tmpfs rw 0 0\n");
	free(o);
	o = run(MOUNTS_MOUNTSTATS, 1, "/srv/jail", 40, stats);
	ck_assert_str_eq(o, "device /dev/vdb mounted on / with fstype ext4\n"
			    "device tmpfs mounted on /tmp with fstype tmpfs\n"
			    "\tnfs-like: more lines of this mount\n");
	free(o);
	/* a jail at /: everything, unchanged */
	o = run(MOUNTS_MOUNTINFO, 1, "/", 27, info);
	ck_assert_str_eq(o, info);
	free(o);
	/* escapes read and written back */
	o = run(MOUNTS_MOUNTS, 1, "/srv", 27, mounts);
	ck_assert_str_eq(o, "/dev/vda / ext4 rw 0 0\n/dev/vdb /jail ext4 rw 0 0\ntmpfs /jail/tmp tmpfs rw 0 0\n"
			    "tmpfs /jail2 tmpfs rw 0 0\ntmpfs /a\\040b tmpfs rw 0 0\n");
	free(o);
}
END_TEST

START_TEST(a_changed_table_is_read_again)
{
	struct mounts_scope sc = {2, "/", "/", 27};
	char *out = (char *)1;
	/* one mount more in mounts than in mountinfo */
	char more[sizeof(mounts) + 64];
	strcpy(more, mounts);
	strcat(more, "tmpfs /new tmpfs rw 0 0\n");
	ck_assert_int_eq(mounts_view_filter(MOUNTS_MOUNTS, &sc, info, strlen(info), more, strlen(more), &out), -EAGAIN);
	ck_assert_ptr_null(out);
	/* one fewer */
	ck_assert_int_eq(mounts_view_filter(MOUNTS_MOUNTS, &sc, info, strlen(info), mounts, 24, &out), -EAGAIN);
	/* another mount point at the same place */
	char swapped[sizeof(mounts)];
	strcpy(swapped, mounts);
	memcpy(strstr(swapped, "/srv/jail2"), "/srv/jail3", 10);
	ck_assert_int_eq(mounts_view_filter(MOUNTS_MOUNTS, &sc, info, strlen(info), swapped, strlen(swapped), &out),
			 -EAGAIN);
	/* a line the kernel does not print */
	ck_assert_int_eq(mounts_view_filter(MOUNTS_MOUNTINFO, &sc, NULL, 0, "garbage\n", 8, &out), -EAGAIN);
}
END_TEST

START_TEST(a_chrooted_process)
{
	/* the kernel printed mount points relative to the process's root */
	struct mounts_scope sc = {1, "/srv", "/srv/jail", 27};
	static const char in[] = "40 27 0:50 / / rw - ext4 /dev/vdb rw\n41 40 0:51 / /tmp rw - tmpfs tmpfs rw\n";
	char *out = NULL;
	long n = mounts_view_filter(MOUNTS_MOUNTINFO, &sc, NULL, 0, in, strlen(in), &out);
	ck_assert_int_gt(n, 0);
	ck_assert_str_eq(out, "40 27 0:50 / /jail rw - ext4 /dev/vdb rw\n41 40 0:51 / /jail/tmp rw - tmpfs tmpfs rw\n");
	free(out);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("mounts_view");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, level2_only_the_roots_mount_as_slash);
	tcase_add_test(tc, level1_beneath_the_root_relative);
	tcase_add_test(tc, a_changed_table_is_read_again);
	tcase_add_test(tc, a_chrooted_process);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
