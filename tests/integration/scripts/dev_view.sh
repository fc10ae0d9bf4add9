#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# A jail whose root has no /dev (nor /proc): another session's terminal (a pty this
# script holds) is absent, a pty the jail opens is its own, /dev/shm and
# /dev/mqueue are not the host's (probes/dev_view.c, static, alone in the
# root).
. "$(dirname "$0")/lib.sh"
[ -x "$ROOTED/dev_view" ] || fail "no $ROOTED/dev_view"
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
mkdir "$WORK/root"
cp "$ROOTED/dev_view" "$ROOTED/host_pid_lists" "$WORK/root/"
python3 -c 'import os, pty, time
m, s = pty.openpty()
print(os.ttyname(s), flush=True)
time.sleep(60)' >"$WORK/pty" &
holder=$!
i=0
until [ -s "$WORK/pty" ]; do i=$((i + 1)); [ $i -lt 100 ] || fail "no pty"; sleep 0.05; done
pty=$(cat "$WORK/pty")
out=$(JAIL_PROBE_PTY=$pty timeout 60 "$JAIL" "$WORK/root" h "" /dev_view 2>&1)
rc=$?
kill "$holder"
echo "$out"
case "$out" in PASS*) [ $rc = 0 ] || fail "exit $rc" ;; *) fail "the probe did not pass" ;; esac
pass "another session's pty ($pty) is absent in a jail without /dev"

# the same root has no /proc either: the host's, with other processes absent
out=$(timeout 60 "$JAIL" "$WORK/root" h "" /host_pid_lists 2>&1)
rc=$?
echo "$out"
case "$out" in PASS*) [ $rc = 0 ] || fail "exit $rc" ;; *) fail "host_pid_lists did not pass in a root without /proc" ;; esac
pass "a root without /proc: host pid lists absent, /proc/1/cwd answers as a missing pid"
