#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Debugging inside a jail (docs/ptrace-emulation.md): strace -f and gdb
# (breakpoint, backtrace) work on jailed programs; with
# allow.unprivileged_proc_debug off a normal user's ptrace is EPERM, as
# FreeBSD's p_candebug (jailed root keeps PRIV_DEBUG_UNPRIV unless
# allow.suser is off too).
. "$(dirname "$0")/lib.sh"

STRACE=$(command -v strace) || { echo "SKIP: no strace (run ./setup.sh)"; exit 77; }
GDB=$(command -v gdb) || { echo "SKIP: no gdb (run ./setup.sh)"; exit 77; }
CC=$(command -v cc) || { echo "SKIP: no C compiler"; exit 77; }

out=$("$JAIL" / h 127.0.0.2 "$STRACE" -f -e trace=openat,execve sh -c 'cat /etc/hostname' 2>&1)
expect_eq "strace -f exits 0" $? 0
echo "$out" | grep -q '^\[pid  *[0-9]*\] execve("/usr/bin/cat", \["cat", "/etc/hostname"\]' ||
	echo "$out" | grep -q 'execve("/bin/cat", \["cat", "/etc/hostname"\]' ||
	fail "strace -f does not show the child's execve: $out"
echo "$out" | grep -q 'openat(AT_FDCWD, "/etc/hostname", O_RDONLY) = [0-9]' ||
	fail "strace -f does not show the child's openat: $out"
echo "$out" | grep -q '+++ exited with 0 +++' || fail "strace does not show the exit: $out"
pass "strace -f shows the child's execve and openat"

cat >"$WORK/bp.c" <<'C'
#include <stdio.h>
int add(int a, int b) { return a + b; }
int main(void) { int x = add(2, 3); printf("x=%d\n", x); return 0; }
C
"$CC" -g -O0 -o "$WORK/bp" "$WORK/bp.c" || fail "cc"
out=$("$JAIL" / h 127.0.0.2 "$GDB" -nx -batch -ex 'break add' -ex run -ex bt -ex 'print a*b' -ex cont \
	"$WORK/bp" 2>&1)
expect_eq "gdb exits 0" $? 0
echo "$out" | grep -q '^Breakpoint 1, add (a=2, b=3)' || fail "gdb: no stop at the breakpoint: $out"
echo "$out" | grep -q '^#1  0x[0-9a-f]* in main ()' || fail "gdb: no backtrace through main: $out"
echo "$out" | grep -q '^\$1 = 6' || fail "gdb: print a*b: $out"
echo "$out" | grep -q 'exited normally' || fail "gdb: the program did not finish: $out"
pass "gdb: breakpoint, backtrace, print, continue to the end"

# a root of its own: a dynamic program is started by the root's loader and
# fixed up after its exec (docs/exec-identity.md); a tracer following its
# syscalls still sees the execve's exit stop after the exec event, then
# entries and exits in turn (else strace -f shows every later call swapped)
[ -x "$ROOTED/syscall_stops" ] || fail "no $ROOTED/syscall_stops"
true_bin=$(readlink -f /bin/true)
loader=$(readlink -f /lib64/ld-linux-x86-64.so.2)
libc=$(ldd "$true_bin" | sed -n 's/.*libc\.so\.6 => \([^ ]*\).*/\1/p')
[ -f "$loader" ] && [ -f "$libc" ] || fail "no loader or libc for $true_bin"
mkdir -p "$WORK/root/bin" "$WORK/root/lib64" "$WORK/root${libc%/*}"
cp "$true_bin" "$WORK/root/bin/true"
cp "$loader" "$WORK/root/lib64/ld-linux-x86-64.so.2"
cp "$libc" "$WORK/root$libc"
cp "$ROOTED/syscall_stops" "$WORK/root/"
"$ROOTED/syscall_stops" /bin/true >/dev/null || fail "syscall_stops natively"
out=$("$JAIL" "$WORK/root" h 127.0.0.2 /syscall_stops /bin/true 2>&1)
expect_eq "syscall_stops in a root of its own exits 0 ($out)" $? 0
echo "$out"

# gdb attaching to a running jailed process of the same jail
out=$("$JAIL" / h 127.0.0.2 sh -c "sleep 30 & p=\$!; \"$GDB\" -nx -batch -p \$p -ex 'info inferiors' 2>&1; kill \$p" 2>&1)
echo "$out" | grep -q 'process [0-9]*' || fail "gdb -p of a jailed process: $out"
pass "gdb attaches to a jailed process"

# a process of another jail does not exist for a jailed tracer
"$JAIL" / other 127.0.0.3 sleep 61$$ >/dev/null 2>&1 &
front=$!
i=0
other=
while [ -z "$other" ] && [ $i -lt 50 ]; do
	other=$(pgrep -x -f "sleep 61$$")
	i=$((i + 1))
	sleep 0.1
done
[ -n "$other" ] || fail "the other jail's sleep did not start"
out=$("$JAIL" / h 127.0.0.2 "$STRACE" -p "$other" 2>&1)
kill "$other" 2>/dev/null
wait "$front" 2>/dev/null
echo "$out" | grep -q 'No such process' || fail "strace -p of another jail's process: $out"
pass "a process of another jail: ESRCH"

n=ptoff-$$
CREATED="$n"
# the parameter off: EPERM for a normal user; root too without allow.suser
if [ "$(id -u)" = 0 ]; then
	params="allow.nounprivileged_proc_debug allow.nosuser"
else
	params="allow.nounprivileged_proc_debug"
fi
out=$("$JAIL" -c name=$n path=/ $params command="$STRACE" -e trace=none true 2>&1)
[ $? != 0 ] || fail "strace with allow.unprivileged_proc_debug=0 succeeded: $out"
echo "$out" | grep -q 'Operation not permitted' || fail "not EPERM: $out"
pass "allow.unprivileged_proc_debug=0: EPERM"
