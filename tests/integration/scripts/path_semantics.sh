#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# chroot(2) path semantics inside a jail with its own root, compared with
# the kernel's: the pathsem probe runs natively on a directory and inside a
# jail whose root is another directory whose host path has the same length,
# and both must print the same lines (O_CREAT|O_EXCL on dangling links,
# trailing slashes, // and /./, AT_EMPTY_PATH, *at with a dirfd,
# ENAMETOOLONG at the same host length, ELOOP, readlink text, .. at /).
. "$(dirname "$0")/lib.sh"

native=$(readlink -f "$WORK")/native
rooted=$(readlink -f "$WORK")/rooted
mkdir "$native" "$rooted"
# callers that became nobody must reach the native tree as they reach the
# jail's (a root's host ancestors are not on a jailed path, as with chroot)
chmod 711 "$WORK"
cp "$ROOTED/pathsem" "$native/pathsem"
cp "$ROOTED/pathsem" "$rooted/pathsem"
len=${#native}
[ ${#rooted} = "$len" ] || fail "the two trees' paths differ in length"

"$native/pathsem" "$native" "$len" >"$WORK/native.out" 2>&1
expect_eq "the probe runs natively" $? 0
"$JAIL" "$rooted" h "" /pathsem "" "$len" >"$WORK/jail.out" 2>&1
expect_eq "the probe runs in the jail" $? 0
lines=$(wc -l <"$WORK/native.out")
[ "$lines" -gt 150 ] || fail "the native run printed only $lines lines"
if ! diff -u "$WORK/native.out" "$WORK/jail.out"; then
	fail "the jail's results differ from the kernel's (- native, + jail)"
fi
pass "all $lines results are the kernel's"
# the native run is not a copy of the jail's: spot checks
grep -qx 'O_CREAT|O_EXCL on a dangling relative symlink: EEXIST' "$WORK/jail.out" ||
	fail "O_CREAT|O_EXCL on a dangling symlink is not EEXIST"
grep -qx 'stat, guest path of PATH_MAX-1 bytes: ENAMETOOLONG' "$WORK/jail.out" ||
	fail "a guest path that grows past PATH_MAX is not ENAMETOOLONG"
grep -qx '/.. is /: same' "$WORK/jail.out" || fail "/.. is not /"
pass "spot checks"

# The same probe in a jail at the host's /, on a third tree: the jail is
# then transparent, and every line must be the kernel's too (the calls it
# serves run with the caller's rights: a link in a directory closed to
# the caller is not read)
athost=$(readlink -f "$WORK")/athost
mkdir "$athost"
cp "$ROOTED/pathsem" "$athost/pathsem"
[ ${#athost} = "$len" ] || fail "the third tree's path differs in length"
"$JAIL" / h "" "$athost/pathsem" "$athost" "$len" >"$WORK/athost.out" 2>&1
expect_eq "the probe runs in a jail at /" $? 0
if ! diff -u "$WORK/native.out" "$WORK/athost.out"; then
	fail "at /, the jail's results differ from the kernel's (- native, + jail)"
fi
pass "at /, all $lines results are the kernel's"

# A call interrupted by a signal restarts with the registers the program
# gave it, not the jail's rewritten ones (which would be translated again)
mkdir "$rooted/tmp" && chmod 1777 "$rooted/tmp"
cp "$ROOTED/syscall_restart" "$rooted/syscall_restart"
out=$("$JAIL" "$rooted" h "" /syscall_restart 2>&1) ||
	fail "syscall_restart in a jail with its own root: $out"
pass "interrupted path and socket calls restart as the program made them"
