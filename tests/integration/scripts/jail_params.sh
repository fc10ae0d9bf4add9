#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# FreeBSD 14's parameters: each is accepted and shown by jls; those with a
# Linux meaning have their effect (checked from inside, against the
# default, so that each check fails without the effect); those without one
# are a one-line error that leaves nothing behind (docs/parameters.md).
. "$(dirname "$0")/lib.sh"

n=params-$$
CREATED="$n"
PY=/usr/bin/python3
[ -x $PY ] || { echo "SKIP: no $PY"; exit 77; }

# accepted, and shown as set
for pv in securelevel=1 enforce_statfs=1 children.max=3 devfs_ruleset=4 osrelease=13.2-RELEASE osreldate=1302001 \
	host.hostuuid=00000000-1111-2222-3333-444444444444 host.hostid=1234 sysvmsg=inherit sysvsem=disable \
	sysvshm=inherit ip4=inherit ip6=disable host=new vnet=inherit ip4.saddrsel=false ip6.saddrsel=true \
	allow.mount.tmpfs=false allow.mount.nullfs=false allow.mount.devfs=false allow.mount.fdescfs=false \
	allow.mount.procfs=false allow.mount.fusefs=false allow.mount.linprocfs=false allow.mount.linsysfs=false \
	allow.mount.zfs=false allow.nfsd=false allow.vmm=false allow.routing=false allow.setaudit=false \
	allow.unprivileged_parent_tampering=false meta=note env=x=1 allow.quotas=true allow.extattr=true; do
	p=${pv%%=*} v=${pv#*=}
	"$JAIL" -q -c name=$n persist "$pv" 2>"$WORK/err" || fail "$pv refused: $(cat "$WORK/err")"
	got=$("$JLS" -j $n "$p")
	"$JAIL" -q -r $n
	expect_eq "$p accepted and shown" "$got" "$v"
done

# jls all: every kernel parameter, one value each
"$JAIL" -q -c name=$n persist || fail "jail -c"
names=$("$JLS" -h -j $n all | head -1)
for p in allow.adjtime allow.mount.tmpfs children.cur children.max cpuset.id devfs_ruleset dying enforce_statfs \
	host host.hostuuid host.hostid ip4 ip4.saddrsel ip6 osrelease osreldate parent securelevel sysvmsg \
	sysvsem sysvshm vnet meta env; do
	case " $names " in *" $p "*) ;; *) fail "jls all lacks $p: $names" ;; esac
done
expect_eq "jls all: one value per name" "$("$JLS" -j $n all | wc -w)" "$(echo "$names" | wc -w)"
expect_eq "defaults: securelevel, enforce_statfs, children.max, sysvshm, ip4" \
	"$("$JLS" -j $n securelevel enforce_statfs children.max sysvshm ip4)" "-1 2 0 disable disable"
expect_eq "default osrelease: the host's" "$("$JLS" -j $n osrelease)" "$(uname -r)"
"$JAIL" -q -r $n

# no Linux meaning: one line, exit 1, nothing registered
for pv in vnet=new vnet.interface=eth0 exec.fib=1 linux=new linux.osname=Linux linux.osrelease=5.0 \
	linux.oss_version=1 zfs.mount_snapshot=1 mac.label=x \
	sysvshm=new children.cur=1 allow.mount.procfs allow.mount.fdescfs=1 allow.mount.devfs=true; do
	"$JAIL" -c name=$n persist "$pv" >"$WORK/out" 2>"$WORK/err"
	rc=$?
	[ $rc = 1 ] && [ "$(wc -l <"$WORK/err")" = 1 ] && [ ! -s "$WORK/out" ] ||
		fail "$pv: exit $rc, [$(cat "$WORK/out" "$WORK/err")]"
	"$JLS" -j $n >/dev/null 2>&1 && fail "$pv left a jail"
	pass "$pv: $(cat "$WORK/err")"
done

# effects, each against the default
expect_eq "osrelease: uname -r inside" "$("$JAIL" -q -c name=$n osrelease=13.2-RELEASE command=uname -r)" 13.2-RELEASE
expect_eq "default: the host's release" "$("$JAIL" -q -c name=$n command=uname -r)" "$(uname -r)"

shm='import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
r = libc.shmget(0, 4096, 0o600)
if r >= 0:
    libc.shmctl(r, 0, None)
    print("ok")
else:
    print(os.strerror(ctypes.get_errno()))'
expect_eq "SysV shared memory: disabled by default" "$("$JAIL" -q -c name=$n command=$PY -c "$shm")" \
	"Function not implemented"
expect_eq "sysvshm=inherit: the host's key space" \
	"$("$JAIL" -q -c name=$n sysvshm=inherit command=$PY -c "$shm")" ok
expect_eq "allow.sysvipc: all three (FreeBSD 14's alias)" \
	"$("$JAIL" -q -c name=$n allow.sysvipc command=$PY -c "$shm")" ok
expect_eq "allow.sysvipc with sysvshm=disable" \
	"$("$JAIL" -q -c name=$n allow.sysvipc sysvshm=disable command=$PY -c "$shm")" "Function not implemented"

sock='import socket
try:
    socket.socket(socket.AF_INET, socket.SOCK_DGRAM).bind(("127.0.0.1", 0)); print("ok")
except OSError as e:
    print(e.strerror)'
expect_eq "no ip4.addr: no IPv4" "$("$JAIL" -q -c name=$n command=$PY -c "$sock")" "Protocol not supported"
expect_eq "ip4=inherit: the host's addresses" "$("$JAIL" -q -c name=$n ip4=inherit command=$PY -c "$sock")" ok
expect_eq "ip4=disable with an address: no IPv4" \
	"$("$JAIL" -q -c name=$n ip4=disable ip4.addr=127.0.0.2 command=$PY -c "$sock")" "Protocol not supported"

if [ "$(id -u)" = 0 ]; then
	# securelevel bounds allow.*: harmless probes (an invalid time: EINVAL
	# when the call reaches the kernel, EPERM when the jail refuses it)
	clock='import time
try:
    time.clock_settime_ns(time.CLOCK_REALTIME, -1); print("set")
except OSError as e:
    print(e.strerror)'
	expect_eq "allow.settime: the call reaches the kernel" \
		"$("$JAIL" -q -c name=$n allow.settime command=$PY -c "$clock")" "Invalid argument"
	expect_eq "allow.settime, securelevel=2: refused" \
		"$("$JAIL" -q -c name=$n allow.settime securelevel=2 command=$PY -c "$clock")" "Operation not permitted"
	f=$WORK/flagged
	: >"$f"
	"$JAIL" -q -c name=$n allow.chflags command=chattr +i "$f" 2>/dev/null
	expect_eq "allow.chflags: the immutable flag can be set" "$(lsattr "$f" | cut -c5)" i
	chattr -i "$f"
	"$JAIL" -q -c name=$n allow.chflags securelevel=1 command=chattr +i "$f" 2>/dev/null
	expect_eq "allow.chflags, securelevel=1: refused" "$(lsattr "$f" | cut -c5)" -
	chattr -i "$f" 2>/dev/null
fi
