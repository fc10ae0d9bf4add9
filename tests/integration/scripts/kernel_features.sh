#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# What jail says on a kernel that lacks a feature (kernel_check.c), the
# kernel faked by tests/meta/fake_old_kernel.c's seccomp filter: without
# seccomp user notification a one-line error and nothing made; without
# Landlock a one-line warning of what is weaker, and a jail with its own
# root refused. On this kernel as it is: no warning when Landlock has the
# abstract-socket scope (ABI 6).
. "$(dirname "$0")/lib.sh"
FAKE=$PROBES/fake_old_kernel
[ -x "$FAKE" ] || { echo "SKIP: no $FAKE"; exit 77; }
name=kf-$$
CREATED=$name

"$FAKE" user_notif "$JAIL" / h 127.0.0.2 echo ran >"$WORK/out" 2>"$WORK/err"
expect_eq "no user notification: jail fails with one line" "$? $(cat "$WORK/out" "$WORK/err")" \
	"1 jail: this kernel has no seccomp user notification (Operation not supported): jail needs Linux 5.14 or newer with CONFIG_SECCOMP_FILTER"
"$FAKE" user_notif "$JAIL" -c name=$name path=/ persist >"$WORK/out" 2>&1
expect_eq "no user notification: jail -c fails" "$? $(grep -c 'no seccomp user notification' "$WORK/out")" "1 1"
"$JLS" -j $name >/dev/null 2>&1 && fail "no user notification: $name is registered"
pass "no user notification: nothing registered"
"$JAIL" -q -c name=$name path=/ persist || fail "jail -c $name"
"$FAKE" user_notif "$JEXEC" $name echo ran >"$WORK/out" 2>&1
expect_eq "no user notification: jexec fails with one line" "$? $(cat "$WORK/out")" \
	"1 jexec: this kernel has no seccomp user notification (Operation not supported): jail needs Linux 5.14 or newer with CONFIG_SECCOMP_FILTER"
"$JAIL" -q -r $name

"$FAKE" landlock "$JAIL" / h 127.0.0.2 hostname >"$WORK/out" 2>"$WORK/err"
expect_eq "no Landlock: jail / runs" "$? $(cat "$WORK/out")" "0 h"
expect_eq "no Landlock: one warning line saying what is weaker" \
	"$(wc -l <"$WORK/err") $(cut -c1-60 "$WORK/err")" "1 jail: warning: no Landlock in this kernel (Linux 5.13+, \"lan"
grep -q '/proc and /sys files for writing' "$WORK/err" && grep -q 'abstract AF_UNIX' "$WORK/err" ||
	fail "no Landlock: the warning names the /proc writes and abstract sockets: $(cat "$WORK/err")"
pass "no Landlock: the warning names /proc writes and abstract sockets"
mkdir -p "$WORK/root"
"$FAKE" landlock "$JAIL" "$WORK/root" h "" /x >"$WORK/out" 2>&1
expect_eq "no Landlock: a jail with its own root is refused" "$? $(cat "$WORK/out")" \
	"1 jail: a jail with its own root needs Landlock (Linux 5.13 or newer, \"landlock\" in CONFIG_LSM or the lsm= boot parameter): this kernel has none"

# this kernel as it is
"$JAIL" / h 127.0.0.2 true 2>"$WORK/err"
if [ -r /sys/kernel/security/lsm ] && ! grep -q landlock /sys/kernel/security/lsm; then
	grep -q '^jail: warning: no Landlock' "$WORK/err" || fail "no Landlock here, and no warning"
	pass "this kernel: no Landlock, warned"
elif grep -q 'warning' "$WORK/err"; then
	grep -q '^jail: warning: Landlock ABI [1-5] ' "$WORK/err" || fail "unexpected: $(cat "$WORK/err")"
	pass "this kernel: $(cat "$WORK/err")"
else
	expect_eq "this kernel: no warning" "$(cat "$WORK/err")" ""
fi
