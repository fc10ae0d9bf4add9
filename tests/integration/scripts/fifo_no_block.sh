#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Nothing a jailed process does blocks the supervisor for the others
# (issue 13, item 3, docs/engine.md): more FIFO opens waiting for a writer
# than there are notification threads, and an exec of a FIFO; the rest of
# the jail keeps being served. At the host's / and in a Debian root.
. "$(dirname "$0")/lib.sh"

ROOTFS=/var/cache/jail-tests/rootfs-bookworm

# check WHAT ROOT FIFO (the FIFO's name inside the jail)
check() {
	out=$(timeout 30 "$JAIL" "$2" h "" /bin/sh -c "
		for i in 1 2 3 4 5 6; do cat $3 >/dev/null & done
		sleep 0.5
		cat /etc/hostname >/dev/null && echo opens-served
		$3 2>/dev/null; echo exec=\$?
		echo x > $3; wait; echo done" 2>&1)
	echo "$out"
	expect_eq "$1: other opens are served while six wait on a FIFO" "$(echo "$out" | grep -c opens-served)" 1
	expect_eq "$1: exec of a FIFO fails (and returns)" "$(echo "$out" | grep exec=)" exec=126
	expect_eq "$1: the waiting opens complete" "$(echo "$out" | tail -1)" done
}

mkfifo "$WORK/fifo"
check "host's /" / "$WORK/fifo"

if [ -x "$ROOTFS/bin/sh" ] && [ -w "$ROOTFS/tmp" ]; then
	name=fifo.$$.$(id -u)
	mkfifo "$ROOTFS/tmp/$name"
	trap 'rm -f "$ROOTFS/tmp/$name"; cleanup' EXIT
	check "own root" "$ROOTFS" "/tmp/$name"
fi

# More waiting opens than the supervisor has threads for (256 per
# listener): past that a call that may wait fails (ENFILE) instead of
# taking the last free thread, so the rest of the jail is still served.
out=$(timeout 120 "$JAIL" / h "" /bin/sh -c "
	for i in \$(seq 300); do cat $WORK/fifo >/dev/null 2>&1 & done
	sleep 3
	cat /etc/hostname >/dev/null && echo opens-served
	echo x > $WORK/fifo; wait; echo done" 2>&1)
expect_eq "300 waiting opens: the other opens are served" "$(echo "$out" | grep -c opens-served)" 1
expect_eq "300 waiting opens: the jail ends" "$(echo "$out" | tail -1)" done

# A caller killed while its open waits gives its supervisor thread back
# (the wait is interrupted and the notification found gone). As root only:
# the supervisor is not dumpable, so the test user cannot read its wchan.
[ "$(id -u)" = 0 ] || exit 0
"$JAIL" / h "" /bin/sh -c "
	pids=; for i in 1 2 3 4 5 6 7 8; do cat $WORK/fifo & pids=\"\$pids \$!\"; done
	sleep 2; kill -9 \$pids; sleep 10" >/dev/null 2>&1 &
jpid=$!
sleep 1
# (the threads of the jail process and of its child, the supervisor; wchan
# ends without a newline)
waiting() {
	for p in $jpid $(pgrep -P $jpid); do
		for f in /proc/$p/task/*/wchan; do cat "$f" 2>/dev/null; echo; done
	done | grep -c wait_for_partner
}
n=0; while [ "$(waiting)" -lt 8 ] && [ $n -lt 50 ]; do sleep 0.2; n=$((n + 1)); done
expect_eq "eight supervisor threads wait in the FIFO opens" "$(waiting)" 8
# (within 5 s: the jail itself lives 10 s after the kill)
n=0; while [ "$(waiting)" -gt 0 ] && [ $n -lt 25 ]; do sleep 0.2; n=$((n + 1)); done
expect_eq "after the callers are killed, none waits any more" "$(waiting)" 0
wait "$jpid" 2>/dev/null || true
