#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# sysvmsg, sysvsem, sysvshm = new: each jail its own SysV key space
# (docs/sysvipc.md). Two jails and the host make objects with one key and
# each sees its own; the host's ids give EINVAL inside (probe sysv_space);
# ipcs inside lists only the jail's; the objects go with the jail; a
# disabled family gives ENOSYS next to a new one; a nested child cannot
# inherit a parent's own space. The same with the i386 probe (ipc(2)) where
# this machine runs 32-bit programs.
. "$(dirname "$0")/lib.sh"

P=$PROBES/sysv_space
[ -x "$P" ] || { echo "SKIP: no probe $P"; exit 77; }
P32=$PROBES/../probes-i386/sysv_space
"$P32" x >/dev/null 2>&1
[ $? = 1 ] || P32=

KEY=$(( 0x53590000 + $$ % 65536 ))
a=sysvA-$$ b=sysvB-$$ c=sysvC-$$ par=sysvP-$$
CREATED="$a $b $c $par"
host=$("$P" host $KEY) || fail "host objects: $host"
set -- $host
HSHM=$1 HSEM=$2 HMSG=$3
trap 'ipcrm -m $HSHM -s $HSEM -q $HMSG 2>/dev/null; cleanup' EXIT

NEW="sysvmsg=new sysvsem=new sysvshm=new"
for j in $a $b; do
	"$JAIL" -q -c name=$j persist $NEW || fail "jail -c $j"
	expect_eq "jls: $j's parameters" "$("$JLS" -j $j sysvmsg sysvsem sysvshm)" "new new new"
done
out=$("$JEXEC" $a "$P" jail $KEY A $HSHM $HSEM $HMSG) || fail "in $a: $out"
pass "in $a: the host's key and ids are not the jail's; IPC_EXCL, IPC_STAT, *_STAT, *_INFO"
set -- $out
ASHM=$2 ASEM=$3 AMSG=$4
out=$("$JEXEC" $b "$P" jail $KEY B $HSHM $HSEM $HMSG) || fail "in $b: $out"
set -- $out
BSHM=$2 BSEM=$3 BMSG=$4
pass "in $b: the same key made again, its own"
expect_eq "one key, three segments: $a's" "$("$JEXEC" $a "$P" read $KEY)" A
expect_eq "one key, three segments: $b's" "$("$JEXEC" $b "$P" read $KEY)" B
expect_eq "one key, three segments: the host's" "$("$P" read $KEY)" host

if command -v ipcs >/dev/null; then
	ids=$("$JEXEC" $a ipcs -m | awk '$2 ~ /^[0-9]+$/ { print $1, $2 }')
	expect_eq "ipcs -m in $a: its segment only, with its key" "$ids" "$(printf '0x%08x %s' $KEY $ASHM)"
	ids=$("$JEXEC" $a ipcs -s | awk '$2 ~ /^[0-9]+$/ { print $2 }')
	expect_eq "ipcs -s in $a: its set only" "$ids" "$ASEM"
	ids=$("$JEXEC" $a ipcs -q | awk '$2 ~ /^[0-9]+$/ { print $2 }')
	expect_eq "ipcs -q in $a: its queue only" "$ids" "$AMSG"
fi

"$JAIL" -q -r $a
"$JAIL" -q -r $b
out=$("$P" gone $ASHM $ASEM $AMSG) || fail "after jail -r $a: $out"
out=$("$P" gone $BSHM $BSEM $BMSG) || fail "after jail -r $b: $out"
pass "the jails' objects are removed with them"
expect_eq "the host's segment stays" "$("$P" read $KEY)" host

# jail -m taking the own space away (no processes: allowed) removes its objects
"$JAIL" -q -c name=$a persist $NEW || fail "jail -c $a"
out=$("$JEXEC" $a "$P" host $KEY) || fail "objects in $a: $out"
"$JAIL" -q -m name=$a sysvmsg=inherit sysvsem=disable sysvshm=inherit || fail "jail -m $a"
out=$("$P" gone $out) || fail "after jail -m: $out"
pass "jail -m from new: the jail's objects are removed"
"$JAIL" -q -r $a

# a filter of the program's own answering the injected get with 0: the
# supervisor must not record id 0 (the host's object 0) as the jail's
out=$("$JAIL" -q -c name=$c $NEW command="$P" forged 2>&1) || fail "forged ids: $out"
pass "a forged id 0 from the program's own filter is refused (ENOSPC)"

# a disabled family next to a new one
out=$("$JAIL" -q -c name=$c sysvshm=disable sysvmsg=new command="$P" disabled) || fail "disabled: $out"
pass "sysvshm=disable next to sysvmsg=new: ENOSYS and a queue"

# i386: the same through glibc's ipc(2)
if [ -n "$P32" ]; then
	"$JAIL" -q -c name=$c persist $NEW || fail "jail -c $c"
	out=$("$JEXEC" $c "$P32" jail $KEY C $HSHM $HSEM $HMSG) || fail "i386 in $c: $out"
	set -- $out
	expect_eq "i386: $c's segment" "$("$JEXEC" $c "$P32" read $KEY)" C
	"$JAIL" -q -r $c
	out=$("$P" gone $2 $3 $4) || fail "i386: after jail -r $c: $out"
	pass "i386 (ipc multiplexer): the same checks, and its objects are removed"
	out=$("$JAIL" -q -c name=$c sysvshm=disable sysvmsg=new command="$P32" disabled) || fail "i386 disabled: $out"
	pass "i386: sysvshm=disable next to sysvmsg=new through ipc(2): ENOSYS and a queue"
fi

# a child cannot share its parent's own key space (a jailed tool under
# ASan: LeakSanitizer cannot run traced)
inside="env ASAN_OPTIONS=detect_leaks=0"
"$JAIL" -q -c name=$par persist children.max=1 allow.sysvipc sysvshm=new || fail "jail -c $par"
"$JEXEC" $par $inside "$JAIL" -c name=kid persist allow.sysvipc >"$WORK/out" 2>&1 && fail "a child inherited $par's key space"
expect_eq "a child of sysvshm=new inheriting: one line" "$(wc -l <"$WORK/out")" 1
grep -q 'sysvshm=inherit' "$WORK/out" || fail "child refusal: $(cat "$WORK/out")"
pass "child refused: $(cat "$WORK/out")"
"$JEXEC" $par $inside "$JAIL" -q -c name=kid persist allow.sysvipc sysvshm=new || fail "a child with its own key space"
expect_eq "the child's sysvshm" "$("$JEXEC" $par $inside "$JLS" -j kid sysvshm)" new
"$JEXEC" $par $inside "$JAIL" -m name=kid sysvshm=inherit >"$WORK/out" 2>&1 && fail "jail -m: the child took the parent's space"
expect_eq "jail -m of the child to inherit: refused" "$("$JEXEC" $par $inside "$JLS" -j kid sysvshm)" new
"$JAIL" -q -r $par
