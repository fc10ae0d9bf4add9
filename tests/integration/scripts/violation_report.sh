#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# jail -v reports a call refused by a static denial once per process and
# syscall, with the program and its backtrace; the call still fails with
# the same errno. Without -v nothing is reported.
. "$(dirname "$0")/lib.sh"

# unshare(1) asks for a user namespace
"$JAIL" -v / h "" unshare --user true 2>"$WORK/err"; rc=$?
cat "$WORK/err"
[ $rc != 0 ] || fail "unshare --user succeeded in the jail"
grep -q '^unshare: unshare failed: Operation not permitted$' "$WORK/err" ||
	fail "the program did not get EPERM"
grep -q '^jail: denied in jail [0-9]*: pid [0-9]* (/.*unshare): unshare(CLONE_NEWUSER) -> EPERM: .*namespace' "$WORK/err" ||
	fail "no report line for unshare"
grep -q '^jail:   #0 0x[0-9a-f]* unshare+0x' "$WORK/err" || fail "no backtrace into libc's unshare"
pass "-v reports the denial with program, arguments, errno, reason and backtrace"

# twice in one process: one report; two processes: two reports
"$JAIL" -v / h "" python3 -c 'import ctypes; u = ctypes.CDLL(None).unshare; print(u(0x10000000), u(0x10000000))' \
	>"$WORK/out" 2>"$WORK/err"
expect_eq "both calls fail" "$(cat "$WORK/out")" "-1 -1"
expect_eq "one report per process and syscall" "$(grep -c '^jail: denied' "$WORK/err")" 1
"$JAIL" -v / h "" sh -c 'unshare --user true; unshare --user true' 2>"$WORK/err"
expect_eq "one report per process" "$(grep -c '^jail: denied' "$WORK/err")" 2

"$JAIL" / h "" unshare --user true 2>"$WORK/err"
expect_eq "no report without -v" "$(grep -c '^jail: denied' "$WORK/err")" 0

# decoded arguments: names for flags, strings for paths, device numbers
"$JAIL" -v / h "" mknod "$WORK/blk" b 7 250 2>"$WORK/err"
cat "$WORK/err"
grep -q "^jail: denied in jail [0-9]*: pid [0-9]* (/.*mknod): mknodat(AT_FDCWD, \"$WORK/blk\", S_IFBLK|0666, makedev(7, 250)) -> EPERM: " \
	"$WORK/err" || fail "mknod of a block device: no decoded report"
[ -e "$WORK/blk" ] && fail "the block device was made"
pass "-v decodes the arguments (path, mode, device)"

# -L FILE: the reports go to the file (appended), not to stderr
echo "earlier line" >"$WORK/log"
"$JAIL" -L "$WORK/log" / h "" unshare --net true 2>"$WORK/err"
expect_eq "-L: nothing reported on stderr" "$(grep -c '^jail: denied' "$WORK/err")" 0
expect_eq "-L: the file keeps what it had" "$(head -1 "$WORK/log")" "earlier line"
grep -q '^jail: denied in jail [0-9]*: pid [0-9]* (/.*unshare): unshare(CLONE_NEWNET) -> EPERM' "$WORK/log" ||
	fail "-L: no report in the log: $(cat "$WORK/log")"
pass "-L writes the reports to the log file"
"$JAIL" -L /nonexistent-dir-$$/log / h "" true 2>"$WORK/err"
expect_eq "-L with a bad file: exit 1 and one line" "$? $(cat "$WORK/err")" \
	"1 jail: /nonexistent-dir-$$/log: No such file or directory"
