#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Descriptor owners (F_SETOWN, F_SETOWN_EX, FIOSETOWN, SIOCSPGRP) reach
# only the jail's processes: a stopped sleep this script started outside,
# in the process group the jail shares with this script, must stay stopped
# while the probe signal_owners tries to make the kernel send it SIGCONT,
# by pid and by group.
. "$(dirname "$0")/lib.sh"
PROBE=$PROBES/signal_owners
[ -x "$PROBE" ] || fail "no probe $PROBE"

sleep 60 &
target=$!
kill -STOP "$target"
state() { sed 's/^.*) \(.\).*$/\1/' "/proc/$target/stat"; }
i=0
while [ "$(state)" != T ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
expect_eq "the target is stopped" "$(state)" T

out=$(JAIL_PROBE_TARGET=$target "$JAIL" / probehost 127.0.0.2 "$PROBE" 2>&1); rc=$?
echo "$out"
st=$(state)
kill -KILL "$target"
wait "$target" 2>/dev/null
expect_eq "no SIGCONT reached the sleep outside (by pid or through the shared group)" "$st" T
case "$out" in PASS*) [ $rc = 0 ] || fail "exit $rc" ;; *) fail "the probe did not pass" ;; esac
pass "every owner outside the jail is ESRCH"
