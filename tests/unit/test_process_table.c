/* SPDX-License-Identifier: BSD-2-Clause */
/* The process table (supervisor/engine/tracee.c) counts processes, not
 * threads, however many threads a process has; the deferred-event queue
 * (supervisor/engine/deferred.c) keeps every event, in order. Nothing is
 * traced here: the table is filled by hand. */
#include <check.h>
#include <stdlib.h>

#include "../../supervisor/engine/deferred.h"
#include "../../supervisor/engine/tracee.h"
#include "run_suite.h"

#define THREADS 5000

static struct jail *jail_a = (struct jail *)0x1000, *jail_b = (struct jail *)0x2000;

START_TEST(threads_are_one_process)
{
	/* process 100 with THREADS threads, then process 200 of the same jail,
	 * and process 300 of another jail */
	tracee_add(100, 100, jail_a);
	for (pid_t i = 1; i < THREADS; i++)
		tracee_add(100 + i * 10, 100, jail_a);
	tracee_add(200 + THREADS * 10, 200 + THREADS * 10, jail_a);
	tracee_add(300 + THREADS * 10, 300 + THREADS * 10, jail_b);
	ck_assert_uint_eq(tracee_count(), THREADS + 2);
	ck_assert_uint_eq(tracee_process_count(), 3);

	pid_t out[8];
	ck_assert_uint_eq(tracee_tgids(jail_a, out, 8), 2);
	ck_assert_int_eq(out[0], 100);
	ck_assert_int_eq(out[1], 200 + THREADS * 10);
	ck_assert_uint_eq(tracee_tgids(NULL, out, 8), 3);
	ck_assert_uint_eq(tracee_tgids(jail_b, out, 8), 1);
	ck_assert_int_eq(out[0], 300 + THREADS * 10);
	/* at most max */
	ck_assert_uint_eq(tracee_tgids(NULL, out, 1), 1);

	/* exec in a thread: the other threads are gone, the process stays */
	tracee_remove_group_except(100, 100 + 10);
	ck_assert_uint_eq(tracee_count(), 3);
	ck_assert_uint_eq(tracee_process_count(), 3);
	ck_assert_ptr_nonnull(tracee_find(100 + 10));
	ck_assert_ptr_null(tracee_find(100));

	/* the last thread of a process gone: the process is gone */
	tracee_remove(tracee_find(100 + 10));
	ck_assert_uint_eq(tracee_process_count(), 2);
	ck_assert_uint_eq(tracee_tgids(jail_a, out, 8), 1);
}
END_TEST

START_TEST(a_thread_moves_to_its_process)
{
	/* its attach stop came before its creator's clone event: added as its
	 * own process, then moved */
	struct tracee *leader = tracee_add(10, 10, jail_a);
	struct tracee *t = tracee_add(11, 11, jail_a);
	ck_assert_uint_eq(tracee_process_count(), 2);
	tracee_set_tgid(t, 10);
	ck_assert_int_eq(t->tgid, 10);
	ck_assert_ptr_eq(t->proc, leader->proc);
	ck_assert_uint_eq(tracee_process_count(), 1);
	tracee_remove(leader);
	ck_assert_uint_eq(tracee_process_count(), 1);
	tracee_remove(t);
	ck_assert_uint_eq(tracee_process_count(), 0);
	ck_assert_uint_eq(tracee_count(), 0);
}
END_TEST

START_TEST(deferred_events_are_all_kept_in_order)
{
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < 10000; i++)
			supervisor_defer_event(1000 + i, i);
		ck_assert_uint_eq(supervisor_deferred_count(), 10000);
		/* half out, more in: the ring wraps */
		pid_t tid;
		int status;
		for (int i = 0; i < 5000; i++) {
			ck_assert(supervisor_next_deferred(&tid, &status));
			ck_assert_int_eq(tid, 1000 + i);
			ck_assert_int_eq(status, i);
		}
		for (int i = 10000; i < 12000; i++)
			supervisor_defer_event(1000 + i, i);
		for (int i = 5000; i < 12000; i++) {
			ck_assert(supervisor_next_deferred(&tid, &status));
			ck_assert_int_eq(tid, 1000 + i);
			ck_assert_int_eq(status, i);
		}
		ck_assert(!supervisor_next_deferred(&tid, &status));
		ck_assert_uint_eq(supervisor_deferred_count(), 0);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("process_table");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, threads_are_one_process);
	tcase_add_test(tc, a_thread_moves_to_its_process);
	tcase_add_test(tc, deferred_events_are_all_kept_in_order);
	suite_add_tcase(s, tc);
	return run_suite(s, true);
}
