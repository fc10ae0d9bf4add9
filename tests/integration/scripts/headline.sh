#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The foundation issue's headline: uname -n and hostname say the jail's
# name, make -j2 builds a C project exactly as it builds outside, and the
# jail exits with the command's status.
. "$(dirname "$0")/lib.sh"

cp -r "$EXAMPLES/hello" "$WORK/inside"
cp -r "$EXAMPLES/hello" "$WORK/outside"
(cd "$WORK/outside" && make -s -j2 >/dev/null 2>&1) || fail "make outside the jail failed"

out=$(cd "$WORK/inside" && "$JAIL" / myhost 127.0.0.2 sh -c 'uname -n; hostname; make -s -j2; exit 3' 2>&1)
rc=$?
expect_eq "exit status" "$rc" 3
expect_eq "uname -n and hostname" "$(echo "$out" | head -2 | tr '\n' ' ')" "myhost myhost "
for f in main.o greet.o count.o hello; do
	cmp -s "$WORK/inside/$f" "$WORK/outside/$f" || fail "$f built in the jail differs from $f built outside"
done
pass "make -j2 in the jail builds the same objects and binary as outside"
expect_eq "the built program runs in the jail" "$("$JAIL" / myhost 127.0.0.2 "$WORK/inside/hello")" "hello from a jail (4 words)"
