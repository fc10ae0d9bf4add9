#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The supervisor fails closed: held at a descriptor limit it has already
# reached (prlimit, so every descriptor it would open fails with EMFILE),
# the /proc check, the /proc listing and the implicit bind of listen and
# connect make their calls fail; none of them runs unchecked
# (probes/fail_closed.c).
. "$(dirname "$0")/lib.sh"
PROBE=$PROBES/fail_closed
[ -x "$PROBE" ] || fail "no probe $PROBE"
command -v prlimit >/dev/null || { echo "SKIP: no prlimit"; exit 77; }

JAIL_PROBE_WAIT=1 "$JAIL" / probehost 127.0.0.2 "$PROBE" >"$WORK/out" 2>&1 &
front=$!
i=0
until grep -q '^ready$' "$WORK/out" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 200 ] || { kill "$front"; fail "the probe did not start: $(cat "$WORK/out")"; }
	sleep 0.05
done
sv=$(pgrep -P "$front")
probe=$(pgrep -P "$sv")
[ -n "$sv" ] && [ -n "$probe" ] || { kill "$front"; fail "no supervisor or probe under $front"; }
# the lowest descriptor number the supervisor does not use: as its limit,
# no new descriptor fits
n=0
while [ -e "/proc/$sv/fd/$n" ]; do n=$((n + 1)); done
prlimit --pid "$sv" --nofile="$n:$n" || { kill "$front"; fail "prlimit"; }
echo "supervisor $sv held at $n descriptors"
kill -USR1 "$probe"
wait "$front"
rc=$?
cat "$WORK/out"
grep -q '^PASS' "$WORK/out" && [ $rc = 0 ] || fail "a check ran unchecked with the supervisor out of descriptors"
grep -q '^ok: open /proc/[0-9]*/status: Too many open files' "$WORK/out" ||
	fail "the supervisor was not out of descriptors (the /proc check did not fail with EMFILE)"
pass "out of descriptors, the supervisor fails the calls it cannot check"
