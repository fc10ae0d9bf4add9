#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# FreeBSD's tests/sys/kern/sysctl_security_jail_children.sh (max_cur),
# ported: what `sysctl security.jail.children.*` shows there, jls shows
# here (children.max, children.cur; the host's current count is the
# number of jails jls lists); `jexec J sysctl` of a jail's own counters
# becomes the host's `jls -j J`.
. "$(dirname "$0")/lib.sh"

free=childfree-$$ max=maxallowed-$$
CLEANUP="$free $max"
count() { jls -N 2>/dev/null | awk -v a="$free" -v b="$max" '$1 == a || $1 == b || $1 == b ".family" { n++ } END { print n + 0 }'; }
# the tools run traced inside the jail: no leak checker under ptrace (ASan)
inside="env ASAN_OPTIONS=detect_leaks=0"

CASE=max_cur
check "no jail of this test yet" 0 "0" ignore -- count
jail -q -c name=$free persist
check "the host's count grows by one" 0 "1" ignore -- count
check "children.max of a new jail" 0 "0" empty -- jls -j $free children.max
check "children.cur of a new jail" 0 "0" empty -- jls -j $free children.cur
jail -q -c name=$max children.max=5 persist
check "the host's count grows by two" 0 "2" ignore -- count
check "children.max as given" 0 "5" empty -- jls -j $max children.max
check "children.cur still 0" 0 "0" empty -- jls -j $max children.cur
check "jls -s keeps children.max" 0 "match:children.max=5" empty -- jls -s -j $max
check "maxallowed makes family, children.max=4" 0 ignore empty -- \
	jexec $max $inside jail -c name=family children.max=4 persist
check "the host's count grows by three" 0 "3" ignore -- count
check "children.cur of maxallowed is 1" 0 "1" empty -- jls -j $max children.cur
check "children.max of maxallowed.family" 0 "4" empty -- jls -j $max.family children.max
check "children.cur of maxallowed.family" 0 "0" empty -- jls -j $max.family children.cur
check "inside maxallowed, family as its own name" 0 "family 4 0" empty -- \
	jexec $max $inside jls -j family name children.max children.cur
finish
