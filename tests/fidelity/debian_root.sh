#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Administration inside a Debian root (a copy of setup.sh's minbase root) as
# it goes on a Debian host: useradd/su/userdel, a package built and installed
# with dpkg, a daemon started and stopped with start-stop-daemon and found by
# its name. Root only (the copy keeps the root's owners). Part of
# tests/fidelity/run without --ci.
#   debian_root.sh JAIL
# Ends with "N passed, M failed".
set -u
jail=$1
src=/var/cache/jail-tests/rootfs-bookworm
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root"; echo "0 passed, 0 failed"; exit 0; }
[ -x "$src/bin/sh" ] || { echo "FAIL: no root at $src (./setup.sh)"; echo "0 passed, 1 failed"; exit 1; }
root=$(mktemp -d /tmp/jail-debroot.XXXXXX)
trap 'rm -rf "$root"' EXIT
cp -a "$src/." "$root/"
passed=0 failed=0
check() { # WHAT WANT SCRIPT
	got=$(timeout 120 "$jail" "$root" debroot 127.0.0.2 /bin/sh -c "$3" 2>&1)
	if [ "$got" = "$2" ]; then
		echo "PASS: $1"
		passed=$((passed + 1))
	else
		echo "FAIL: $1: got [$got], want [$2]"
		failed=$((failed + 1))
	fi
}

check "useradd, su, userdel" "uid=1000(alice) gid=1000(alice) groups=1000(alice)
alice /home/alice
gone" 'useradd -m alice && id alice && su alice -c "echo \$(whoami) \$HOME" &&
	userdel -r alice 2>/dev/null; id alice >/dev/null 2>&1 || echo gone'

check "dpkg-deb --build, dpkg -i, dpkg -r" "ii fidelity-hello 1.0
hello from a package
removed" 'd=$(mktemp -d) && mkdir -p $d/p/DEBIAN $d/p/usr/bin &&
	printf "Package: fidelity-hello\nVersion: 1.0\nArchitecture: all\nMaintainer: t <t@t>\nDescription: t\n" >$d/p/DEBIAN/control &&
	printf "#!/bin/sh\necho hello from a package\n" >$d/p/usr/bin/fidelity-hello && chmod 755 $d/p/usr/bin/fidelity-hello &&
	dpkg-deb --build $d/p $d/h.deb >/dev/null && dpkg -i $d/h.deb >/dev/null &&
	dpkg -l fidelity-hello | sed -n "s/^\(ii  [^ ]*  *[^ ]*\).*/\1/p" | tr -s " " && fidelity-hello &&
	dpkg -r fidelity-hello >/dev/null && { [ -e /usr/bin/fidelity-hello ] || echo removed; }; rm -rf $d'

check "start-stop-daemon --start/--stop, pidof, /proc/PID/exe" "started
sleep
/usr/bin/sleep
stopped" 'start-stop-daemon --start --background --make-pidfile --pidfile /run/fid.pid --exec /usr/bin/sleep -- 60 &&
	sleep 0.5 && echo started && p=$(cat /run/fid.pid) && cat /proc/$p/comm && readlink /proc/$p/exe &&
	[ "$(pidof sleep)" = "$p" ] && start-stop-daemon --stop --quiet --name sleep --pidfile /run/fid.pid && echo stopped'

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
