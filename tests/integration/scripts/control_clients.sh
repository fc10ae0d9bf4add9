#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The control socket has its own thread with non-blocking I/O: clients that
# connect and never write stop neither jls, jexec nor jail -r of that jail
# (each bounded by a timeout). Before, 32 silent clients filled the
# supervisor's table of clients:
# jls said the jail was not found and jail -r said "removed" while the jail
# stayed.
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }

n=ctlc-$$
CREATED="$CREATED $n"
jid=$("$JAIL" -i -c name=$n persist) || fail "jail -c $n"
"$JEXEC" $n sh -c "echo started; exec sleep 71$$" >"$WORK/sleep.out" 2>&1 &
i=0
while ! grep -q started "$WORK/sleep.out" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
grep -q started "$WORK/sleep.out" || fail "jexec sleep did not start"

# 100 clients that connect and never write
python3 - "$REGISTRY/$jid.sock" "$WORK/ready" <<'PY' &
import socket, sys, time
silent = []
for _ in range(100):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    s.connect(sys.argv[1])
    silent.append(s)
open(sys.argv[2], "w").close()
time.sleep(60)
PY
py=$!
trap 'kill $py 2>/dev/null; cleanup' EXIT
i=0
while [ ! -e "$WORK/ready" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
[ -e "$WORK/ready" ] || fail "the clients did not connect"

out=$(timeout 10 "$JLS" -j $n name nproc 2>&1)
expect_eq "jls with 100 silent clients connected" "$out" "$n 1"
out=$(timeout 10 "$JEXEC" $n echo inside 2>&1)
expect_eq "jexec with 100 silent clients connected" "$out" "inside"
timeout 20 "$JAIL" -r $n >"$WORK/r.out" 2>&1
expect_eq "jail -r with 100 silent clients connected: exit 0" "$?" 0
kill $py 2>/dev/null
wait $py 2>/dev/null
i=0
while "$JLS" -j $n >/dev/null 2>&1 && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
"$JLS" -j $n >/dev/null 2>&1 && fail "$n is still listed after jail -r"
[ -e "$REGISTRY/$jid.jail" ] && fail "$REGISTRY/$jid.jail is left"
pass "the jail is gone"
expect_no_process "sleep 71$$"
