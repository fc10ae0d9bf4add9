#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Real programs in a jail with 127.0.0.2: python3 -m http.server is reachable
# at 127.0.0.2 and not at 127.0.0.1; a client inside connecting to 127.0.0.1
# reaches the jail's own server; a server outside sees the jail's
# connections come from 127.0.0.2; abstract AF_UNIX names bound outside
# cannot be reached from inside. Every process started here is killed by
# pid; traffic stays on 127.0.0.0/8.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
[ -x $PY ] || { echo "SKIP: no $PY"; exit 77; }
pids=
cleanup() { for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.2",0)); print(s.getsockname()[1])'; }
# fetch HOST PORT: prints the first line of an HTTP answer, or ERR:<reason>
fetch() {
	$PY - "$1" "$2" <<'PYEOF'
import socket, sys
try:
    c = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=5)
    c.sendall(b"GET / HTTP/1.0\r\n\r\n")
    print(c.recv(100).split(b"\r\n")[0].decode())
except OSError as e:
    print("ERR:%s" % e.__class__.__name__)
PYEOF
}

port=$(free_port)
mkdir -p "$WORK/www" && echo hello >"$WORK/www/index.html"
(cd "$WORK/www" && exec timeout 120 "$JAIL" / web 127.0.0.2 $PY -m http.server --bind 0.0.0.0 "$port") \
	>"$WORK/server.log" 2>&1 &
pids="$pids $!"
for _ in $(seq 50); do
	case "$(fetch 127.0.0.2 "$port")" in HTTP*) break ;; esac
	sleep 0.1
done
[ -n "${NET_DEBUG:-}" ] && cat "$WORK/server.log"
expect_eq "http.server in the jail answers at 127.0.0.2" "$(fetch 127.0.0.2 "$port" | cut -c1-8)" "HTTP/1.0"
expect_eq "http.server in the jail is not at 127.0.0.1" "$(fetch 127.0.0.1 "$port")" "ERR:ConnectionRefusedError"

# a client inside connecting to 127.0.0.1 reaches the jail's own server
got=$(timeout 60 "$JAIL" / client 127.0.0.2 $PY - 127.0.0.1 "$port" <<'PYEOF'
import socket, sys
c = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=5)
c.sendall(b"GET / HTTP/1.0\r\n\r\n")
print(c.recv(100).split(b"\r\n")[0].decode()[:8], c.getsockname()[0], c.getpeername()[0])
PYEOF
)
expect_eq "a jailed client's 127.0.0.1 is its jail's address" "$got" "HTTP/1.0 127.0.0.2 127.0.0.2"

# a server outside (on 127.0.0.3) sees the jail's connection from 127.0.0.2
oport=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.3",0)); print(s.getsockname()[1])')
$PY - "$oport" >"$WORK/outside.log" 2>&1 <<'PYEOF' &
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.3", int(sys.argv[1]))); s.listen(1); s.settimeout(60)
c, peer = s.accept(); print(peer[0], flush=True)
PYEOF
pids="$pids $!"
sleep 0.5
timeout 60 "$JAIL" / client 127.0.0.2 $PY -c "import socket; socket.create_connection(('127.0.0.3', $oport), timeout=5)"
for _ in $(seq 50); do [ -s "$WORK/outside.log" ] && break; sleep 0.1; done
expect_eq "a server outside sees the jail's connection from" "$(cat "$WORK/outside.log")" "127.0.0.2"

# abstract AF_UNIX: a name bound outside is out of reach; inside works
name="jail-test-$$"
$PY - "$name" <<'PYEOF' &
import socket, sys, time
s = socket.socket(socket.AF_UNIX); s.bind("\0" + sys.argv[1]); s.listen(1); time.sleep(60)
PYEOF
pids="$pids $!"
sleep 0.5
got=$(timeout 60 "$JAIL" / client 127.0.0.2 $PY - "$name" <<'PYEOF'
import socket, sys, threading
c = socket.socket(socket.AF_UNIX)
try:
    c.connect("\0" + sys.argv[1]); out = "reached"
except OSError as e:
    out = "refused"
s = socket.socket(socket.AF_UNIX); s.bind("\0" + sys.argv[1] + "-in"); s.listen(1)
d = socket.socket(socket.AF_UNIX); d.connect("\0" + sys.argv[1] + "-in")
print(out, "inside-ok")
PYEOF
)
expect_eq "abstract AF_UNIX names bound outside are out of reach" "$got" "refused inside-ok"
