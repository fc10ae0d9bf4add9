#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Signals sent to the `jail` process reach the command once (as sudo
# relays them): SIGINT, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2, SIGWINCH,
# SIGCONT, SIGTERM; `kill $!` of a backgrounded jailed server stops it.
. "$(dirname "$0")/lib.sh"

# a server in the background, stopped with kill $!
dur="60.$$" # unique to this run: found by pgrep, never the jail process
"$JAIL" / h 127.0.0.2 sleep "$dur" 2>/dev/null &
front=$!
i=0
until pgrep -f "^sleep $dur\$" >/dev/null; do
	i=$((i + 1)); [ $i -lt 100 ] || fail "the jailed sleep did not start"; sleep 0.05
done
kill "$front"
wait "$front"
expect_eq "kill \$!: jail exits as the command did (SIGTERM)" "$?" 143
i=0
while pgrep -f "^sleep $dur\$" >/dev/null; do
	i=$((i + 1)); [ $i -lt 100 ] || fail "the jailed sleep still runs after kill \$!"; sleep 0.05
done
pass "kill \$!: the jailed server is gone"

# each signal once, then SIGTERM ends it through its trap
"$JAIL" / h "" sh -c '
for s in INT QUIT HUP USR1 USR2 WINCH CONT; do trap "echo got $s" $s; done
trap "echo got TERM; exit 5" TERM
echo ready
while :; do sleep 0.05; done' >"$WORK/out" 2>&1 &
front=$!
i=0
until grep -q ready "$WORK/out"; do
	i=$((i + 1)); [ $i -lt 100 ] || { kill -9 "$front"; fail "the jailed shell did not start"; }; sleep 0.05
done
for s in INT QUIT HUP USR1 USR2 WINCH CONT; do
	kill -s "$s" "$front"
	i=0
	until grep -q "got $s" "$WORK/out"; do
		i=$((i + 1)); [ $i -lt 60 ] || break; sleep 0.05
	done
done
sleep 0.3
kill -s TERM "$front"
wait "$front"
rc=$?
cat "$WORK/out"
expect_eq "the command's exit status after its TERM trap" "$rc" 5
for s in INT QUIT HUP USR1 USR2 WINCH CONT TERM; do
	expect_eq "SIG$s reached the command once" "$(grep -c "^got $s\$" "$WORK/out")" 1
done
