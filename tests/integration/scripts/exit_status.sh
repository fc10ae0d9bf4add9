#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# jail exits with the command's status, or 128+N if a signal N killed it.
. "$(dirname "$0")/lib.sh"

"$JAIL" / h "" sh -c 'exit 0'; expect_eq "exit 0" $? 0
"$JAIL" / h "" sh -c 'exit 42'; expect_eq "exit 42" $? 42
"$JAIL" / h "" sh -c 'kill -TERM $$'; expect_eq "killed by SIGTERM" $? 143
"$JAIL" / h "" sh -c 'kill -KILL $$'; expect_eq "killed by SIGKILL" $? 137
"$JAIL" / h "" sh -c 'kill -SEGV $$'; expect_eq "killed by SIGSEGV" $? 139
# a background child that outlives the command does not change its status
# (the child's argument is unique to this run: other tests' sleeps differ)
marker="4.0$$"
start=$(date +%s%N)
"$JAIL" / h "" sh -c "sleep $marker & exit 5"; expect_eq "status with a background child" $? 5
took=$((($(date +%s%N) - start) / 1000000))
[ $took -lt 3500 ] || fail "jail waited for the background child ($took ms)"
pass "jail returns when the command exits, not when the jail empties ($took ms)"
# the child ends about 4 s after it started, and the supervisor with it
# (its command line holds the marker too); a loaded machine may take longer
i=0
while pgrep -u "$(id -u)" -f "sleep $marker" >/dev/null && [ $i -lt 150 ]; do
	sleep 0.1
	i=$((i + 1))
done
expect_no_process "sleep $marker"
"$JAIL" / h "" /nonexistent/program 2>"$WORK/err"; rc=$?
expect_eq "a missing program: exit status" $rc 1
expect_eq "a missing program: message" "$(cat "$WORK/err")" "jail: execvp: /nonexistent/program: No such file or directory"
