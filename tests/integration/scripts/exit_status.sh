#!/bin/sh
# jail exits with the command's status, or 128+N if a signal N killed it.
. "$(dirname "$0")/lib.sh"

"$JAIL" / h "" sh -c 'exit 0'; expect_eq "exit 0" $? 0
"$JAIL" / h "" sh -c 'exit 42'; expect_eq "exit 42" $? 42
"$JAIL" / h "" sh -c 'kill -TERM $$'; expect_eq "killed by SIGTERM" $? 143
"$JAIL" / h "" sh -c 'kill -KILL $$'; expect_eq "killed by SIGKILL" $? 137
"$JAIL" / h "" sh -c 'kill -SEGV $$'; expect_eq "killed by SIGSEGV" $? 139
# a background child that outlives the command does not change its status
start=$(date +%s)
"$JAIL" / h "" sh -c 'sleep 2 & exit 5'; expect_eq "status with a background child" $? 5
[ $(($(date +%s) - start)) -lt 2 ] || fail "jail waited for the background child"
pass "jail returns when the command exits, not when the jail empties"
sleep 2.5
expect_no_process "sleep 2"
"$JAIL" / h "" /nonexistent/program 2>"$WORK/err"; rc=$?
expect_eq "a missing program: exit status" $rc 1
expect_eq "a missing program: message" "$(cat "$WORK/err")" "jail: execvp: /nonexistent/program: No such file or directory"
