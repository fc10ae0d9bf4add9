#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# mount.devfs and devfs_ruleset (policy/devfs_rules.h, docs/dev.md): the
# jail's /dev shows exactly the ruleset's devices (4 by default, 1 none),
# the root's own /dev is covered, a hidden name is ENOENT through every
# route (rooted/devfs.c); rulesets that hide nothing and unknown ones are
# refused with nothing left, a jail at / keeps the host's /dev; jls shows the ruleset. The same
# probe run without mount.devfs fails: it catches a name that shows.
. "$(dirname "$0")/lib.sh"
[ -x "$ROOTED/devfs" ] || fail "no $ROOTED/devfs"
root=$WORK/root
mkdir -p "$root/dev"
cp "$ROOTED/devfs" "$root/"
: >"$root/dev/rootdisk" # the root's own /dev entry (a disk node in a real root)
ln -s dev "$root/lnk"
tag=devfs$$

run() { # NAME PARAMS... -- ARGS: runs the probe in a new jail
	name=$1
	shift
	params=
	while [ "$1" != -- ]; do params="$params $1"; shift; done
	shift
	# shellcheck disable=SC2086
	timeout 60 "$JAIL" -c name="$name" path="$root" $params command=/devfs "$@" 2>&1
}

# names the host has that ruleset 4 hides
hide=rootdisk
for n in full console kmsg mem port loop-control tty0 ttyS0 zfs log; do
	[ -e "/dev/$n" ] && hide="$hide $n"
done
show="null zero random urandom ptmx pts fd stdin stdout stderr tty"
[ -e /dev/fuse ] && show="$show fuse"

out=$(run "$tag" mount.devfs -- hidden $hide)
echo "$out"
case "$out" in *PASS*) ;; *) fail "ruleset 4 showed a device it hides" ;; esac
pass "mount.devfs (ruleset 4): $hide absent through every route"
out=$(run "$tag" mount.devfs -- shown $show)
echo "$out"
case "$out" in *PASS*) ;; *) fail "ruleset 4 hid a device it shows" ;; esac
pass "mount.devfs (ruleset 4): $show shown and listed"
out=$(run "$tag" mount.devfs devfs_ruleset=5 -- shown $show)
case "$out" in *PASS*) ;; *) echo "$out"; fail "ruleset 5 hid a device it shows" ;; esac
pass "devfs_ruleset=5 shows what 4 does (pf has no Linux device)"
out=$(run "$tag" mount.devfs devfs_ruleset=1 -- hidden null zero urandom tty pts ptmx rootdisk)
echo "$out"
case "$out" in *PASS*) ;; *) fail "ruleset 1 showed a device" ;; esac
pass "devfs_ruleset=1: no device"

# the probe is not blind: without mount.devfs the root's own /dev and
# the fixed set (full) show, and it says so
out=$(run "$tag" -- hidden rootdisk)
case "$out" in *"FAIL: open /dev/rootdisk: succeeded"*) ;; *) echo "$out"; fail "the probe did not see the root's own /dev entry without mount.devfs" ;; esac
out=$(run "$tag" -- hidden full)
case "$out" in *"FAIL: stat /dev/full: succeeded"*) ;; *) echo "$out"; fail "the probe did not see /dev/full without mount.devfs" ;; esac
pass "without mount.devfs the same probe fails (the root's /dev and full show)"

# jls shows the ruleset in effect
CREATED="$tag"
"$JAIL" -q -c name="$tag" path="$root" mount.devfs persist || fail "persistent jail with mount.devfs"
expect_eq "jls shows devfs_ruleset 4 by default" "$("$JLS" -j "$tag" devfs_ruleset mount.devfs)" "4 true"
"$JAIL" -q -r "$tag"
"$JAIL" -q -c name="$tag" path="$root" mount.devfs devfs_ruleset=5 persist || fail "devfs_ruleset=5"
expect_eq "jls shows the devfs_ruleset given" "$("$JLS" -j "$tag" devfs_ruleset)" "5"
"$JAIL" -q -r "$tag"
CREATED=

# refused, one line, nothing left
refuse() { # WANT PARAMS...
	want=$1
	shift
	err=$("$JAIL" -c name="$tag" "$@" command=/devfs shown null 2>&1)
	rc=$?
	[ $rc = 1 ] || fail "$*: exit $rc ($err)"
	expect_eq "$*: refused" "$err" "$want"
	"$JLS" -j "$tag" >/dev/null 2>&1 && fail "$*: a jail is left"
	[ "$(echo "$err" | wc -l)" = 1 ] || fail "$*: more than one line"
}
why="hides no device: the jail would see the host's whole /dev (use 4, devfsrules_jail)"
refuse "jail: devfs_ruleset 0 $why" path="$root" mount.devfs devfs_ruleset=0
refuse "jail: devfs_ruleset 2 $why" path="$root" mount.devfs devfs_ruleset=2
refuse "jail: devfs_ruleset 3 $why" path="$root" mount.devfs devfs_ruleset=3
refuse "jail: devfs_ruleset 9: no such ruleset (rulesets 1, 4 and 5 are defined)" path="$root" mount.devfs devfs_ruleset=9
refuse "jail: jail_set: Invalid argument" path="$root" mount.devfs devfs_ruleset=65536
refuse "jail: devfs_ruleset 0 $why" path=/ mount.devfs devfs_ruleset=0

# a jail at / shares the host's /dev (a jail.conf's global mount.devfs)
out=$("$JAIL" -q -c name="$tag" path=/ mount.devfs command=/bin/sh -c 'test -e /dev/full && echo host-dev' 2>&1)
expect_eq "mount.devfs in a jail at /: the host's /dev" "$out" "host-dev"
