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
