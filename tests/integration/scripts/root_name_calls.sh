#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The name calls (mkdir, rmdir, unlink, rename, link, symlink) given the
# root's own name ("/", or slashes only) give the kernel's errors (EEXIST,
# EBUSY, EISDIR, EPERM), at the host's / and in a root of its own, as
# natively at /. They gave ENOENT (CPython's test_pathlib
# test_mkdir_exist_ok_root). Each call fails natively too: nothing changes.
. "$(dirname "$0")/lib.sh"
ROOTFS=/var/cache/jail-tests/rootfs-bookworm
[ -x "$ROOTFS/usr/bin/perl" ] || fail "no root at $ROOTFS (run ./setup.sh)"
prog='
for my $p ("/", "//", "///") {
	print "mkdir $p ",   (mkdir($p) ? "ok" : $!+0), "\n";
	print "rmdir $p ",   (rmdir($p) ? "ok" : $!+0), "\n";
	print "rename $p ",  (rename($p, "/nonexistent-dir/x") ? "ok" : $!+0), "\n";
	print "rename to $p ", (rename("/nonexistent-dir/x", $p) ? "ok" : $!+0), "\n";
	print "link $p ",    (link($p, "/nonexistent-dir/x") ? "ok" : $!+0), "\n";
	print "symlink $p ", (symlink("a", $p) ? "ok" : $!+0), "\n";
}'
native=$(perl -e "$prog" 2>&1)
echo "$native"
at_host=$(timeout 30 "$JAIL" / h "" /usr/bin/perl -e "$prog" 2>&1)
expect_eq "at the host's /: the kernel's errors for /" "$at_host" "$native"
rooted=$(timeout 30 "$JAIL" "$ROOTFS" h "" /usr/bin/perl -e "$prog" 2>&1)
expect_eq "in a root of its own: the same" "$rooted" "$native"
