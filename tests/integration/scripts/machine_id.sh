#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# host.hostuuid and host.hostid are what the jail reads as its machine's
# identity (rooted/machine_id.c prints /etc/machine-id,
# /var/lib/dbus/machine-id and /etc/hostid as gethostid reads it): given,
# the UUID as systemd's 32 hex digits and the hostid as 4 bytes, even where
# the root has no /etc/hostid; not given, the root's own files (the host's
# at /). Another file named machine-id is left alone.
. "$(dirname "$0")/lib.sh"
MI=$ROOTED/machine_id
[ -x "$MI" ] || fail "no $MI"
uuid=0A1B2C3D-1111-2222-3333-444444444444
want_mid=0a1b2c3d111122223333444444444444
set_ids="host.hostuuid=$uuid host.hostid=0x12345678"
strip() { grep -v ': created$'; }

host=$("$MI")
got=$(timeout 60 "$JAIL" -c path=/ command="$MI" 2>&1 | strip)
expect_eq "at /, not given: the host's files" "$got" "$host"
got=$(timeout 60 "$JAIL" -c path=/ $set_ids command="$MI" 2>&1 | strip)
expect_eq "at /, given" "$got" "/etc/machine-id $want_mid
/var/lib/dbus/machine-id $want_mid
/etc/hostid 12345678
etc-dirfd+hostid 12345678"
if command -v python3 >/dev/null; then
	got=$(timeout 60 "$JAIL" -c path=/ $set_ids command=python3 -c \
		'import ctypes; print("%08x" % (ctypes.CDLL(None).gethostid() & 0xffffffff))' 2>&1 | strip)
	expect_eq "at /, gethostid(3)" "$got" 12345678
fi
echo other >"$WORK/machine-id"
got=$(timeout 60 "$JAIL" -c path=/ $set_ids command=/bin/cat "$WORK/machine-id" 2>&1 | strip)
expect_eq "at /, another file named machine-id" "$got" other

mkdir -p "$WORK/root/etc" "$WORK/root/var/lib/dbus" "$WORK/root/tmp" || fail "mkdir"
chmod -R 0755 "$WORK/root"
cp "$MI" "$WORK/root/" || fail "cp"
echo fedcba98765432100123456789abcdef >"$WORK/root/etc/machine-id"
ln -s /etc/machine-id "$WORK/root/var/lib/dbus/machine-id"
got=$(timeout 60 "$JAIL" -c path="$WORK/root" command=/machine_id 2>&1 | strip)
expect_eq "in a root, not given: the root's files" "$got" "/etc/machine-id fedcba98765432100123456789abcdef
/var/lib/dbus/machine-id fedcba98765432100123456789abcdef
/etc/hostid error No such file or directory
etc-dirfd+hostid error No such file or directory"
got=$(timeout 60 "$JAIL" -c path="$WORK/root" $set_ids command=/machine_id 2>&1 | strip)
expect_eq "in a root, given (no /etc/hostid there)" "$got" "/etc/machine-id $want_mid
/var/lib/dbus/machine-id $want_mid
/etc/hostid 12345678
etc-dirfd+hostid 12345678"
