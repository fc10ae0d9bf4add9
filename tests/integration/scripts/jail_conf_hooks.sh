#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# jail.conf as FreeBSD's jail(8) runs it: += on a hook adds a command run on
# its own, in order; exec.prepare/created/release; command-line exec.* hooks;
# a name the file lacks is an error; an existing jail runs no hook; -r JID
# finds the file's block by the jail's name; -R runs no stop hook.
. "$(dirname "$0")/lib.sh"

n=hooks-$$
CREATED="$n"
log=$WORK/log
cat >"$WORK/jail.conf" <<CONF
exec.prepare = "echo prepare >> $log";
exec.prestart = "echo a >> $log";
path = /;
$n {
	persist;
	exec.prestart += "echo b >> $log";
	exec.prestart += "echo c,d >> $log";
	exec.created = "echo created \\\$JID >> $log";
	exec.prestop = "echo prestop >> $log";
	exec.release = "echo release >> $log";
}
CONF
"$JAIL" -f "$WORK/jail.conf" -c $n >"$WORK/out" 2>&1 || fail "jail -c: $(cat "$WORK/out")"
jid=$("$JLS" -j $n jid)
expect_eq "hooks in FreeBSD's order, += as separate commands" "$(cat "$log")" "prepare
a
b
c,d
created $jid"
: >"$log"
"$JAIL" -f "$WORK/jail.conf" -c $n >"$WORK/out" 2>"$WORK/err"
expect_eq "an existing jail: refused" "$? $(cat "$WORK/err")" "1 jail: \"$n\" already exists"
expect_eq "an existing jail: no hook ran" "$(cat "$log")" ""
"$JAIL" -f "$WORK/jail.conf" -c nosuch-$$ >"$WORK/out" 2>"$WORK/err"
expect_eq "a name the file lacks" "$? $(cat "$WORK/err")" "1 jail: \"nosuch-$$\" not found"
"$JAIL" -f "$WORK/jail.conf" -r "$jid" >"$WORK/out" 2>&1
expect_eq "jail -r JID: the file's stop hooks" "$? $(cat "$WORK/out") $(cat "$log")" "0 $jid: removed prestop
release"

: >"$log"
"$JAIL" -f "$WORK/jail.conf" -qc $n || fail "jail -qc"
"$JAIL" -f "$WORK/jail.conf" -R $n >"$WORK/out" 2>&1
expect_eq "jail -R: removed without stop hooks" "$? $(cat "$WORK/out") $(grep -c prestop "$log")" "0 $n: removed 0"

# the new syntax's hooks (FreeBSD's param_consistency case)
: >"$log"
"$JAIL" -c name=$n path=/ "exec.prestart=echo pre \$JNAME >> $log" "exec.poststart=echo post \$JID >> $log" \
	command=true >"$WORK/out" 2>&1
expect_eq "jail -c with exec.* hooks" "$? $(head -1 "$log")" "0 pre $n"
grep -q "^post [0-9][0-9]*$" "$log" || fail "exec.poststart got no JID: $(cat "$log")"
pass "exec.poststart ran with JID"

# exec.timeout kills a hook that runs too long, and the start fails
"$JAIL" -c name=$n persist exec.timeout=1 "exec.prestart=sleep 30" >"$WORK/out" 2>"$WORK/err"
expect_eq "exec.timeout" "$? $(cat "$WORK/err")" "1 jail: $n: exec.prestart sleep 30: timed out"
"$JLS" -j $n >/dev/null 2>&1 && fail "$n was created"
pass "nothing left after a timed-out hook"

# exec.consolelog collects the hooks' output
"$JAIL" -c name=$n persist "exec.consolelog=$WORK/console" "exec.prestart=echo to-console" >/dev/null || fail "consolelog"
"$JAIL" -q -r $n
expect_eq "exec.consolelog" "$(cat "$WORK/console")" "to-console"

# depend: the jails a jail depends on are created first, and removed after
d1=dep1-$$ d2=dep2-$$
CREATED="$CREATED $d1 $d2"
printf '%s\n' "path = /; persist;" "$d2 { depend = $d1; }" "$d1 { }" >"$WORK/dep.conf"
out=$("$JAIL" -f "$WORK/dep.conf" -c $d2 2>&1)
expect_eq "depend: the jail it depends on first" "$? $out" "0 $d1: created
$d2: created"
out=$("$JAIL" -f "$WORK/dep.conf" -r $d1 2>&1)
expect_eq "depend: its dependents removed first" "$? $out" "0 $d2: removed
$d1: removed"
printf '%s\n' "path = /; persist;" "$d2 { depend = nosuch-$$; }" >"$WORK/dep.conf"
"$JAIL" -f "$WORK/dep.conf" -c $d2 >/dev/null 2>"$WORK/err"
expect_eq "depend on a jail the file lacks" "$? $(cat "$WORK/err")" "1 jail: $d2: depend: \"nosuch-$$\" not found"
