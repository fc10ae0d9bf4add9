#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# two_jails.sh: the host suite's visibility test (scripts/visibility.sh) in
# the test VM, with the probes of this ARCH: a host process (leading its
# own group), jail B's command and B's supervisor are all ESRCH for every
# pid-taking syscall and ENOENT under /proc, seen from jail A; and with no
# jail (as root) every one of those checks reaches them. Run as the user
# it tests (run_as.sh root|user ... two_jails.sh).
d=$(mktemp -d /tmp/twojails.XXXXXX) || exit 1
started=
cleanup() {
	for p in $started; do kill -KILL "$p" 2>/dev/null; done
	rm -rf "$d"
}
trap cleanup EXIT
wait_file() {
	i=0
	while [ ! -s "$1" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$1" ] || { echo "FAIL: $1 never appeared"; exit 1; }
}
setsid sh -c "echo \$\$ >$d/host.pid; exec sleep 600" &
started="$started $!"
/jail -n twojails-b / hb "" sh -c "echo \$\$ >$d/b.pid; exec sleep 600" &
started="$started $!"
wait_file "$d/host.pid"
wait_file "$d/b.pid"
host=$(cat "$d/host.pid") b=$(cat "$d/b.pid")
started="$started $host $b"
bsv=$(sed -n 's/^PPid:[[:space:]]*//p' "/proc/$b/status")
[ -n "$bsv" ] || { echo "FAIL: no supervisor of jail B"; exit 1; }
echo "host process $host, jail B's command $b, B's supervisor $bsv"
for probe in pid_visibility proc_visibility; do
	# (without jail's one-line warning about this kernel: kernel_features.sh checks it)
	out=$(/jail -n twojails-a / ha "" "/probes/$probe" "$host:g" "$b" "$bsv" 2>&1 | sed '/^jail: warning: /d')
	case "$out" in
	PASS*) echo "ok: $probe in jail A hides $host, $b, $bsv" ;;
	*) echo "$out"; echo "FAIL: $probe in jail A"; exit 1 ;;
	esac
	[ "$(id -u)" = 0 ] || continue
	out=$("/probes/$probe" "$host:g" "$b" "$bsv" 2>&1)
	if printf '%s\n' "$out" | grep -q '^ok: '; then
		printf '%s\n' "$out" | grep '^ok: '
		echo "FAIL: $probe with no jail: these checks also hold there, they test nothing"
		exit 1
	fi
	echo "ok: $probe with no jail reaches every one of them"
done
echo "PASS: jail A sees neither jail B, its supervisor nor the host process"
