#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# AF_UNIX path names in a jail with its own root (the Debian minbase root):
# bind makes the socket file in the name's directory resolved beneath the
# root, connect reaches it through a descriptor (docs/engine.md),
# getsockname shows the guest's name, and a name that fits sun_path as the
# jail writes it works however deep the root is.
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
my $l = "/tmp/" . ("x" x 92);
unlink $l;
bind($d, pack_sockaddr_un($l)) ? print "long: bound\n" : print "long: ", $!+0, "\n";
print "long name=", (unpack_sockaddr_un(getsockname($d)) eq $l ? "same" : unpack_sockaddr_un(getsockname($d))), "\n";
unlink $l;
' "$name" 2>&1)
expect_eq "getsockname in guest terms" "$(echo "$out" | sed -n 1p)" "name=$name"
expect_eq "getpeername in guest terms" "$(echo "$out" | sed -n 2p)" "peer=$name"
expect_eq "a name that fits natively, too long a host path: bound" "$(echo "$out" | sed -n 3p)" "long: bound"
expect_eq "... and getsockname gives it as written" "$(echo "$out" | sed -n 4p)" "long name=same"
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

# bind on the object (docs/engine.md): the socket file is the caller's
# (owner, umask), SO_PEERCRED names the caller, names are reported as the
# jail wrote them (absolute, relative, a datagram's sender), and the
# kernel's errors: EADDRINUSE, ENOENT, EACCES (jailed root binds as nobody).
dir="/tmp/jail-bindobj-$$"
rm -rf "$ROOTFS$dir"
mkdir -p "$ROOTFS$dir/ro"
chmod 777 "$ROOTFS$dir"
chmod 555 "$ROOTFS$dir/ro"
out=$(timeout 60 "$JAIL" "$ROOTFS" web 127.0.0.2 /usr/bin/perl -e '
use Socket;
use POSIX;
my $d = $ARGV[0];
if ($> == 0) { POSIX::setgid(65534); POSIX::setuid(65534) or die "setuid: $!"; }
umask(027);
socket(my $s, AF_UNIX, SOCK_STREAM, 0) or die;
bind($s, pack_sockaddr_un("$d/s.sock")) or die "bind: $!";
listen($s, 1);
my @st = lstat("$d/s.sock");
printf "owner=%s mode=%o sock=%d\n", ($st[4] == $> && $st[5] == $) + 0 ? "caller" : "$st[4]:$st[5]"), $st[2] & 07777, -S _ ? 1 : 0;
socket(my $c, AF_UNIX, SOCK_STREAM, 0);
connect($c, pack_sockaddr_un("$d/s.sock")) or die "connect: $!";
my ($pid, $uid, $gid) = unpack("iII", getsockopt($c, SOL_SOCKET, SO_PEERCRED));
print "peercred=", ($pid == $$ && $uid == $> ? "caller" : "$pid:$uid"), "\n";
socket(my $e, AF_UNIX, SOCK_STREAM, 0);
print "again=", (bind($e, pack_sockaddr_un("$d/s.sock")) ? "bound" : $!+0), "\n";
print "missing=", (bind($e, pack_sockaddr_un("$d/no/s.sock")) ? "bound" : $!+0), "\n";
print "readonly=", (bind($e, pack_sockaddr_un("$d/ro/s.sock")) ? "bound" : $!+0), "\n";
print "dot=", (bind($e, pack_sockaddr_un("$d/.")) ? "bound" : $!+0), "\n";
chdir $d or die;
socket(my $r, AF_UNIX, SOCK_DGRAM, 0);
bind($r, pack_sockaddr_un("rel.sock")) or die "bind rel: $!";
print "relative=", unpack_sockaddr_un(getsockname($r)), "\n";
socket(my $g, AF_UNIX, SOCK_DGRAM, 0);
bind($g, pack_sockaddr_un("$d/g.sock")) or die "bind g: $!";
send($g, "x", 0, pack_sockaddr_un("$d/rel.sock")) or die "send: $!";
my $from = recv($r, my $buf, 4, 0);
print "from=", unpack_sockaddr_un($from), "\n";
' "$dir" 2>&1)
expect_eq "bind on the object: owner, umask, peer, errors, names" "$out" "owner=caller mode=750 sock=1
peercred=caller
again=98
missing=2
readonly=13
dot=98
relative=rel.sock
from=$dir/g.sock"
[ "$(ls "$ROOTFS$dir" | tr '\n' ' ')" = "g.sock rel.sock ro s.sock " ] || fail "the socket files are not in the root: $(ls "$ROOTFS$dir")"
pass "the socket files are in the directory the jail named, inside the root"
rm -rf "$ROOTFS$dir"
