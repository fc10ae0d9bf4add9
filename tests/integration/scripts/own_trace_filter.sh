#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The probe own_trace_filter (a jailed process stacks its own TRACE filter
# with data 0) in the modes where the jail's denials are TRACE too: -v and
# -L. Every denial must hold, and be reported, whatever the filter data.
. "$(dirname "$0")/lib.sh"
PROBE=$PROBES/own_trace_filter
[ -x "$PROBE" ] || fail "no probe $PROBE"

out=$("$JAIL" -v / probehost 127.0.0.2 "$PROBE" 2>"$WORK/err"); rc=$?
echo "$out"; cat "$WORK/err"
case "$out" in PASS*) [ $rc = 0 ] || fail "-v: exit $rc" ;; *) fail "-v: the probe did not pass" ;; esac
grep -q '^jail: denied in jail [0-9]*: pid [0-9]* (.*own_trace_filter): clone(' "$WORK/err" ||
	fail "-v: the clone denial was not reported"
grep -q '): io_uring_setup(' "$WORK/err" || fail "-v: the io_uring_setup denial was not reported"
pass "-v: an own TRACE filter changes no denial, and each is reported"

out=$("$JAIL" -L "$WORK/log" / probehost 127.0.0.2 "$PROBE" 2>"$WORK/err"); rc=$?
echo "$out"
case "$out" in PASS*) [ $rc = 0 ] || fail "-L: exit $rc" ;; *) fail "-L: the probe did not pass" ;; esac
grep -q '): ptrace(' "$WORK/log" || fail "-L: the ptrace denial was not logged"
pass "-L: an own TRACE filter changes no denial, and each is logged"
