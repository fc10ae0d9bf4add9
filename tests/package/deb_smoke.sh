#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The Debian package, built as a user would (packaging/build-deb, lintian
# included), installed with dpkg into a fresh copy of setup's debootstrap
# root, and used there: a one-command jail, a persistent jail, jls, jexec,
# jail -r; then removed. As root (chroot); skipped as a normal user.
#   tests/package/deb_smoke.sh SOURCE_DIR WORK_DIR VERSION
set -u
src=$1 work=$2 version=$3
cached=/var/cache/jail-tests/rootfs-bookworm
debs=/var/cache/jail-tests/debs
[ "$(id -u)" = 0 ] || { echo "needs root (chroot): skipped"; exit 77; }
[ -x "$cached/bin/sh" ] || { echo "FAIL: no $cached (run ./setup.sh)"; exit 1; }
command -v unshare >/dev/null || { echo "FAIL: unshare missing"; exit 1; }
failed=0
fail() { echo "FAIL: $*"; failed=1; }
pass() { echo "PASS: $*"; }

deb=$("$src/packaging/build-deb" "$work/build" 2>"$work/build-deb.err" | tail -1)
if [ ! -f "$deb" ]; then
	cat "$work/build-deb.err"
	fail "packaging/build-deb built no package"
	exit 1
fi
grep -v '^running with root privileges' "$work/build-deb.err"
pass "packaging/build-deb: $(basename "$deb"), lintian clean"

root=$work/root
rm -rf "$root"
cp -a "$cached" "$root" || { fail "copy of $cached"; exit 1; }
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/tmp/debs"
cp "$deb" "$root/tmp/debs/"

# Depends, as dpkg-shlibdeps computed it: each package the root lacks must
# come from setup's cache, or the Depends names something unexpected
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for dep in $(echo "$depends" | tr ',' '\n' | sed 's/^ *//; s/[ (].*//' | sed '/^$/d'); do
	[ -n "$dep" ] || continue
	chroot "$root" dpkg -s "$dep" >/dev/null 2>&1 && continue
	f=$(ls "$debs/${dep}"_*_"$(dpkg --print-architecture)".deb 2>/dev/null | head -1)
	[ -n "$f" ] || { fail "dependency $dep is not in $debs (setup.sh downloads its DEB_NEEDS)"; exit 1; }
	cp "$f" "$root/tmp/debs/"
done
# and what those need in turn (libxml2 needs libicu72), from the same cache
for f in "$debs"/*_"$(dpkg --print-architecture)".deb; do
	chroot "$root" dpkg -s "$(dpkg-deb -f "$f" Package)" >/dev/null 2>&1 || cp "$f" "$root/tmp/debs/"
done
if chroot "$root" sh -c 'dpkg -i /tmp/debs/*.deb' >"$work/dpkg.log" 2>&1; then
	pass "dpkg -i: the package and its dependencies install in a minbase root"
else
	cat "$work/dpkg.log"
	fail "dpkg -i"
	exit 1
fi

# A private mount namespace: /proc for the root without touching the host's mounts.
cat >"$root/tmp/smoke.sh" <<'SMOKE'
set -u
check() { if [ "$2" = "$3" ]; then echo "PASS: $1"; else echo "FAIL: $1: got [$2], want [$3]"; fi; }
export PATH=/usr/bin:/bin:/usr/sbin:/sbin
check "installed in /usr/bin" "$(for t in jail jls jexec jkill; do command -v $t; done | tr '\n' ' ')" "/usr/bin/jail /usr/bin/jls /usr/bin/jexec /usr/bin/jkill "
check "jail --version" "$(jail --version)" "jail $1"
check "jail / h 127.0.0.2 hostname" "$(jail / h 127.0.0.2 hostname 2>&1; echo "status $?")" "h
status 0"
jail -c name=smoke path=/ host.hostname=smoke.example ip4.addr=127.0.0.2 persist
trap 'jail -r smoke >/dev/null 2>&1' EXIT
check "jls" "$(jls | awk 'NR == 1 { print $1, $2, $3, $4, $5; next } { print $2, $3, $4 }')" "JID IP Address Hostname Path
127.0.0.2 smoke.example /"
check "jexec smoke hostname" "$(jexec smoke hostname 2>&1)" "smoke.example"
check "jexec's exit status" "$(jexec smoke sh -c 'exit 7'; echo $?)" "7"
check "jail -r smoke" "$(jail -r smoke 2>&1; echo "status $?")" "smoke: removed
status 0"
trap - EXIT
check "jls -j smoke after jail -r" "$(jls -j smoke name >/dev/null 2>&1; echo "status $?")" "status 1"
SMOKE
out=$(timeout 60 unshare --mount --propagation private sh -c \
	'mount -t proc proc "$1/proc" && exec chroot "$1" /bin/sh /tmp/smoke.sh "$2"' sh "$root" "$version" 2>&1)
echo "$out"
echo "$out" | grep -q '^FAIL' && failed=1
[ "$(echo "$out" | grep -c '^PASS')" = 8 ] || fail "the smoke test did not run to its end"

if chroot "$root" dpkg -r jail >"$work/dpkg.log" 2>&1 && [ ! -e "$root/usr/bin/jail" ] &&
	[ ! -e "$root/usr/share/bash-completion/completions/jail" ]; then
	pass "dpkg -r jail removes the tools and the completion"
else
	cat "$work/dpkg.log"
	fail "dpkg -r jail"
fi
exit $failed
