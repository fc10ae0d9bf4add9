/* SPDX-License-Identifier: BSD-2-Clause */
/* The kernel rule docs/visibility.md rests on: a traced process that has
 * exited cannot be reaped by its real parent until its tracer has waited
 * for it, so its pid cannot be reused while the supervisor still lists it.
 * Measured here, not assumed: a tracer seizes its grandchild, the
 * grandchild exits, its parent's waitid finds nothing and the pid stays
 * (a zombie in /proc) until the tracer waits; then the parent reaps it. */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "run_suite.h"

static void sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};
	nanosleep(&ts, NULL);
}

static char proc_state(pid_t pid)
{
	char path[64], buf[512];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

START_TEST(exited_tracee_is_held_until_the_tracer_waits)
{
	int to_parent[2], from_parent[2];
	ck_assert_int_eq(pipe(to_parent), 0);
	ck_assert_int_eq(pipe(from_parent), 0);
	pid_t parent = fork();
	ck_assert_int_ge(parent, 0);
	if (parent == 0) {
		/* the real parent: starts the child, tells the tracer its pid,
		 * then tries to reap it and reports what it got */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		int go[2];
		if (pipe(go))
			_exit(2);
		pid_t child = fork();
		if (child == 0) {
			char c;
			if (read(go[0], &c, 1) != 1)
				_exit(3);
			_exit(7);
		}
		if (write(to_parent[1], &child, sizeof(child)) != sizeof(child))
			_exit(2);
		char c;
		if (read(from_parent[0], &c, 1) != 1) /* the tracer has seized it */
			_exit(2);
		if (write(go[1], "g", 1) != 1)
			_exit(2);
		/* for 300 ms: the child has exited, but is not ours to reap */
		int early = 0;
		for (int i = 0; i < 30; i++) {
			siginfo_t si = {0};
			if (waitid(P_PID, (id_t)child, &si, WEXITED | WNOHANG) == 0 && si.si_pid == child)
				early = 1;
			sleep_ms(10);
		}
		if (write(to_parent[1], &early, sizeof(early)) != sizeof(early))
			_exit(2);
		if (read(from_parent[0], &c, 1) != 1) /* the tracer has waited */
			_exit(2);
		int status;
		pid_t got = waitpid(child, &status, 0);
		_exit(got == child && WIFEXITED(status) && WEXITSTATUS(status) == 7 && !early ? 0 : 1);
	}
	pid_t child;
	ck_assert_int_eq(read(to_parent[0], &child, sizeof(child)), sizeof(child));
	ck_assert_int_eq(ptrace(PTRACE_SEIZE, child, 0, PTRACE_O_EXITKILL), 0);
	ck_assert_int_eq(write(from_parent[1], "s", 1), 1);
	int early;
	ck_assert_int_eq(read(to_parent[0], &early, sizeof(early)), sizeof(early));
	ck_assert_msg(!early, "the real parent reaped a traced child before its tracer waited");
	ck_assert_msg(proc_state(child) == 'Z', "pid %d no longer held (state %c)", (int)child, proc_state(child));
	int status;
	ck_assert_int_eq(waitpid(child, &status, __WALL), child);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	ck_assert_int_eq(write(from_parent[1], "w", 1), 1);
	ck_assert_int_eq(waitpid(parent, &status, 0), parent);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the real parent could not reap it after the tracer waited");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pid_hold");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, exited_tracee_is_held_until_the_tracer_waits);
	suite_add_tcase(s, tc);
	return run_suite(s, false);
}
