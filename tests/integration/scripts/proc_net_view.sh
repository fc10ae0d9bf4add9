#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The jail's own network view in /proc/<pid>/net: a jail at 127.0.0.2 does
# not see a TCP listener, a UDP socket or an abstract AF_UNIX socket the
# test holds outside (on 127.0.0.1), in /proc/net/{tcp,udp,unix}, reached
# as /proc/net, /proc/self/net or /proc/<pid>/net; it sees its own
# sockets there; /proc/net/if_inet6 lists no address of the host's (none
# for a jail without IPv6, only ::1 on lo for a jail with ::1); and
# /proc/net/route lists no route of the host's, /proc/net/fib_trie only the
# jail's address as a local one. Outside, the same files do
# list the test's sockets (so each check can fail). Every process started
# here is killed by pid; traffic stays on 127.0.0.0/8.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
[ -x $PY ] || { echo "SKIP: no $PY"; exit 77; }
pids=
cleanup() { for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$WORK"; }
trap cleanup EXIT

name="jail-pnv-$$"
# outside: a TCP listener and a UDP socket on 127.0.0.1, an abstract name
$PY - "$name" >"$WORK/outside" <<'PYEOF' &
import socket, sys, time
t = socket.socket(); t.bind(("127.0.0.1", 0)); t.listen(1)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 0))
x = socket.socket(socket.AF_UNIX); x.bind("\0" + sys.argv[1]); x.listen(1)
print("%04X %04X" % (t.getsockname()[1], u.getsockname()[1]), flush=True)
time.sleep(120)
PYEOF
pids="$pids $!"
for _ in $(seq 50); do [ -s "$WORK/outside" ] && break; sleep 0.1; done
read -r tport uport <"$WORK/outside"
[ -n "$uport" ] || fail "the sockets outside did not start"

# what a program sees in a jail: for each view, the ports it lists
cat >"$WORK/look.py" <<'PYEOF'
import os, socket, sys
name, tport, uport = sys.argv[1:4]
t = socket.socket(); t.bind(("127.0.0.2", 0)); t.listen(1)
x = socket.socket(socket.AF_UNIX); x.bind("\0" + name + "-in"); x.listen(1)
mine = "%04X" % t.getsockname()[1]
def ports(text):
    return {l.split()[1].split(":")[1] for l in text.splitlines()[1:] if len(l.split()) > 2}
out = []
for where in ("/proc/net", "/proc/self/net", "/proc/%d/net" % os.getpid(),
              "/proc/thread-self/net"):
    seen = ports(open(where + "/tcp").read())
    out.append("tcp:%s:host=%s,mine=%s" % (where, tport in seen, mine in seen))
out.append("udp:host=%s" % (uport in ports(open("/proc/net/udp").read())))
unix = open("/proc/net/unix").read()
out.append("unix:host=%s,mine=%s" % ("@" + name + "\n" in unix, "@" + name + "-in\n" in unix))
out.append("if_inet6:%s" % ",".join(sorted(l.split()[0] + "@" + l.split()[5]
                                          for l in open("/proc/net/if_inet6").read().splitlines())))
out.append("route:%d" % (len(open("/proc/net/route").read().splitlines()) - 1))
fib = open("/proc/net/fib_trie").read().splitlines()
out.append("fib_trie:%s" % ",".join(sorted({fib[i - 1].split()[-1] for i in range(1, len(fib))
                                            if fib[i].split()[:2] == ["/32", "host"]})))
print(" ".join(out))
PYEOF

got=$(timeout 60 "$JAIL" / pnv 127.0.0.2 $PY "$WORK/look.py" "$name" "$tport" "$uport" 2>&1)
for where in /proc/net /proc/self/net /proc/PID/net /proc/thread-self/net; do
	case $where in */PID/*) pat='/proc/[0-9]*/net' ;; *) pat=$where ;; esac
	view=$(printf '%s\n' "$got" | tr ' ' '\n' | grep "^tcp:$pat:")
	expect_eq "$where/tcp in the jail: no host listener, the jail's own" "${view##*:}" "host=False,mine=True"
done
view=$(printf '%s\n' "$got" | tr ' ' '\n' | grep '^udp:')
expect_eq "/proc/net/udp in the jail: no host socket" "$view" "udp:host=False"
view=$(printf '%s\n' "$got" | tr ' ' '\n' | grep '^unix:')
expect_eq "/proc/net/unix in the jail: no host socket, the jail's own" "$view" "unix:host=False,mine=True"
view=$(printf '%s\n' "$got" | tr ' ' '\n' | grep '^if_inet6:')
expect_eq "/proc/net/if_inet6 in a jail without IPv6" "$view" "if_inet6:"
view=$(printf '%s\n' "$got" | tr ' ' '\n' | grep '^route:')
expect_eq "/proc/net/route in the jail: no route of the host's" "$view" "route:0"
view=$(printf '%s\n' "$got" | tr ' ' '\n' | grep '^fib_trie:')
expect_eq "/proc/net/fib_trie in the jail: its own local address only" "$view" "fib_trie:127.0.0.2"

# the same files outside list the test's sockets: the checks above can fail
grep -q ":$tport 00000000:0000 0A" /proc/net/tcp || fail "outside, /proc/net/tcp lacks the listener"
grep -q "@$name\$" /proc/net/unix || fail "outside, /proc/net/unix lacks the socket"
grep -q "|-- 127.0.0.1\$" /proc/net/fib_trie || fail "outside, /proc/net/fib_trie lacks 127.0.0.1"
pass "outside, the host's sockets are listed"

# a jail with ::1: that one address, on lo (where the host has ::1)
lo6=00000000000000000000000000000001
if grep -q "^$lo6 .* lo\$" /proc/net/if_inet6; then
	got=$(timeout 60 "$JAIL" / pnv6 127.0.0.2,::1 $PY -c '
print(",".join(sorted(l.split()[0] + "@" + l.split()[5] for l in open("/proc/net/if_inet6").read().splitlines())))' 2>&1)
	expect_eq "/proc/net/if_inet6 in a jail with ::1" "$got" "$lo6@lo"
	[ "$(wc -l </proc/net/if_inet6)" -gt 1 ] && pass "outside, if_inet6 lists more than ::1"
fi
exit 0
