#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Runs one probe program inside a jail and checks its verdict.
#   run_probe.sh root|user JAIL PROBE OUTSIDE
# The probe runs as `JAIL / probehost 127.0.0.2 PROBE` and must print a line
# starting with PASS and exit 0. OUTSIDE says what the same probe does with
# no jail: "fail" (it must fail there: the probe can tell), "pass", or "-"
# (not run outside: it would not be harmless), or "each": a probe of several
# denials (probe.h's checks); outside as root no check may print "ok:" (each
# denial is one the kernel would grant or reach), as a normal user the
# outside run is only shown (the kernel refuses most of it already).
set -u
who=$1 jail=$2 probe=$3 outside=$4
here=$(dirname "$0")

host_name=$(uname -n)
out=$("$here/run_as.sh" "$who" 60 "$jail" / probehost 127.0.0.2 "$probe" 2>&1)
rc=$?
# jail's one-line warning about an older kernel (kernel_check.h; the per-arch
# VM's 6.1 has Landlock ABI 2) is not the probe's output
out=$(printf '%s\n' "$out" | sed '/^jail: warning: /d')
[ $rc = 77 ] && { echo "$out"; exit 77; }
echo "in jail (rc=$rc): $out"
if [ "$(uname -n)" != "$host_name" ]; then
	echo "FAIL: the host's hostname changed from $host_name to $(uname -n)"
	exit 1
fi
case "$out" in
PASS*) [ $rc = 0 ] || { echo "FAIL: PASS printed but exit status $rc"; exit 1; } ;;
*) echo "FAIL: probe did not pass inside the jail"; exit 1 ;;
esac

[ "$outside" = "-" ] && exit 0
out=$("$here/run_as.sh" "$who" 60 "$probe" 2>&1)
rc=$?
echo "outside (rc=$rc): $out"
case "$outside" in
fail) case "$out" in PASS*) echo "FAIL: the probe also passes with no jail: it tests nothing"; exit 1 ;; esac ;;
each)
	[ "$who" = root ] && [ "$(id -u)" = 0 ] || exit 0
	case "$out" in PASS*) echo "FAIL: the probe also passes with no jail: it tests nothing"; exit 1 ;; esac
	if printf '%s\n' "$out" | grep -q '^ok: '; then
		echo "FAIL: these checks also hold with no jail, they test nothing:"
		printf '%s\n' "$out" | grep '^ok: '
		exit 1
	fi ;;
pass) case "$out" in PASS*) ;; *) echo "FAIL: the probe should pass with no jail too"; exit 1 ;; esac ;;
esac
exit 0
