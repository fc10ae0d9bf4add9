#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# rooted.sh root|user PROBE: a probe in a jail with its own root, in the
# test VM (no Debian root there: a root holding only the static probe, an
# /inside file and /tmp). Path translation, the scratch area (syscall
# injection) and exec through the root all run here.
#   escape: the host suite's root_escapes test: exit 0 if every escape
#           fails inside the jail and the same probe reads the secret
#           outside it
#   others: must print PASS inside, and must not outside
who=$1 probe=$2
d=$(mktemp -d /tmp/rooted.XXXXXX) || exit 1
mkdir -p "$d/root/tmp"
chmod 1777 "$d/root/tmp"
cp "/probes-rooted/$probe" "$d/root/$probe"
echo INSIDE >"$d/root/inside"
echo SECRET >"$d/secret"
chmod 755 "$d"
[ "$who" = user ] && chown -R 1000:1000 "$d"
tries=
[ "$probe" = escape ] && tries=20000
out=$(/t/run_as.sh "$who" 300 /jail "$d/root" h "" "/$probe" "$d/secret" $tries 2>&1)
rc=$?
echo "in jail (rc=$rc):"
echo "$out"
[ $rc = 0 ] || { echo "FAIL: an escape worked or the probe did not run"; exit 1; }
echo "$out" | grep -q '^PASS' || { echo "FAIL: no verdicts from the probe"; exit 1; }
[ "$probe" = escape ] && tries=1000
out=$(/t/run_as.sh "$who" 120 "$d/root/$probe" "$d/secret" $tries 2>&1)
echo "outside:"
echo "$out"
if [ "$probe" = escape ]; then
	echo "$out" | grep -q '^FAIL' || { echo "FAIL: outside the jail the probe cannot read the secret: it tests nothing"; exit 1; }
else
	case "$out" in PASS*) echo "FAIL: the probe also passes with no jail: it tests nothing"; exit 1 ;; esac
fi
rm -rf "$d"
exit 0
