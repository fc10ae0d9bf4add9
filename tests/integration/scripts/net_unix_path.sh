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

# Every length a jailed process passes is bounded before use: an AF_UNIX
# sockaddr longer than struct sockaddr_un (the kernel's EINVAL) once
# overflowed a buffer of the supervisor's and killed the whole jail.
out=$(timeout 60 "$JAIL" "$ROOTFS" web 127.0.0.2 /usr/bin/perl -e '
use Socket;
socket(my $s, AF_UNIX, SOCK_STREAM, 0) or die;
for my $len (111, 128) {
	my $sa = pack("S", AF_UNIX) . ("a" x ($len - 2));
	print bind($s, $sa) ? "bound " : ($!+0) . " ";
	print connect($s, $sa) ? "connected\n" : ($!+0) . "\n";
}
print "alive\n";
' 2>&1)
expect_eq "over-long AF_UNIX sockaddrs: the kernel's answers, the jail lives on" "$out" "22 22
22 22
alive"

# A name that fits sun_path as the jail writes it, but not with the root's
# path before it: bind, connect, getsockname and getpeername work, and the
# socket file is where the jail named it.
deep="/tmp/jail-deep-$$-$(printf '%060d' 0)"
rm -rf "$ROOTFS$deep"
mkdir -p "$ROOTFS$deep"
chmod 777 "$ROOTFS$deep"
long="$deep/s.sock"
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
' "$long" 2>&1)
echo "$out"
[ ${#ROOTFS} -gt 0 ] && [ $((${#ROOTFS} + ${#long})) -gt 107 ] || fail "the test path is not long enough on the host"
expect_eq "deep root: getsockname in guest terms" "$(echo "$out" | sed -n 1p)" "name=$long"
expect_eq "deep root: getpeername in guest terms" "$(echo "$out" | sed -n 2p)" "peer=$long"
[ -S "$ROOTFS$long" ] || fail "the socket is not at $ROOTFS$long"
pass "deep root: the socket file is where the jail named it"
rm -rf "$ROOTFS$deep"

# connect and sendto reach the socket through a descriptor the caller opens
# beneath the root (docs/engine.md): they work, and the descriptor is gone
# afterwards (the program's descriptor table is as it left it).
name="/tmp/jail-dgram-$$.sock"
rm -f "$ROOTFS$name"
out=$(timeout 60 "$JAIL" "$ROOTFS" web 127.0.0.2 /usr/bin/perl -e '
use Socket;
my $p = $ARGV[0];
sub fds { opendir(my $d, "/proc/self/fd"); my @f = grep { !/^\./ } readdir($d); return scalar(@f) - 1 }
socket(my $r, AF_UNIX, SOCK_DGRAM, 0) or die;
bind($r, pack_sockaddr_un($p)) or die "bind: $!";
socket(my $s, AF_UNIX, SOCK_DGRAM, 0) or die;
my $before = fds();
print defined(send($s, "hello", 0, pack_sockaddr_un($p))) ? "sent\n" : "send: $!\n";
recv($r, my $buf, 16, 0);
print "got=$buf\n";
connect($s, pack_sockaddr_un($p)) or die "connect: $!";
send($s, "again", 0);
recv($r, $buf, 16, 0);
print "got=$buf\n";
print "fds=", fds() - $before, "\n";
print connect($s, pack_sockaddr_un("/tmp/no-such-$$")) ? "connected\n" : "missing: " . ($!+0) . "\n";
' "$name" 2>&1)
expect_eq "AF_UNIX sendto, connect and send inside the root; no descriptor left; a missing name ENOENT" "$out" "sent
got=hello
got=again
fds=0
missing: 2"
rm -f "$ROOTFS$name"
