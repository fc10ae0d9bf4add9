#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# FreeBSD's usr.sbin/jail/tests/jail_basic_test.sh, ported (README.md):
# basic, nested, commands, jid_name_set,
# param_consistency. Jail names carry this run's pid, so that root and
# the test user, and other suites, can run it at once.
. "$(dirname "$0")/lib.sh"

base=basejail-$$
CLEANUP="$base ${base}_nochild"

CASE=basic
check "jail -c persist ip4.addr" 0 ignore ignore -- jail -c name=$base persist ip4.addr=127.0.1.1
check "jls" 0 ignore ignore -- jls
check "jls -v" 0 ignore ignore -- jls -v
check "jls -n" 0 ignore ignore -- jls -n
check "jail -r by name" 0 ignore ignore -- jail -r $base
jail -q -c name=$base persist ip4.addr=127.0.1.1
check "jail -r by jid" 0 ignore ignore -- jail -r "$(jls -j $base jid)"
check "jail -cm: created when missing" 0 "$base: created" empty -- jail -cm name=$base persist ip4.addr=127.0.1.1
check "jail -rc: restarted" 0 "$base: removed
$base: created" empty -- jail -rc name=$base persist ip4.addr=127.0.1.1
jail -q -r $base

CASE=nested
# the tools run traced inside the jail: an ASan build's leak checker cannot
# work under ptrace, so it is off for them
inside="env ASAN_OPTIONS=detect_leaks=0"
jail -q -c name=${base}_nochild persist ip4.addr=127.0.1.1
check "children.max defaults to 0" 0 "0" empty -- jls -j ${base}_nochild children.max
check "jail -c inside a jail with children.max=0" 1 empty "jail: jail_set: Operation not permitted" -- \
	jexec ${base}_nochild $inside jail -c name=nestedjail-$$ persist ip4.addr=127.0.1.1
check "nothing was left behind" 1 ignore ignore -- jls -j nestedjail-$$
check "jls inside lists no jail" 0 "   JID  IP Address      Hostname                      Path" empty -- \
	jexec ${base}_nochild $inside jls
check "jls -n inside" 0 empty empty -- jexec ${base}_nochild $inside jls -n
check "jail -r inside reaches no host jail" 1 empty "jail: \"${base}_nochild\" not found" -- \
	jexec ${base}_nochild $inside jail -r ${base}_nochild
check "the jail is still there" 0 "${base}_nochild" empty -- jls -j ${base}_nochild name
jail -q -r ${base}_nochild
# the half with children.max=1: one child may be made, a second may not
jail -q -c name=$base persist ip4.addr=127.0.1.1 children.max=1
check "jail -c inside a jail with children.max=1" 0 ignore empty -- \
	jexec $base $inside jail -c name=nestedjail persist ip4.addr=127.0.1.1
check "a second child exceeds the limit" 1 empty "jail: prison limit exceeded" -- \
	jexec $base $inside jail -c name=secondnestedjail persist ip4.addr=127.0.1.1
check "nothing left of the second" 1 ignore ignore -- jls -j $base.secondnestedjail
check "jls inside" 0 "$(jls -j $base.nestedjail jid)" empty -- jexec $base $inside jls jid
check "jls -v inside names the child as the parent sees it" 0 "match:nestedjail +ACTIVE" empty -- \
	jexec $base $inside jls -v
check "jls -n inside" 0 "match:name=nestedjail " empty -- jexec $base $inside jls -n
check "the host names it basejail.nestedjail" 0 "$base.nestedjail 127.0.1.1" empty -- \
	jls -j $base.nestedjail name ip4.addr
jail -q -r $base
check "removing the parent removed the child" 1 ignore ignore -- jls -j $base.nestedjail

CASE=commands
sed "s/^basejail {}/$base {}/" "$HERE/commands.jail.conf" >jail.conf
echo "path = \"$PWD\";" >>jail.conf
check "jail -f jail.conf -qc: exec.prestart and exec.poststart" 0 ignore empty -- jail -f jail.conf -qc $base
cp out stdout
check "exec.prestart output" 0 ignore ignore -- grep -qE '^START$' stdout
check "JID in exec.poststart's environment" 0 ignore ignore -- grep -qE '^JID=[0-9]+' stdout
check "JNAME in exec.poststart's environment" 0 ignore ignore -- grep -qE "^JNAME=$base\$" stdout
check "JPATH in exec.poststart's environment" 0 ignore ignore -- grep -qE "^JPATH=$PWD\$" stdout
check "exec.prestop, by name" 0 "STOP" ignore -- jail -f jail.conf -qr $base
jail -f jail.conf -qc $base >/dev/null
check "exec.prestop, by jid" 0 "STOP" ignore -- jail -f jail.conf -qr "$(jls -j $base jid)"

# FreeBSD's find_unused_jid: a free jid from 5309 up
find_unused_jid() {
	jid=5309
	while jls -j "$jid" >/dev/null 2>&1; do jid=$((jid + 1)); done
	echo "$jid"
}

CASE=jid_name_set
jid=$(find_unused_jid)
CLEANUP="$CLEANUP $jid"
echo "$jid { name = $base; persist; }" >jail.conf
check "a numeric block is the jid" 0 "match:$jid: created" ignore -- jail -f jail.conf -c "$jid"
check "the name set in it stays" 0 "match:$base" ignore -- jls -j "$jid" name
check "removed by the block's name" 0 "match:$jid: removed" ignore -- jail -f jail.conf -r "$jid"
echo "$jid { host.hostname = \"\${name}\"; persist; }" >jail.conf
check "\${name} of a jail known by jid" 0 "match:$jid: created" ignore -- jail -f jail.conf -c "$jid"
check "expands to the jid" 0 "match:$jid" ignore -- jls -j "$jid" host.hostname
check "removed" 0 "match:$jid: removed" ignore -- jail -f jail.conf -r "$jid"
echo "$base { jid = $jid; persist; }" >jail.conf
check "jid = in a named block" 0 "match:$base: created" ignore -- jail -f jail.conf -c $base
check "the jail has that jid" 0 "match:$jid" ignore -- jls -j $base jid
check "removed" 0 "match:$base: removed" ignore -- jail -f jail.conf -r $base

CASE=param_consistency
check "exec.poststart with a command, no file" 0 ignore ignore -- \
	jail -c path=/ exec.poststart="true" command=/bin/true
echo "$base {path = /; exec.prestop = 'echo STOP'; persist; }" >jail.conf
check "create a jail known by name" 0 ignore ignore -- jail -f jail.conf -c $base
check "its exec.prestop" 0 "match:STOP" ignore -- jail -f jail.conf -r $base
jid=$(find_unused_jid)
echo "$jid {path = /; exec.prestop = 'echo STOP'; persist; }" >jail.conf
check "create a jail known by jid" 0 ignore ignore -- jail -f jail.conf -c "$jid"
check "its exec.prestop" 0 "match:STOP" ignore -- jail -f jail.conf -r "$jid"
echo "$jid {name = $base; path = /; exec.prestop = 'echo STOP'; persist; }" >jail.conf
check "create a jail by jid with a name" 0 ignore ignore -- jail -f jail.conf -c "$jid"
check "its exec.prestop" 0 "match:STOP" ignore -- jail -f jail.conf -r "$jid"
echo "$base {path = /; exec.poststop = 'echo JID=\$JID'; persist; }" >jail.conf
jail -f jail.conf -c $base >/dev/null
jid=$(jls -j $base jid)
check "JID in exec.poststop" 0 "match:JID=$jid" ignore -- jail -f jail.conf -r $base

finish
