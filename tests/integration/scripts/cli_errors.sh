#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Bad input: FreeBSD's messages, exit 1, nothing left running.
. "$(dirname "$0")/lib.sh"

check() { # check WANT_MESSAGE ARGS...
	want=$1
	shift
	"$JAIL" "$@" >"$WORK/out" 2>"$WORK/err"
	rc=$?
	expect_eq "jail $* exits 1" "$rc" 1
	expect_eq "jail $* says" "$(head -1 "$WORK/err")" "$want"
	[ -s "$WORK/out" ] && fail "jail $* wrote to stdout"
	expect_no_process "marker-$$"
}

touch "$WORK/file"
check "jail: path tmp: not an absolute pathname" tmp h 127.0.0.2 sh -c ": marker-$$"
check "jail: path /nonexistent-$$: No such file or directory" /nonexistent-$$ h 127.0.0.2 sh -c ": marker-$$"
check "jail: path $WORK/file: Not a directory" "$WORK/file" h 127.0.0.2 sh -c ": marker-$$"
check "jail: ip4.addr: not an IPv4 address: 127.0.0.300" / h 127.0.0.300 sh -c ": marker-$$"
check "jail: ip4.addr: not an IPv4 address: myhost" / h 127.0.0.2,myhost sh -c ": marker-$$"
check "usage: jail [-dhilqv] [-J jid_file] [-u username] [-U username]" / h 127.0.0.2
check "usage: jail [-dhilqv] [-J jid_file] [-u username] [-U username]"
# an empty address list and mixed families are fine
"$JAIL" / h "" true; expect_eq "empty address list" $? 0
"$JAIL" -q / h 127.0.0.2,::1 true; expect_eq "IPv4 and IPv6 together, -q" $? 0
