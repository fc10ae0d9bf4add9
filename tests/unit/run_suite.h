/* SPDX-License-Identifier: BSD-2-Clause */
/* The end of every unit test's main(): runs the suite, the exit status says
 * whether anything failed. */
#ifndef JAIL_TESTS_RUN_SUITE_H
#define JAIL_TESTS_RUN_SUITE_H

#include <check.h>
#include <stdbool.h>
#include <stdlib.h>

/* fork: each test in its own process (Check's default); false for tests
 * that must share the process (e.g. they trace their own children). */
static inline int run_suite(Suite *s, bool fork)
{
	SRunner *sr = srunner_create(s);
	if (!fork)
		srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
