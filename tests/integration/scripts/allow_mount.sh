#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# allow.mount with allow.mount.tmpfs / allow.mount.nullfs and
# enforce_statfs < 2 (handlers/handle_mount.c): jailed root mounts a tmpfs
# and binds its own directories inside the jail's root, remounts and
# unmounts them; it cannot bind what is not the jail's (/proc), unmount
# what it did not mount, or mount at all without each of FreeBSD's
# conditions; what it leaves mounted is unmounted when the jail ends. The
# root part runs ONLY in a mount namespace of its own (unshare --mount).
. "$(dirname "$0")/lib.sh"
j=amnt-$$
base=/var/cache/jail-tests/rootfs-bookworm
allow="allow.mount allow.mount.tmpfs allow.mount.nullfs enforce_statfs=1"

if [ "$(id -u)" != 0 ]; then
	# the supervisor is not root: the kernel lets it mount nothing, and
	# jailed root's mount gets FreeBSD's EPERM
	out=$("$JAIL" -q -c name=$j path=/ $allow command=/bin/sh -c 'echo accepted' 2>&1)
	expect_eq "allow.mount accepted for a normal user's jail" "$out" "accepted"
	out=$(timeout 60 "$JAIL" -q -c name=$j path="$base" $allow command=/bin/sh -c \
		'mount -t tmpfs tmpfs /mnt 2>/dev/null && echo mounted || echo refused' 2>&1)
	expect_eq "a normal user's jail mounts nothing (EPERM)" "$out" "refused"
	exit 0
fi
own_mount_ns "$@"
[ -x "$base/bin/sh" ] || fail "no Debian root at $base (./setup.sh)"
CREATED="$j"
R=$WORK/root
mkdir -p "$R"
chmod 755 "$WORK" "$R"
in_jail() { # PARAMS... -- SCRIPT: the Debian root (read-only) at R
	params=
	while [ "$1" != -- ]; do
		params="$params $1"
		shift
	done
	# shellcheck disable=SC2086
	timeout 60 "$JAIL" -q -c name=$j path="$R" "mount=$base $R nullfs ro" $params command=/bin/sh -c "$2" 2>&1
}

out=$(in_jail $allow -- 'mount -t tmpfs -o size=1m tmpfs /mnt && echo x >/mnt/f && cat /mnt/f &&
	grep -c " /mnt tmpfs " /proc/self/mounts
	mount -o remount,ro /mnt && { (echo y >/mnt/g) 2>/dev/null || echo ro; }
	mount -o remount,rw /mnt && echo y >/mnt/g && echo rw
	umount /mnt && echo unmounted && ls /mnt
	mount --bind /etc /mnt && test -f /mnt/passwd && echo bound && umount /mnt
	mount -t tmpfs tmpfs /tmp && echo left-mounted')
expect_eq "tmpfs, remount ro and rw, umount, a bind of the jail's /etc" "$out" "x
1
ro
rw
unmounted
bound
left-mounted"
grep -q " $R" /proc/self/mounts && fail "mounts left after the jail ended: $(grep " $R" /proc/self/mounts)"
pass "what the jail left mounted is gone with it"

refused() { # WHAT PARAMS... -- SCRIPT: the script's mount fails (its own output "refused")
	what=$1
	shift
	out=$(in_jail "$@")
	expect_eq "$what" "$out" "refused"
	grep -q " $R" /proc/self/mounts && fail "$what: mounts left: $(grep " $R" /proc/self/mounts)"
	return 0
}
 refused "a bind of /proc (the host's, not the jail's)" $allow -- \
		'mount --bind /proc /mnt 2>/dev/null && echo bound-proc || echo refused'
refused "a bind of a read-only directory made writable by remount" $allow -- \
	'mount --bind /etc /mnt && mount -o remount,bind,rw /mnt && (: >/mnt/amnt-escape) 2>/dev/null && echo written || echo refused'
rm -f "$base/etc/amnt-escape" # had it been written, the host's Debian root would keep it
refused "unmounting the jail's root (a mount it did not make)" $allow -- 'umount / 2>/dev/null && echo umounted || echo refused'
refused "a file system type other than tmpfs" $allow -- 'mount -t proc proc /mnt 2>/dev/null && echo mounted || echo refused'
refused "enforce_statfs=2" allow.mount allow.mount.tmpfs -- \
	'mount -t tmpfs tmpfs /mnt 2>/dev/null && echo mounted || echo refused'
refused "no allow.mount.tmpfs" allow.mount allow.mount.nullfs enforce_statfs=1 -- \
	'mount -t tmpfs tmpfs /mnt 2>/dev/null && echo mounted || echo refused'
refused "no allow.mount" allow.mount.tmpfs enforce_statfs=1 -- \
	'mount -t tmpfs tmpfs /mnt 2>/dev/null && echo mounted || echo refused'
if [ "$(uname -m)" = x86_64 ]; then
	# mount(2) itself (165 on x86_64) as uid 1000: mount(8) would refuse first
	refused "a jailed user other than root" $allow -- \
		'setpriv --reuid=1000 --regid=1000 --clear-groups perl -e "my @a = (q(tmpfs), q(/mnt), q(tmpfs)); exit(syscall(165, \$a[0], \$a[1], \$a[2], 0, 0) == 0 ? 0 : 1)" && echo mounted || echo refused'
fi
out=$(timeout 60 "$JAIL" -q -c name=$j path=/ $allow command=/bin/sh -c \
	'mount -t tmpfs tmpfs /mnt 2>/dev/null && echo mounted || echo refused' 2>&1)
expect_eq "a jail at / (the host's tree)" "$out" "refused"
