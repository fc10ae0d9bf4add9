#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# kernel_features.sh: the tools on Debian's kernel in the test VM, under each
# Yama ptrace_scope (tests/arch/run; run as root, last: scope 3 cannot be
# lowered again). Prints "ok NAME", "skip NAME: why" or "FAIL NAME" with
# indented details.
#   - what jail says about this kernel: nothing, or one warning line
#   - ptrace_scope 1 (Ubuntu's default), as root and as uid 1000: a jail, a
#     persistent jail entered with jexec (and the jexec'd shell's children),
#     jls, jail -r, and -v reports with a backtrace
#   - ptrace_scope 2: root works; a normal user gets one line saying what
#     to change
#   - ptrace_scope 3: one line for root too
T=/tools
check() { # check NAME GOT WANT
	if [ "$2" = "$3" ]; then
		echo "ok $1"
	else
		echo "FAIL $1"
		printf '%s\n' "got [$2]" "want [$3]" | sed 's/^/  /'
	fi
}
as() { who=$1; shift; /t/run_as.sh "$who" 60 "$@"; }
nowarn() { grep -v '^jail: warning: '; } # the kernel's warning, checked once below

err=$(as root $T/jail / h 127.0.0.2 true 2>&1 >/dev/null)
case "$err" in
"") echo "ok kernel_warning: none" ;;
"jail: warning: "*)
	if [ "$(printf '%s\n' "$err" | wc -l)" = 1 ]; then echo "ok kernel_warning: $err"; else
		echo "FAIL kernel_warning: more than one line"; printf '%s\n' "$err" | sed 's/^/  /'; fi ;;
*) echo "FAIL kernel_warning"; printf '%s\n' "$err" | sed 's/^/  /' ;;
esac

yama=/proc/sys/kernel/yama/ptrace_scope
if [ ! -w $yama ]; then
	echo "skip yama: no Yama in this kernel"
	exit 0
fi

echo 1 >$yama
for who in root user; do
	check "yama1.$who.jail" "$(as $who $T/jail / h 127.0.0.2 hostname 2>&1 | nowarn)" "h"
	name=yama-$who
	as $who $T/jail -q -c name=$name path=/ host.hostname=yh ip4.addr=127.0.0.2 persist 2>&1 | nowarn
	check "yama1.$who.jexec" "$(as $who $T/jexec $name hostname 2>&1)" "yh"
	check "yama1.$who.jexec_children" \
		"$(as $who $T/jexec $name sh -c 'ls -d /tmp; cat /proc/self/comm; (hostname); echo $?' 2>&1)" "/tmp
cat
yh
0"
	check "yama1.$who.jexec_status" "$(as $who $T/jexec $name sh -c 'exit 5' 2>&1; echo $?)" "5"
	check "yama1.$who.jls" "$(as $who $T/jls -j $name host.hostname 2>&1)" "yh"
	check "yama1.$who.jail_r" "$(as $who $T/jail -r $name 2>&1)" "$name: removed"
	out=$(as $who $T/jail -v / h "" unshare -U true 2>&1)
	if printf '%s\n' "$out" | grep -q '^jail: denied in jail [0-9]*: pid [0-9]* .*unshare(CLONE_NEWUSER) -> EPERM' &&
		printf '%s\n' "$out" | grep -q '^jail:   #0 0x[0-9a-f]'; then
		echo "ok yama1.$who.v_backtrace"
	else
		echo "FAIL yama1.$who.v_backtrace"
		printf '%s\n' "$out" | sed 's/^/  /'
	fi
done

echo 2 >$yama
check "yama2.root.jail" "$(as root $T/jail / h 127.0.0.2 hostname 2>&1 | nowarn)" "h"
as root $T/jail -q -c name=yama2 path=/ host.hostname=y2 persist 2>&1 | nowarn
check "yama2.root.jexec" "$(as root $T/jexec yama2 hostname 2>&1)" "y2"
as root $T/jail -q -r yama2
msg="kernel.yama.ptrace_scope is 2 (only CAP_SYS_PTRACE may trace): run as root, or as root: sysctl kernel.yama.ptrace_scope=1"
check "yama2.user.jail_refused" "$(as user $T/jail / h 127.0.0.2 hostname 2>&1; echo "status $?")" "jail: $msg
status 1"
check "yama2.user.jexec_refused" "$(as user $T/jexec somejail hostname 2>&1; echo "status $?")" "jexec: $msg
status 1"

echo 3 >$yama
check "yama3.root.jail_refused" "$(as root $T/jail / h 127.0.0.2 hostname 2>&1; echo "status $?")" \
	"jail: kernel.yama.ptrace_scope is 3 (no process may trace another): jail needs 0 or 1, and 3 can only be lowered by a reboot (remove it from /etc/sysctl.d)
status 1"
