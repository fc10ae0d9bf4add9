#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Each open of /proc/self/jail in a jail starts an agent on the host
# (docs/nested-jails.md); a jail may have at most 8 at once: the ninth open
# fails with EAGAIN and a jailed tool says so, one closed makes room again,
# and none is left when their callers are gone.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
j=na-$$
CREATED="$CREATED $j"
"$JAIL" -q -c name=$j children.max=1 persist || fail "jail -c $j"
jid=$("$JLS" -j $j jid)
out=$(timeout 60 "$JEXEC" $j env ASAN_OPTIONS=detect_leaks=0 python3 -c '
import os, subprocess, sys, time
fds = []
for i in range(8):
    fds.append(os.open("/proc/self/jail", os.O_RDWR))
print("held", len(fds))
try:
    os.open("/proc/self/jail", os.O_RDWR)
    print("ninth opened")
except OSError as e:
    print("ninth", e.strerror)
r = subprocess.run([sys.argv[1], "-n", "name"], capture_output=True, text=True)
print("jls", r.returncode, r.stderr.strip())
os.close(fds.pop())
for i in range(50):
    try:
        fds.append(os.open("/proc/self/jail", os.O_RDWR))
        print("room again")
        break
    except OSError:
        time.sleep(0.1)
' "$JLS" 2>&1)
echo "$out"
expect_eq "eight agents at once, the ninth refused, room again after one closes" "$out" "held 8
ninth Resource temporarily unavailable
jls 1 jls: /proc/self/jail: Resource temporarily unavailable
room again"
expect_no_process "nest-agent $jid "
