#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# A process of 4,200 threads and a second process in one jail: kill(-1, 0)
# inside finds the second (the probe), and jls counts 2 processes, listing
# both pids (the process table is keyed by thread-group id).
. "$(dirname "$0")/lib.sh"

[ -x "$PROBES/many_threads" ] || fail "no probe programs in [$PROBES]"
n=mt-$$
CREATED="$CREATED $n"
"$JAIL" -n $n / mthost "" "$PROBES/many_threads" hold >"$WORK/out" 2>&1 &
front=$!
i=0
while ! grep -q '^PASS' "$WORK/out" && [ $i -lt 600 ] && kill -0 $front 2>/dev/null; do
	sleep 0.1
	i=$((i + 1))
done
grep -q '^PASS' "$WORK/out" || { cat "$WORK/out"; kill $front 2>/dev/null; fail "the probe did not pass"; }
pass "kill(-1, 0) in the jail finds the second process beside 4,200 threads"
expect_eq "jls counts 2 processes" "$("$JLS" -j $n nproc)" 2
expect_eq "jls lists 2 pids" "$("$JLS" -j $n pids | tr , '\n' | wc -l)" 2
"$JAIL" -q -r $n || fail "jail -r $n"
wait $front
expect_no_process "$PROBES/many_threads hold"
