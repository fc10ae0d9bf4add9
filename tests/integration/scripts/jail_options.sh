#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# jail(8)'s options beyond -c and -r: -m on a running jail (hostname and
# an address, checked from inside), what -m refuses, -cm, -rc, -J, -l, -s,
# -u/-U, -h, -e, -R.
. "$(dirname "$0")/lib.sh"

n=opt-$$
CREATED="$n"
PY=/usr/bin/python3

"$JAIL" -q -c name=$n persist host.hostname=before.example ip4.addr=127.0.0.41 || fail "jail -c"
"$JEXEC" $n sleep 30 &
sleeper=$!
i=0
while [ "$("$JLS" -j $n nproc)" = 0 ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done
[ "$("$JLS" -j $n nproc)" != 0 ] || fail "no process in the jail after 20 s"
out=$("$JAIL" -m name=$n host.hostname=after.example ip4.addr=127.0.0.42 2>&1)
expect_eq "jail -m: updated" "$? $out" "0 $n: updated"
expect_eq "jail -m: the new hostname inside" "$("$JEXEC" $n hostname)" after.example
bind='import socket, sys
s = socket.socket()
try:
    s.bind((sys.argv[1], 0)); print("ok")
except OSError as e:
    print(e.strerror)'
if [ -x $PY ]; then
	expect_eq "jail -m: the new address is the jail's" "$("$JEXEC" $n $PY -c "$bind" 127.0.0.42)" ok
	expect_eq "jail -m: the old one is not" "$("$JEXEC" $n $PY -c "$bind" 127.0.0.41)" \
		"Cannot assign requested address"
fi
"$JAIL" -m name=$n allow.raw_sockets 2>"$WORK/err"
expect_eq "jail -m: allow.* with processes running" "$? $(cat "$WORK/err")" \
	"1 jail: $n: allow.raw_sockets cannot be changed while the jail has processes"
"$JAIL" -m name=$n path=/tmp 2>"$WORK/err"
expect_eq "jail -m: path" "$? $(cat "$WORK/err")" "1 jail: $n: path cannot be changed after creation"
"$JAIL" -m name=nosuch-$$ persist 2>"$WORK/err"
expect_eq "jail -m: no such jail" "$? $(cat "$WORK/err")" "1 jail: \"nosuch-$$\" not found"
kill $sleeper 2>/dev/null
"$JKILL" -KILL $n >/dev/null
wait $sleeper 2>/dev/null
i=0
while [ "$("$JLS" -j $n nproc)" != 0 ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
out=$("$JAIL" -m name=$n allow.raw_sockets securelevel=1 2>&1)
expect_eq "jail -m: allow.* and securelevel with no process" "$? $out $("$JLS" -j $n allow.raw_sockets securelevel)" \
	"0 $n: updated true 1"
"$JAIL" -m name=$n securelevel=0 2>"$WORK/err"
expect_eq "jail -m: securelevel is never lowered" "$? $(cat "$WORK/err")" "1 jail: $n: jail_set: Operation not permitted"
out=$("$JAIL" -cm name=$n host.hostname=cm.example 2>&1)
expect_eq "jail -cm on a running jail: modified" "$? $out $("$JLS" -j $n host.hostname)" "0 $n: updated cm.example"
jid=$("$JLS" -j $n jid)
out=$("$JAIL" -rc name=$n persist host.hostname=rc.example 2>&1)
expect_eq "jail -rc: removed, created anew" "$? $out $("$JLS" -j $n host.hostname)" "0 $n: removed
$n: created rc.example"
[ "$("$JLS" -j $n jid)" != "$jid" ] || fail "jail -rc kept the jid"
out=$("$JAIL" -m name=$n nopersist 2>&1)
expect_eq "jail -m nopersist with no process: the jail goes" "$? $out" "0 $n: updated"
i=0
while "$JLS" -j $n >/dev/null 2>&1 && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
"$JLS" -j $n >/dev/null 2>&1 && fail "$n is still listed"
pass "gone"

# -J file, -s securelevel, -l (clean environment), -h
"$JAIL" -J "$WORK/jid" -s 2 -c name=$n persist host.hostname=j.example ip4.addr=127.0.0.43 >/dev/null || fail "-J"
expect_eq "-J: the jail's parameters" "$(cat "$WORK/jid")" \
	"jid=$("$JLS" -j $n jid) name=$n path=/ host.hostname=j.example ip4.addr=127.0.0.43 persist"
expect_eq "-s 2: securelevel" "$("$JLS" -j $n securelevel)" 2
"$JAIL" -q -r $n
expect_eq "-l: a clean environment" "$(FOO=bar "$JAIL" -l -q -c name=$n command=sh -c 'echo ${FOO:-clean}')" clean
expect_eq "without -l: the caller's" "$(FOO=bar "$JAIL" -q -c name=$n command=sh -c 'echo ${FOO:-clean}')" bar
expect_eq "-l, old syntax" "$(FOO=bar "$JAIL" -l / h 127.0.0.2 sh -c 'echo ${FOO:-clean}')" clean
"$JAIL" -h -q -c name=$n persist host.hostname=localhost || fail "-h"
case ",$("$JLS" -j $n ip4.addr)," in *,127.0.0.1,*) pass "-h: host.hostname's addresses" ;;
*) fail "-h: $("$JLS" -j $n ip4.addr)" ;; esac
"$JAIL" -q -r $n

# -u / -U: the command runs as that user (root only, as on FreeBSD)
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	expect_eq "-u nobody: the command's user" "$("$JAIL" -u nobody -q -c name=$n command=id -un)" nobody
	expect_eq "-U nobody (the jail's passwd, here /)" "$("$JAIL" -U nobody / h 127.0.0.2 id -un)" nobody
fi
if [ "$(id -u)" != 0 ]; then
	"$JAIL" -u root -q -c name=$n command=id -un 2>"$WORK/err"
	expect_eq "-u root by a normal user" "$? $(cat "$WORK/err")" "1 jail: $n: root: Operation not permitted"
fi

# -e: the file's jails, one line each
printf '%s\n' 'path = /;' "$n { persist; host.hostname = e.example; }" "other-$$ { }" >"$WORK/e.conf"
expect_eq "-e" "$("$JAIL" -f "$WORK/e.conf" -e '|')" "name=$n|path=/|persist|host.hostname=e.example
name=other-$$|path=/"
