#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# enforce_statfs: what the mount table files show inside (rooted/mount_table.c
# prints the mount points of every route to them). 2 (the default): only
# the mount the jail's root is on, as "/", at / and in a root; 1: at /
# everything (mounts beneath the root, which is /), in a root the root's
# mount and those beneath it; 0: the host's table. The host has more than
# one mount, so the host's table fails the checks of 2.
. "$(dirname "$0")/lib.sh"
MT=$ROOTED/mount_table
[ -x "$MT" ] || fail "no $MT"
routes=8
host_n=$(wc -l </proc/self/mounts)
[ "$host_n" -gt 1 ] || { echo "SKIP: the host has one mount only"; exit 77; }

# every route, one line each: "/"
only_root() { # WHAT OUTPUT
	n=$(printf '%s\n' "$2" | grep -c '^/proc\|^dirfd\|^openat2')
	bad=$(printf '%s\n' "$2" | grep '^/proc\|^dirfd\|^openat2' | grep -v ' /$')
	[ "$n" = $routes ] && [ -z "$bad" ] || fail "$1: got: $2"
	pass "$1"
}

out=$(timeout 60 "$JAIL" -c path=/ command="$MT" 2>&1)
only_root "at /, default enforce_statfs (2): only /" "$out"
# listmount(2) and statmount(2) (6.8) walk the whole mount namespace, past
# enforce_statfs: a jail gets ENOSYS, as on a kernel without them, and
# libmount falls back to /proc/self/mountinfo (the jail's view)
listmount_absent() { # WHAT OUTPUT
	printf '%s\n' "$2" | grep -qx 'listmount ENOSYS' || fail "$1: listmount: $(printf '%s\n' "$2" | grep '^listmount')"
	pass "$1: listmount gives ENOSYS"
}
listmount_absent "at /" "$out"
out=$(timeout 60 "$JAIL" -c path=/ enforce_statfs=2 command=/bin/sh -c \
	'df -P 2>&1 | awk "NR > 1 { print \$6 }"; findmnt -rn -o TARGET 2>&1' 2>&1 | grep -v ': created$' | sort -u)
expect_eq "df and findmnt at / with enforce_statfs=2" "$out" "/"
for e in 1 0; do
	out=$(timeout 60 "$JAIL" -c path=/ enforce_statfs=$e command="$MT" 2>&1)
	n=$(printf '%s\n' "$out" | grep -c '^/proc/self/mounts ')
	[ "$n" -gt 1 ] || fail "at /, enforce_statfs=$e: $n mounts, the host has $host_n"
	printf '%s\n' "$out" | grep -q '^/proc/self/mounts /proc$' || fail "at /, enforce_statfs=$e: no /proc"
	pass "at /, enforce_statfs=$e: the host's table ($n mounts)"
done

mkdir -m 0755 "$WORK/root" || fail "mkdir"
cp "$MT" "$WORK/root/" || fail "cp"
out=$(timeout 60 "$JAIL" -c path="$WORK/root" command=/mount_table 2>&1)
only_root "in a root, default enforce_statfs (2): only /" "$out"
listmount_absent "in a root" "$out"
out=$(timeout 60 "$JAIL" -c path="$WORK/root" enforce_statfs=1 command=/mount_table 2>&1)
only_root "in a root, enforce_statfs=1 (no mount beneath it): only /" "$out"
out=$(timeout 60 "$JAIL" -c path="$WORK/root" enforce_statfs=0 command=/mount_table 2>&1)
printf '%s\n' "$out" | grep -q '^/proc/self/mounts /proc$' || fail "in a root, enforce_statfs=0: no /proc: $out"
pass "in a root, enforce_statfs=0: the host's table"
