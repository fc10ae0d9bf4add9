#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# AF_UNIX path names in a jail with its own root (the Debian minbase root):
# bind/connect translate the name guest -> host, getsockname shows the
# guest's name, and a name whose host path would not fit sun_path (108
# bytes with the NUL) fails with ENAMETOOLONG, never truncated.
. "$(dirname "$0")/lib.sh"
ROOTFS=/var/cache/jail-tests/rootfs-bookworm
[ -x "$ROOTFS/usr/bin/perl" ] || fail "no root at $ROOTFS (run ./setup.sh)"
name="/tmp/jail-net-$$.sock"
rm -f "$ROOTFS$name"
out=$(timeout 60 "$JAIL" "$ROOTFS" web 127.0.0.2 /usr/bin/perl -e '
use Socket;
my $p = $ARGV[0];
socket(my $s, AF_UNIX, SOCK_STREAM, 0) or die;
bind($s, pack_sockaddr_un($p)) or die "bind: $!";
listen($s, 1);
print "name=", unpack_sockaddr_un(getsockname($s)), "\n";
socket(my $c, AF_UNIX, SOCK_STREAM, 0);
connect($c, pack_sockaddr_un($p)) or die "connect: $!";
accept(my $a, $s);
print "peer=", unpack_sockaddr_un(getpeername($c)), "\n";
# 97 bytes: fits as the guest names it, not with the root prefixed
socket(my $d, AF_UNIX, SOCK_STREAM, 0);
bind($d, pack_sockaddr_un("/tmp/" . ("x" x 92))) ? print "long: bound\n" : print "long: ", $!+0, "\n";
' "$name" 2>&1)
expect_eq "getsockname in guest terms" "$(echo "$out" | sed -n 1p)" "name=$name"
expect_eq "getpeername in guest terms" "$(echo "$out" | sed -n 2p)" "peer=$name"
expect_eq "too long a host path: ENAMETOOLONG" "$(echo "$out" | sed -n 3p)" "long: 36"
[ -S "$ROOTFS$name" ] || fail "the socket is not inside the root at $ROOTFS$name"
pass "the socket file is inside the root"
rm -f "$ROOTFS$name"
