#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# jls prints FreeBSD's formats byte for byte, with the jails' live state
# (a hostname set inside shows; processes are counted and listed).
. "$(dirname "$0")/lib.sh"

a=fmt-a-$$ b=fmt-b-$$
jid_a=$("$JAIL" -i -c name=$a persist host.hostname=a.example ip4.addr=127.0.0.21,127.0.0.22 ip6.addr=::1) ||
	fail "jail -c $a"
CREATED="$CREATED $a"
jid_b=$("$JAIL" -i -c name=$b persist path=/tmp) || fail "jail -c $b"
CREATED="$CREATED $b"
expect_eq "jail -i prints the new jid" "$(echo "$jid_a$jid_b" | tr -d 0-9)" ""

header='   JID  IP Address      Hostname                      Path'
row_a=$(printf '%6d  %-15.15s %-29.29s %.74s' "$jid_a" 127.0.0.21 a.example /)
# host.hostname defaults to the host's name (FreeBSD: the parent's)
row_b=$(printf '%6d  %-15.15s %-29.29s %.74s' "$jid_b" "" "$(uname -n)" /tmp)

"$JLS" >"$WORK/all" || fail "jls exits $?"
expect_eq "jls: header" "$(head -1 "$WORK/all")" "$header"
grep -qxF "$row_a" "$WORK/all" || fail "jls: no row [$row_a] in: $(cat "$WORK/all")"
grep -qxF "$row_b" "$WORK/all" || fail "jls: no row [$row_b] in: $(cat "$WORK/all")"
pass "jls: the rows of both jails"
printf '%s\n%s\n' "$header" "$row_a" >"$WORK/want"
"$JLS" -j $a >"$WORK/got"
cmp -s "$WORK/got" "$WORK/want" || fail "jls -j $a: $(cat "$WORK/got")"
"$JLS" -j "$jid_a" >"$WORK/got"
cmp -s "$WORK/got" "$WORK/want" || fail "jls -j $jid_a: $(cat "$WORK/got")"
pass "jls -j NAME and -j JID, byte for byte"

printf '%s\n' ' JID             IP Address      Hostname                      Path' \
	"$(printf ' %-15s %-15.15s %-29.29s %.74s' "$a" 127.0.0.21 a.example /)" >"$WORK/want"
"$JLS" -N -j $a >"$WORK/got"
cmp -s "$WORK/got" "$WORK/want" || fail "jls -N: $(cat "$WORK/got")"
pass "jls -N"

printf '%s\n' '   JID  Hostname                      Path' \
	'        Name                          State' \
	'        CPUSetID' \
	'        IP Address(es)' \
	"$(printf '%6d  %-29.29s %.74s' "$jid_a" a.example /)" \
	"$(printf '        %-29.29s %.74s' "$a" ACTIVE)" \
	'        0' '        127.0.0.21' '        127.0.0.22' '        ::1' >"$WORK/want"
"$JLS" -v -j $a >"$WORK/got"
cmp -s "$WORK/got" "$WORK/want" || fail "jls -v: $(cat "$WORK/got")"
pass "jls -v"

expect_eq "jls -j NAME jid name path" "$("$JLS" -j $a jid name path)" "$jid_a $a /"
expect_eq "jls -n" "$("$JLS" -n -j $b jid name persist ip4.addr host.hostname)" \
	"jid=$jid_b name=$b persist ip4.addr= host.hostname=$(uname -n)"
expect_eq "jls -h" "$("$JLS" -h -j $a name ip4.addr)" "name ip4.addr
$a 127.0.0.21,127.0.0.22"
expect_eq "jls -q" "$("$JLS" -q -j $b ip4.addr)" '""'
expect_eq "jls without -q: an empty list is -" "$("$JLS" -j $b ip4.addr ip6.addr)" "- -"
"$JLS" -n -j $a >"$WORK/got"
case "$(cat "$WORK/got")" in
"devfs_ruleset=0 nodying enforce_statfs=2 "*" ip4=new ip6=new jid=$jid_a "*" name=$a "*" path=/ persist securelevel=-1 "*" allow.noadjtime "*" host.hostname=a.example "*" ip4.addr=127.0.0.21,127.0.0.22 ip4.saddrsel ip6.addr=::1 ip6.saddrsel") pass "jls -n: all parameters" ;;
*) fail "jls -n: $(cat "$WORK/got")" ;;
esac

# live state: the hostname set inside (only the jail's root may), the processes
if [ "$(id -u)" = 0 ]; then
	"$JEXEC" $a hostname changed.example || fail "jexec hostname"
	expect_eq "a hostname set inside shows" "$("$JLS" -j $a host.hostname)" changed.example
else
	"$JEXEC" $a hostname changed.example 2>/dev/null && fail "a jailed normal user set the hostname"
	expect_eq "a normal user's hostname change is refused" "$("$JLS" -j $a host.hostname)" a.example
fi
expect_eq "no process yet" "$("$JLS" -j $a nproc pids)" "0 -"
"$JEXEC" $a sleep 30 &
j1=$!
"$JEXEC" $a sleep 30 &
j2=$!
i=0
while [ "$("$JLS" -j $a nproc)" != 2 ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
expect_eq "jls counts the jail's processes" "$("$JLS" -j $a nproc)" 2
# jexec is in the jail (and counted) from its attach, before it execs
i=0
while [ "$(for pid in $("$JLS" -j $a pids | tr , ' '); do cat /proc/$pid/comm; done | sort -u)" != sleep ] &&
	[ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
for pid in $("$JLS" -j $a pids | tr , ' '); do
	# jexec is counted from its attach on, before it has exec'd
	i=0
	while [ "$(cat /proc/$pid/comm)" = jexec ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	expect_eq "pid $pid is a jailed sleep" "$(cat /proc/$pid/comm)" sleep
done
"$JKILL" -TERM $a || fail "jkill"
wait $j1
expect_eq "jkill: the first jexec's command got SIGTERM" $? 143
wait $j2
expect_eq "jkill: the second too" $? 143
expect_eq "jkill leaves the jail" "$("$JLS" -j $a nproc)" 0

# errors
"$JLS" -j nosuch-$$ >"$WORK/out" 2>"$WORK/err"
expect_eq "jls -j unknown: exit 1" $? 1
expect_eq "jls -j unknown: message" "$(cat "$WORK/err")" "jls: jail \"nosuch-$$\" not found"
expect_eq "jls -j unknown: the header still printed" "$(cat "$WORK/out")" "$header"
"$JLS" -j 999998 jid 2>"$WORK/err"
expect_eq "jls -j JID unknown" "$? $(cat "$WORK/err")" "1 jls: jail 999998 not found"
"$JLS" jid bogus 2>"$WORK/err"
expect_eq "jls: unknown parameter" "$? $(cat "$WORK/err")" "1 jls: unknown parameter: bogus"
"$JLS" -x 2>"$WORK/err"
expect_eq "jls: usage" "$? $(cat "$WORK/err")" "1 jls: usage: jls [-dhNnqv] [-j jail] [param ...]"

# jls --libxo json|xml: FreeBSD's structure, values escaped by the libraries
if "$JLS" --libxo json >/dev/null 2>&1; then
	x=xo-$$
	CREATED="$CREATED $x"
	"$JAIL" -q -c name=$x persist ip4.addr=127.0.0.23,127.0.0.24 'host.hostname=q"u<o>te' || fail "jail -c $x"
	check_py() { /usr/bin/python3 -c "$1" "$2" || fail "$3: $2"; }
	check_py 'import json, sys
d = json.loads(sys.argv[1])
assert d["__version"] == "2"
j = d["jail-information"]["jail"]
assert len(j) == 1 and j[0]["hostname"] == "q\"u<o>te" and j[0]["ipv4"] == "127.0.0.23", j
assert isinstance(j[0]["jid"], int)' "$("$JLS" --libxo json -j $x)" "jls --libxo json"
	pass "jls --libxo json: default fields, escaped"
	check_py 'import json, sys
j = json.loads(sys.argv[1])["jail-information"]["jail"][0]
assert j == {"name": "'$x'", "persist": True, "ip4.addr": ["127.0.0.23", "127.0.0.24"], "securelevel": -1}, j' \
		"$("$JLS" --libxo=json,pretty -j $x name persist ip4.addr securelevel)" "jls --libxo json with parameters"
	pass "jls --libxo json: parameters typed (bool, list, int)"
	check_py 'import sys, xml.etree.ElementTree as ET
r = ET.fromstring(sys.argv[1])
assert r.tag == "jail-information"
j = r.find("jail")
assert j.find("hostname").text == "q\"u<o>te" and j.find("state").text == "ACTIVE"
assert [e.text for e in j.findall("ipv4_addrs")] == ["127.0.0.23", "127.0.0.24"]' \
		"$("$JLS" --libxo xml -v -j $x)" "jls --libxo xml -v"
	pass "jls --libxo xml -v"
	"$JLS" --libxo yaml >/dev/null 2>"$WORK/err"
	expect_eq "jls --libxo: an unknown style" "$? $(cat "$WORK/err")" "1 jls: --libxo: unknown option \"yaml\""
	"$JAIL" -q -r $x
fi
