#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# jail.conf(5): jail -f FILE -c [NAME] creates the jails the file describes,
# with exec.prestart/start/poststart; jail -r runs exec.prestop/stop/poststop;
# errors name the file and line and leave nothing behind.
. "$(dirname "$0")/lib.sh"

a=conf-a-$$ b=conf-b-$$
mkdir -p "$WORK/jails/$b/tmp"
cat >"$WORK/jail.conf" <<CONF
# the jails of this test
\$log = "$WORK/log";
host.hostname = "\${name}.example";
exec.clean;
mount.devfs;
$a {
	path = /;
	ip4.addr = 127.0.0.31, 127.0.0.32;
	persist;
	exec.prestart = "echo prestart \\\$JNAME >> \$log";
	exec.start = 'hostname > $WORK/a.started';
	exec.poststart = "echo poststart \\\$JID \\\$JNAME >> \$log";
	exec.prestop = "echo prestop \\\$JNAME >> \$log";
	exec.stop = "echo stop \\\`hostname\\\` >> \$log";
	exec.poststop = "echo poststop \\\$JNAME >> \$log";
}
$b {
	path = "$WORK/jails/\$name";   /* substitution of the jail's name */
	persist;
}
CONF
CREATED="$a $b"
"$JAIL" -f "$WORK/jail.conf" -c >"$WORK/out" 2>&1
expect_eq "jail -f FILE -c: every jail, in order" "$? $(cat "$WORK/out")" "0 $a: created
$b: created"
jid=$("$JLS" -j $a jid)
expect_eq "$a: parameters from the file" "$("$JLS" -j $a name host.hostname ip4.addr path)" \
	"$a $a.example 127.0.0.31,127.0.0.32 /"
expect_eq "$b: path with \$name" "$("$JLS" -j $b path host.hostname)" "$WORK/jails/$b $b.example"
expect_eq "exec.start ran inside the jail" "$(cat "$WORK/a.started")" "$a.example"
expect_eq "exec.prestart and exec.poststart on the host, with JID and JNAME" "$(cat "$WORK/log")" "prestart $a
poststart $jid $a"

"$JAIL" -f "$WORK/jail.conf" -r $a >"$WORK/out" 2>&1
expect_eq "jail -f FILE -r NAME" "$? $(cat "$WORK/out")" "0 $a: removed"
expect_eq "exec.prestop, exec.stop inside, exec.poststop" "$(tail -3 "$WORK/log")" "prestop $a
stop $a.example
poststop $a"
"$JLS" -j $a >/dev/null 2>&1 && fail "$a is still listed"
"$JAIL" -f "$WORK/jail.conf" -r $b >/dev/null || fail "jail -r $b"
pass "both jails removed"

# one jail by name
"$JAIL" -q -f "$WORK/jail.conf" -c $b || fail "jail -c $b"
"$JLS" -j $a >/dev/null 2>&1 && fail "jail -c $b created $a too"
expect_eq "jail -c NAME creates only that jail" "$("$JLS" -j $b name)" "$b"
"$JAIL" -q -r $b

# errors: one line naming the file, exit 1, nothing registered or running
check() { # check WANT CONF-TEXT
	printf '%s\n' "$2" >"$WORK/bad.conf"
	"$JAIL" -f "$WORK/bad.conf" -c >"$WORK/out" 2>"$WORK/err"
	expect_eq "bad jail.conf: $1" "$? $(cat "$WORK/err")" "1 $1"
	"$JLS" -j bad-$$ >/dev/null 2>&1 && fail "bad-$$ was registered"
	expect_no_process "bad-$$"
}
check "jail: $WORK/bad.conf line 3: }: syntax error" "bad-$$ {
	persist
}"
check "jail: bad-$$: unknown parameter: nosuch" "bad-$$ { persist; nosuch = 1; }"
check "jail: bad-$$: path: variable \"nosuch\" not found" "bad-$$ { path = \"/\$nosuch\"; persist; }"
check "jail: bad-$$: path tmp: not an absolute pathname" "bad-$$ { path = tmp; persist; }"
check "jail: bad-$$: exec.prestart false: failed" "bad-$$ { persist; exec.prestart = false; }"
check "jail: bad-$$: exec.start failed" "bad-$$ { persist; exec.start = 'exit 3'; }"
"$JAIL" -f "$WORK/none.conf" -c x 2>"$WORK/err"
expect_eq "missing file" "$? $(cat "$WORK/err")" "1 jail: $WORK/none.conf: No such file or directory"
