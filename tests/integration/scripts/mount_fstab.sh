#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# mount= and mount.fstab= (tools/jail_mounts.c): as root the entries are
# mounted before the jail starts, in order (a nullfs of a whole root over
# the jail's path, then mounts inside it), and unmounted when it ends; bad
# entries and mount points get jail(8)'s one-line errors and leave no
# mount and no jail; a mount point that is or passes a symbolic link
# beneath the jail's path is refused; a jail inside a jail cannot mount; a
# normal user gets one line. The root part runs ONLY in a mount namespace
# of its own (unshare --mount): it checks that it is not the host's first.
. "$(dirname "$0")/lib.sh"
j=mnt-$$
base=/var/cache/jail-tests/rootfs-bookworm

nothing_left() { # NAME DIR: no jail NAME, no registry entry, nothing mounted under DIR
	"$JLS" -j "$1" >/dev/null 2>&1 && fail "$1 is left"
	grep -qs -- "$1" "$REGISTRY"/*.jail && fail "a registry entry names $1"
	grep -q " $2" /proc/self/mounts && fail "mounts left under $2: $(grep " $2" /proc/self/mounts)"
	return 0
}

R=$WORK/root
mkdir -p "$R/a" "$WORK/out" "$WORK/src"
chmod 755 "$WORK" "$R"
if [ "$(id -u)" != 0 ]; then
	out=$("$JAIL" -c name=$j path="$R" persist "mount=tmpfs $R/a tmpfs rw 0 0" 2>&1)
	expect_eq "mount= as a normal user: one line, exit 1" "$out $?" \
		"jail: $j: /sbin/mount -t tmpfs -o rw tmpfs $R/a: Operation not permitted (mounting needs root) 1"
	nothing_left $j "$R"
	exit 0
fi
own_mount_ns "$@"
# --- from here on: a mount namespace this script made
[ -x "$base/bin/sh" ] || fail "no Debian root at $base (./setup.sh)"
CREATED="$j"
echo data >"$WORK/src/f"
mkdir -p "$R/tmp" "$R/mnt"

# A whole root mounted over the jail's path, then mounts inside it.
out=$("$JAIL" -q -c name=$j path="$R" "mount=$base $R nullfs ro 0 0" \
	"mount=tmpfs $R/tmp tmpfs rw,size=1m,mode=1777 0 0" "mount=$WORK/src $R/mnt nullfs ro,noexec 0 0" \
	command=/bin/sh -c 'cat /mnt/f; touch /mnt/x 2>/dev/null || echo ro; echo t >/tmp/t && cat /tmp/t;
		stat -f -c %T /tmp; test -x /bin/sh && echo root' 2>&1)
expect_eq "nullfs root, tmpfs and nullfs ro inside it, in order" "$out" "data
ro
t
tmpfs
root"
nothing_left $j "$R"
pass "unmounted when the jail's command ended"

# jail.conf: mount and mount += lines, mount.fstab with comments
mkdir -p "$R/b"
printf '# an fstab\n\ntmpfs %s/b tmpfs rw,size=1m 0 0 # tmp\nproc %s/proc procfs rw 0 0\n' "$R" "$R" >"$WORK/fstab"
cat >"$WORK/jail.conf" <<EOF
$j {
	path = "$R";
	persist;
	mount = "tmpfs $R/a tmpfs rw,size=1m 0 0";
	mount += "$WORK/src $R/tmp nullfs ro 0 0";
	mount.fstab = "$WORK/fstab";
}
EOF
"$JAIL" -q -f "$WORK/jail.conf" -c $j || fail "jail -f -c with mount lines"
for d in a tmp b; do grep -q " $R/$d " /proc/self/mounts || fail "$R/$d is not mounted"; done
grep -q " $R/proc " /proc/self/mounts && fail "a procfs line mounted a procfs (the jail has its own /proc)"
pass "jail.conf: mount, mount +=, mount.fstab all mounted (procfs: the jail's own)"
"$JAIL" -q -f "$WORK/jail.conf" -r $j || fail "jail -r"
nothing_left $j "$R"
pass "jail -r unmounts them"

# errors: one line in jail(8)'s words, exit 1, nothing mounted or left
ln -s "$WORK/out" "$R/lnk"
err() { # WHAT WANT ENTRY...
	what=$1 want=$2
	shift 2
	out=$("$JAIL" -c name=$j path="$R" persist "$@" 2>&1)
	expect_eq "$what" "$out $?" "$want 1"
	nothing_left $j "$R"
	grep -q " $WORK/out " /proc/self/mounts && fail "$WORK/out (outside the jail) got mounted"
	return 0
}
err "a missing mount point after a good entry (which is unmounted again)" \
	"jail: $j: mount: $R/nope: No such file or directory" "mount=tmpfs $R/a tmpfs rw 0 0" "mount=tmpfs $R/nope tmpfs rw 0 0"
err "a symbolic link as the mount point" "jail: $j: mount: $R/lnk is a symbolic link" "mount=tmpfs $R/lnk tmpfs rw 0 0"
err "a symbolic link on the way" "jail: $j: mount: $R/lnk is a symbolic link" "mount=tmpfs $R/lnk/x tmpfs rw 0 0"
mkdir -p "$WORK/secretdir"
ln -s "$WORK/secretdir" "$R/data"
err "a nullfs source beneath the jail's path that is a symbolic link (one the jail's root may have made)" \
	"jail: $j: /sbin/mount -t nullfs -o ro $R/data $R/a: a symbolic link beneath the jail's path" \
	"mount=$R/data $R/a nullfs ro 0 0"
err "a mount point that leaves the jail's path" \
	"jail: $j: /sbin/mount -t tmpfs -o rw tmpfs $R/a/../../out: the mount point leaves the jail's path" \
	"mount=tmpfs $R/a/../../out tmpfs rw 0 0"
err "missing fields" "jail: $j: mount: tmpfs $R/a: missing information" "mount=tmpfs $R/a"
err "a relative mount point" "jail: $j: mount: a: not an absolute pathname" "mount=tmpfs a tmpfs rw"
err "an unknown file system" "jail: $j: /sbin/mount -t nosuchfs -o rw x $R/a: No such device" "mount=x $R/a nosuchfs rw"
err "an option nullfs does not take" "jail: $j: mount: /tmp $R/a nullfs rw,size=1: size=1: unknown option" \
	"mount=/tmp $R/a nullfs rw,size=1"
err "devfs (mount.devfs's)" "jail: $j: mount: $R/a: devfs: not supported here: mount.devfs gives the jail its /dev" \
	"mount=devfs $R/a devfs rw"
err "a missing fstab" "jail: $j: mount.fstab: $WORK/nofstab: No such file or directory" "mount.fstab=$WORK/nofstab"

# inside a jail: no mounts (they would be the host's)
p=mntp-$$
CREATED="$j $p"
tmp_type=$(stat -f -c %T /tmp)
"$JAIL" -q -c name=$p children.max=1 persist || fail "jail -c $p"
out=$(timeout 30 "$JEXEC" $p env ASAN_OPTIONS=detect_leaks=0 "$JAIL" -c name=c path=/ persist \
	"mount=tmpfs /tmp tmpfs rw 0 0" 2>&1)
case "$out" in *"mount=tmpfs /tmp tmpfs rw 0 0: not available inside a jail") pass "inside a jail mount= is refused" ;;
*) fail "mount= inside a jail: $out" ;; esac
grep -q " /tmp tmpfs" /proc/self/mounts && [ "$(stat -f -c %T /tmp)" = tmpfs ] && [ "$tmp_type" != tmpfs ] &&
	fail "a tmpfs got mounted on /tmp"
"$JAIL" -q -r $p
