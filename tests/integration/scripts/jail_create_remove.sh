#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# jail -c / jail -r: a persistent jail stays with no process until removed;
# removal sends SIGTERM, then SIGKILL after stop.timeout, and leaves no
# process and no registry entry; the old syntax registers while it runs;
# FreeBSD's error messages, with nothing half-made.
. "$(dirname "$0")/lib.sh"

# supervisor_of NAME: the pid of the jail's supervisor (from its command line)
supervisor_of() { pgrep -u "$(id -u)" -f "name=$1( |$)"; }
# alive PID: runs (a zombie waiting for its parent to reap it does not)
alive() { [ -e /proc/$1 ] && [ "$(cut -d' ' -f3 /proc/$1/stat 2>/dev/null)" != Z ]; }

expect_gone() { # expect_gone NAME JID
	"$JLS" -j "$1" >/dev/null 2>&1 && fail "$1 is still listed"
	[ -e "$REGISTRY/$2.jail" ] && fail "$REGISTRY/$2.jail is left"
	[ -e "$REGISTRY/$2.sock" ] && fail "$REGISTRY/$2.sock is left"
	pass "$1: not listed, no registry entry"
}

# persist, no command: jail(8) returns at once, the jail stays
p=cr-p-$$
CREATED="$CREATED $p"
out=$("$JAIL" -c name=$p persist host.hostname=p.example 2>&1)
expect_eq "jail -c persist: exit 0, NAME: created" "$? $out" "0 $p: created"
jid=$("$JLS" -j $p jid)
expect_eq "listed with no process" "$("$JLS" -j $p name nproc persist)" "$p 0 true"
sv=$(supervisor_of $p)
[ -n "$sv" ] || fail "no supervisor for $p"
expect_eq "the supervisor left the terminal's session" "$(ps -o sid= -p "$sv" | tr -d ' ')" "$sv"
"$JAIL" -r $p
expect_eq "jail -r NAME: exit 0" $? 0
alive "$sv" && fail "the supervisor of $p still runs"
expect_gone $p "$jid"

# remove by jid, with processes: SIGTERM reaches them
q=cr-q-$$
CREATED="$CREATED $q"
jid=$("$JAIL" -i -c name=$q persist) || fail "jail -c $q"
"$JEXEC" $q sh -c "echo started; exec sleep 61$$" >"$WORK/q.out" &
jx=$!
i=0
while ! grep -q started "$WORK/q.out" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
"$JAIL" -r "$jid"
expect_eq "jail -r JID: exit 0" $? 0
wait $jx
expect_eq "the jexec'd process got SIGTERM" $? 143
expect_no_process "sleep 61$$"
expect_gone $q "$jid"

# processes that ignore SIGTERM: SIGKILL after stop.timeout
r=cr-r-$$
CREATED="$CREATED $r"
jid=$("$JAIL" -i -c name=$r persist stop.timeout=1 command=sh -c "trap '' TERM; sleep 62$$ >/dev/null 2>&1 & echo bg") ||
	fail "jail -c $r with a command"
start=$(date +%s%N)
"$JAIL" -r $r
took=$((($(date +%s%N) - start) / 1000000))
[ $took -ge 900 ] || fail "jail -r took $took ms: did not wait for stop.timeout=1"
[ $took -lt 5000 ] || fail "jail -r took $took ms"
pass "stop.timeout=1: removed after ${took} ms"
expect_no_process "sleep 62$$"
expect_gone $r "$jid"

# command= with persist: jail(8) returns the command's status, the jail stays
s=cr-s-$$
CREATED="$CREATED $s"
"$JAIL" -c name=$s persist command=sh -c 'exit 7'
expect_eq "persist + command: the command's status" $? 7
expect_eq "persist + command: the jail stays" "$("$JLS" -j $s nproc)" 0
expect_eq "its output can be captured (no pipe held)" "$("$JAIL" -c name=$s-2 persist command=echo hi; "$JAIL" -r $s-2)" "hi
$s-2: created
$s-2: removed"
"$JAIL" -r $s || fail "jail -r $s"

# command without persist: gone with its last process
t=cr-t-$$
"$JAIL" -c name=$t command=sh -c 'exit 3'
expect_eq "command, no persist: status" $? 3
"$JLS" -j $t >/dev/null 2>&1 && fail "$t outlived its command"
pass "command, no persist: the jail is gone with its last process"

# the old syntax registers while the command runs, and unregisters
o=cr-o-$$
"$JAIL" -n $o / oldhost 127.0.0.23 sh -c "sleep 63$$" &
front=$!
i=0
# listed, and its sh has started the sleep (a loaded machine may take a while)
while { ! "$JLS" -j $o >/dev/null 2>&1 || ! pgrep -u "$(id -u)" -f "^sleep 63$$" >/dev/null; } && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
jid=$("$JLS" -j $o jid)
expect_eq "old syntax: listed while it runs" "$("$JLS" -j $o name host.hostname ip4.addr nproc)" "$o oldhost 127.0.0.23 2"
kill "$(pgrep -u "$(id -u)" -f "^sleep 63$$")"
wait $front
expect_eq "old syntax: its status" $? 143
sleep 0.2
expect_gone $o "$jid"
jid=$("$JAIL" -i / h "" true)
expect_eq "old syntax: a name by default, the jid" "$(echo "$jid" | tr -d 0-9)" ""

# errors: FreeBSD's words, exit 1, nothing left behind
check() { # check WANT ARGS...
	want=$1
	shift
	"$JAIL" "$@" >"$WORK/out" 2>"$WORK/err"
	expect_eq "jail $*: exit 1 and message" "$? $(cat "$WORK/err")" "1 $want"
	[ -s "$WORK/out" ] && fail "jail $* wrote to stdout"
}
check "jail: \"nosuch-$$\" not found" -r nosuch-$$
check "jail: \"999997\" not found" -r 999997
u=cr-u-$$
CREATED="$CREATED $u"
"$JAIL" -c name=$u persist || fail "jail -c $u"
ujid=$("$JLS" -j $u jid)
check "jail: \"$u\" already exists" -c name=$u persist
check "jail: \"$ujid\" already exists" -c jid=$ujid persist
expect_eq "only one supervisor for $u" "$(supervisor_of $u | wc -l)" 1
check "jail: unknown parameter: bogus" -c name=cr-v-$$ bogus=1 persist
check "jail: unknown parameter: bogus" -c name=cr-v-$$ persist bogus
check "jail: persist: unknown boolean value \"perhaps\"" -c name=cr-v-$$ persist=perhaps
check "jail: path tmp: not an absolute pathname" -c name=cr-v-$$ path=tmp persist
check "jail: name cannot be numeric (unless it is the jid)" -c name=999996 persist
"$JLS" -j cr-v-$$ >/dev/null 2>&1 && fail "a failed jail -c left cr-v-$$ listed"
expect_no_process "name=cr-v-$$"
"$JAIL" -r $u || fail "jail -r $u"
"$JAIL" -q -r nosuch-$$ 2>"$WORK/err"
expect_eq "jail -q -r unknown: exit 1, silent" "$? $(cat "$WORK/err")" "1 "

# several at once, and "*"
"$JAIL" -c name=cr-w1-$$ persist && "$JAIL" -c name=cr-w2-$$ persist || fail "jail -c w1 w2"
CREATED="$CREATED cr-w1-$$ cr-w2-$$"
expect_eq "jail -r A B says what it removed" "$("$JAIL" -r cr-w1-$$ cr-w2-$$)" "cr-w1-$$: removed
cr-w2-$$: removed"
