#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Two jails and a host process at once: from jail A, the processes of jail
# B, of the host and B's supervisor are ESRCH for every pid-taking syscall
# and ENOENT under /proc (the probes, each check shown to reach the same
# target with no jail); kill(-1) and kill(0) in A reach only A (a harmless
# SIGWINCH first, then SIGTERM); ps, pgrep and top in A show only A.
. "$(dirname "$0")/lib.sh"

[ -x "$PROBES/pid_visibility" ] || fail "no probe programs in [$PROBES]"
chmod 777 "$WORK" # the jailed shells write their marks there
mark="vismark$$"
started=
stop_all() {
	for p in $started; do kill -KILL "$p" 2>/dev/null; done
	# and the jails themselves, by name (a killed front may leave one)
	for n in vis-b-$$ vis-a2-$$ vis-a3-$$; do "$JAIL" -r "$n" >/dev/null 2>&1; done
	rm -rf "$WORK"
}
trap stop_all EXIT
# The script itself shares its process group with jail A's command: a
# kill(0) that leaked would reach it.
trap 'echo got >>"$WORK/script.sig"' WINCH

# loop_cmd NAME: a shell that records SIGWINCH in $WORK/NAME.sig and
# writes its pid to $WORK/NAME.pid
loop_cmd() {
	echo "trap 'echo got >>$WORK/$1.sig' WINCH; echo \$\$ >$WORK/$1.pid; while :; do sleep 0.1; done # $mark $1"
}
wait_file() {
	i=0
	while [ ! -s "$1" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	[ -s "$1" ] || fail "$1 never appeared"
}
alive() { kill -0 "$1" 2>/dev/null; }

# the host process, in its own session
setsid sh -c "$(loop_cmd host)" &
started="$started $!"
# jail B: one shell
"$JAIL" -n vis-b-$$ / hb "" sh -c "$(loop_cmd b)" &
started="$started $!"
wait_file "$WORK/host.pid"
wait_file "$WORK/b.pid"
host=$(cat "$WORK/host.pid") b=$(cat "$WORK/b.pid")
started="$started $host $b"
bsv=$(ps -o ppid= -p "$b" | tr -d " ")
[ -n "$bsv" ] || fail "no supervisor of jail B"
pass "jail B ($b, supervisor $bsv) and a host process ($host) run"

# every pid-taking syscall, from jail A, on each of them
for probe in pid_visibility proc_visibility; do
	out=$("$JAIL" -n vis-a-$$ / ha "" "$PROBES/$probe" "$host:g" "$b" "$bsv" 2>&1)
	case "$out" in PASS*) pass "$probe in jail A: $host, $b, $bsv hidden" ;; *) echo "$out"; fail "$probe in jail A" ;; esac
	out=$("$PROBES/$probe" "$host:g" "$b" "$bsv" 2>&1)
	if [ "$(id -u)" = 0 ]; then
		if printf '%s\n' "$out" | grep -q '^ok: '; then
			printf '%s\n' "$out" | grep '^ok: '
			fail "$probe with no jail: these checks also hold there"
		fi
		pass "$probe with no jail: every call reaches $host, $b, $bsv"
	fi
done
# the same from a jail with its own root (the host's /proc shows through)
if [ -x "$ROOTED/pid_visibility" ]; then
	mkdir -p "$WORK/root/tmp" && chmod 1777 "$WORK/root/tmp"
	cp "$ROOTED/pid_visibility" "$ROOTED/proc_visibility" "$WORK/root/"
	for probe in pid_visibility proc_visibility; do
		out=$("$JAIL" "$WORK/root" hr "" "/$probe" "$host:g" "$b" "$bsv" 2>&1)
		case "$out" in PASS*) pass "$probe in a jail with its own root" ;; *) echo "$out"; fail "$probe in a rooted jail" ;; esac
	done
fi

# and jail B does not see jail A either
"$JAIL" -n vis-a2-$$ / ha "" sh -c "echo \$\$ >$WORK/a2.pid; exec sleep 30" &
started="$started $!"
wait_file "$WORK/a2.pid"
a2=$(cat "$WORK/a2.pid")
started="$started $a2"
out=$("$JEXEC" vis-b-$$ "$PROBES/pid_visibility" "$a2" "$host:g" 2>&1)
case "$out" in PASS*) pass "pid_visibility in jail B (jexec): jail A ($a2) and the host hidden" ;; *) echo "$out"; fail "jail B sees jail A" ;; esac
kill "$a2"

# kill(-1) and kill(0) in jail A: first a harmless signal
rm -f "$WORK"/*.sig
# (each step waits for the last one's mark, bounded: the machine may be busy)
waitfor='i=0; while [ "$(cat '"$WORK"'/a.sig 2>/dev/null | wc -l)" -lt $n ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done'
"$JAIL" -n vis-a3-$$ / ha "" sh -c "sh -c \"$(loop_cmd a)\" & i=0; while [ ! -s $WORK/a.pid ] && [ \$i -lt 200 ]; do sleep 0.05; i=\$((i+1)); done;
	kill -WINCH -1; n=1; $waitfor; kill -WINCH 0; n=2; $waitfor; kill \$!"
sleep 0.3
[ -s "$WORK/a.sig" ] || fail "kill(-1, SIGWINCH) in jail A did not reach jail A's own process"
[ "$(wc -l <"$WORK/a.sig")" = 2 ] || fail "kill(-1) and kill(0) in jail A: $(wc -l <"$WORK/a.sig") signals, want 2"
for who in b host script; do
	[ -e "$WORK/$who.sig" ] && fail "kill(-1)/kill(0) in jail A reached $who"
done
pass "kill(-1, SIGWINCH) and kill(0, SIGWINCH) reach jail A's process only"
# then SIGTERM
"$JAIL" -n vis-a4-$$ / ha "" sh -c "sh -c \"$(loop_cmd a4)\" & sleep 0.5; kill -TERM -1; echo rc=\$?; wait" >"$WORK/a4.out"
expect_eq "kill(-1, SIGTERM) in jail A: returns 0, its process ends" "$(cat "$WORK/a4.out")" "rc=0"
alive "$b" || fail "kill(-1, SIGTERM) in jail A killed jail B's process"
alive "$bsv" || fail "kill(-1, SIGTERM) in jail A killed jail B's supervisor"
alive "$host" || fail "kill(-1, SIGTERM) in jail A killed the host process"
pass "kill(-1, SIGTERM) in jail A leaves jail B and the host untouched"
# a jail alone: kill(-1) with nothing to signal is ESRCH
expect_eq "kill(-1) with no other process in the jail" \
	"$("$JAIL" / ha "" sh -c 'kill -0 -1 2>/dev/null; echo $?')" 1

# ps, pgrep and top inside show the jail only
out=$("$JAIL" / ha "" sh -c 'ps -e -o pid=,comm=' 2>&1)
n=$(printf '%s\n' "$out" | wc -l)
[ "$n" = 2 ] || fail "ps -e in a jail lists $n processes, want 2 (sh, ps): $out"
printf '%s\n' "$out" | grep -qw "$host" && fail "ps -e in a jail lists the host process"
pass "ps -e in a jail: only its sh and ps"
out=$("$JAIL" / ha "" sh -c 'ps aux' 2>&1)
expect_eq "ps aux in a jail: header and 2 rows" "$(printf '%s\n' "$out" | wc -l)" 3
expect_eq "pgrep in a jail finds nothing of jail B or the host" \
	"$("$JAIL" / ha "" pgrep -f "$mark")" ""
[ -n "$(pgrep -f "$mark")" ] || fail "pgrep with no jail finds nothing: the check tests nothing"
pass "pgrep with no jail finds them"
if command -v top >/dev/null; then
	out=$("$JAIL" / ha "" top -b -n1 2>&1 | sed '1,/PID/d')
	n=$(printf '%s\n' "$out" | grep -c .)
	[ "$n" -le 2 ] || fail "top -b -n1 in a jail lists $n processes: $out"
	printf '%s\n' "$out" | grep -qw "$host" && fail "top in a jail lists the host process"
	pass "top -b -n1 in a jail: only its own processes"
fi
exit 0
