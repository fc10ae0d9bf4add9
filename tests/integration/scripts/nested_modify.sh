#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# jail -m of a child from inside its parent (FreeBSD: a parent modifies its
# child within its own limits; docs/nested-jails.md): what may change does,
# checked from inside the child, and each limit the parent has is kept
# (EPERM): an address it lacks, securelevel and enforce_statfs below its
# own, children.max not below its own, an allow.* it has not; a host jail
# is not found, path= and command are refused, a non-root user inside
# cannot modify.
. "$(dirname "$0")/lib.sh"
inside="env ASAN_OPTIONS=detect_leaks=0"
p=nm-p-$$ other=nm-o-$$
CREATED="$CREATED $p $other"
"$JAIL" -q -c name=$other persist || fail "jail -c $other"
"$JAIL" -q -c name=$p children.max=3 persist ip4.addr=127.0.1.1,127.0.1.2 securelevel=0 enforce_statfs=1 \
	allow.raw_sockets || fail "jail -c $p"
in_p() { timeout 30 "$JEXEC" $p $inside "$@" 2>&1; }
in_p "$JAIL" -q -c name=c persist ip4.addr=127.0.1.1 children.max=1 || fail "jail -c c inside $p"

# allowed changes, seen from inside the child
expect_eq "hostname changed from the parent" "$(in_p "$JAIL" -m name=c host.hostname=kid-$$)" "c: updated"
expect_eq "the child reads it" "$(in_p "$JEXEC" c /bin/sh -c hostname)" "kid-$$"
expect_eq "an address of the parent's" "$(in_p "$JAIL" -m name=c ip4.addr=127.0.1.2)" "c: updated"
expect_eq "the child has it" "$("$JLS" -j $p.c ip4.addr)" "127.0.1.2"
eperm="jail: jail_set: Operation not permitted 1"
mod() { out=$(in_p "$JAIL" -m name=c "$@"); echo "$out $?"; }
# the child has the parent's securelevel 0 and enforce_statfs 1
expect_eq "securelevel below the parent's: EPERM" "$(mod securelevel=-1 host.hostname=x)" "$eperm"
expect_eq "enforce_statfs below the parent's: EPERM" "$(mod enforce_statfs=0)" "$eperm"
expect_eq "securelevel raised" "$(in_p "$JAIL" -m name=c securelevel=1)" "c: updated"
expect_eq "enforce_statfs raised" "$(in_p "$JAIL" -m name=c enforce_statfs=2)" "c: updated"
expect_eq "children.max below the parent's" "$(in_p "$JAIL" -m name=c children.max=2)" "c: updated"
expect_eq "an allow.* the parent has" "$(in_p "$JAIL" -m name=c allow.raw_sockets)" "c: updated"
cjid=$("$JLS" -j $p.c jid)
expect_eq "found by jid" "$(in_p "$JAIL" -m jid=$cjid host.domainname=d-$$)" "c: updated"

# the parent's limits
expect_eq "an address the parent lacks: EPERM" "$(mod ip4.addr=127.0.3.3)" "$eperm"
expect_eq "children.max not below the parent's: EPERM" "$(mod children.max=3)" "$eperm"
expect_eq "an allow.* the parent has not: EPERM" "$(mod allow.chflags)" "$eperm"
expect_eq "after the refusals the child is as set" \
	"$("$JLS" -j $p.c ip4.addr securelevel enforce_statfs children.max allow.chflags host.hostname)" \
	"127.0.1.2 1 2 2 false kid-$$"

# what -m inside never reaches
out=$(in_p "$JAIL" -m name=$other host.hostname=x)
expect_eq "a host jail: not found" "$out $?" "jail: \"$other\" not found 1"
expect_eq "the host jail kept its name" "$("$JLS" -j $other host.hostname)" "$(hostname)"
out=$(in_p "$JAIL" -m name=c path=/tmp)
case "$out" in *"path=/tmp: not available inside a jail"*) pass "path= refused" ;; *) fail "path=: $out" ;; esac
out=$(in_p "$JAIL" -m name=c command=/bin/true)
case "$out" in *"not available inside a jail"*) pass "command refused" ;; *) fail "command: $out" ;; esac
if [ "$(id -u)" = 0 ]; then
	out=$(timeout 30 "$JEXEC" -U nobody $p $inside "$JAIL" -m name=c host.hostname=x 2>&1)
	expect_eq "a non-root user inside cannot modify" "$out $?" "$eperm"
fi
