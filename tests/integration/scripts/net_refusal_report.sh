#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# jail -v reports refused sockets like any other refusal: a packet socket
# without allow.raw_sockets, an IPv6 socket in a jail without IPv6, a
# setsockopt that would pick the host's interface. Without -v they fail the
# same, in the kernel's filter, and nothing is reported.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3.11
[ -x $PY ] || PY=/usr/bin/python3
prog='import socket
for a in ((socket.AF_PACKET, socket.SOCK_RAW, 0), (socket.AF_INET6, socket.SOCK_STREAM, 0)):
    try:
        socket.socket(*a)
    except OSError as e:
        print(e.errno)
s = socket.socket()
try:
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b"lo")
except OSError as e:
    print(e.errno)'
out=$("$JAIL" -v / netrep 127.0.0.2 $PY -c "$prog" 2>"$WORK/err")
expect_eq "the calls fail with FreeBSD's errors (EPERM, EPROTONOSUPPORT, EPERM)" "$(echo $out)" "1 93 1"
grep -q 'socket(0x11, .*-> EPERM: raw sockets need allow.raw_sockets' "$WORK/err" ||
	fail "no report of the packet socket: $(cat "$WORK/err")"
pass "-v reports the refused packet socket"
grep -q 'setsockopt(.*-> EPERM: picks the host' "$WORK/err" ||
	fail "no report of SO_BINDTODEVICE: $(cat "$WORK/err")"
pass "-v reports the refused setsockopt"
out=$("$JAIL" -v / netrep 127.0.0.2 $PY -c 'import socket
try:
    socket.socket(socket.AF_INET6)
except OSError as e:
    print(e.errno)' 2>"$WORK/err")
expect_eq "IPv6 in a jail without IPv6: EPROTONOSUPPORT" "$out" 93
grep -q 'socket(0xa, .*-> EPROTONOSUPPORT: the jail has no IPv6 address' "$WORK/err" ||
	fail "no report of the IPv6 socket: $(cat "$WORK/err")"
pass "-v reports the socket of a family the jail lacks"
out=$("$JAIL" / netrep 127.0.0.2 $PY -c "$prog" 2>"$WORK/err")
expect_eq "without -v: the same errors" "$(echo $out)" "1 93 1"
expect_eq "without -v: no report" "$(cat "$WORK/err")" ""
