#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# A jailed program cannot forge -v / -L reports: what comes from the jail
# (its program name, the strings it passes, its symbol names) is escaped
# vis(3)-style, so every report is one line and carries no terminal
# escape. The program here is unshare(1), copied under a name with a
# newline, a fake report line and an ESC sequence.
. "$(dirname "$0")/lib.sh"
UNSHARE=$(command -v unshare) || { echo "SKIP: no unshare"; exit 77; }
nl='
'
esc=$(printf '\033')
mkdir "$WORK/bin"
prog="$WORK/bin/x${nl}jail: denied in jail 999: pid 1 (forged): reboot() -> EPERM: forged${esc}[2J"
cp "$UNSHARE" "$prog"

# -v: the program's own error message (on the same stderr) is its own
# business; the report line must be whole and escaped
"$JAIL" -v / h "" "$prog" --user true 2>"$WORK/err"
cat "$WORK/err"
grep -q '^jail: denied in jail [0-9]*: pid [0-9]* (.*/x\\012jail: denied in jail 999: pid 1 (forged): reboot() -> EPERM: forged\\033\[2J): unshare(CLONE_NEWUSER)' \
	"$WORK/err" || fail "the program's name is not escaped as \\ooo"
pass "-v: the program's name is escaped, one report per line"

# -L: the log holds reports only
"$JAIL" -L "$WORK/log" / h "" "$prog" --user true 2>/dev/null
cat "$WORK/log"
expect_eq "-L: one report line" "$(grep -c '^jail: denied' "$WORK/log")" 1
if grep -q "$esc" "$WORK/log"; then fail "-L: an escape character reached the log"; fi
grep -v -q '^jail: ' "$WORK/log" && fail "-L: a line of the log is not a report line"
pass "-L: the program's name is escaped, one report per line"
