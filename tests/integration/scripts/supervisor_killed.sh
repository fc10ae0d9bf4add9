#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# If the supervisor is killed with SIGKILL, every jailed process dies with
# it, and jail(8) exits non-zero.
. "$(dirname "$0")/lib.sh"

marker="sleep 31$$"
"$JAIL" / h "" sh -c "$marker & $marker & $marker" &
front=$!
trap 'kill -KILL $front $supervisor 2>/dev/null; rm -rf "$WORK"' EXIT
supervisor=
i=0
while [ "$(pgrep -u "$(id -u)" -f -c "^$marker")" -lt 3 ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ $i -lt 100 ] || fail "the jailed sleepers did not start"
supervisor=$(pgrep -P "$front")
[ -n "$supervisor" ] || fail "no supervisor process under jail(8) pid $front"
kill -KILL "$supervisor"
wait "$front"
rc=$?
[ "$rc" != 0 ] || fail "jail(8) exited 0 after its supervisor was killed"
pass "jail(8) exits $rc when its supervisor is killed"
expect_no_process "^$marker"
pass "every jailed process died with the supervisor"
