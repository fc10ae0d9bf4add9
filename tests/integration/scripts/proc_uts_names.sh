#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# /proc/sys/kernel/hostname and domainname show the jail's host.hostname
# and host.domainname, in a jail at / and in a jail with its own root (no
# /proc of its own: the host's, as the jail sees it), and cannot be
# written (EPERM). The probe (probes/proc_uts_names.c) checks every route
# to the file against uname's names; here they are set to names the host
# does not have, so that the host's file would fail it.
. "$(dirname "$0")/lib.sh"
[ -x "$ROOTED/proc_uts_names" ] || fail "no $ROOTED/proc_uts_names"
dom=pdom-$$.example
[ "$(cat /proc/sys/kernel/domainname)" != "$dom" ] || fail "the host's domain name is $dom"

out=$(timeout 60 "$JAIL" -c path=/ host.hostname=probehost host.domainname=$dom \
	command="$ROOTED/proc_uts_names" 2>&1)
echo "$out"
case "$out" in *PASS*) ;; *) fail "at /: the probe did not pass" ;; esac
case "$out" in *"and $dom by"*) pass "at /: the jail's names by every route, writes EPERM" ;;
*) fail "at /: the domain name is not $dom" ;; esac

# programs that read the file
if command -v sysctl >/dev/null; then
	got=$(timeout 60 "$JAIL" -c path=/ host.hostname=probehost command=sysctl -n kernel.hostname 2>&1 |
		grep -v ': created$')
	expect_eq "sysctl -n kernel.hostname in a jail at /" "$got" probehost
fi
got=$(timeout 60 "$JAIL" -c path=/ host.hostname=probehost host.domainname=$dom \
	command=/bin/cat /proc/sys/kernel/hostname /proc/sys/kernel/domainname 2>&1 | grep -v ': created$' | tr '\n' ' ')
expect_eq "cat in a jail at /" "$got" "probehost $dom "

mkdir -m 0755 "$WORK/root" && mkdir -m 1777 "$WORK/root/tmp" || fail "mkdir"
cp "$ROOTED/proc_uts_names" "$WORK/root/" || fail "cp"
out=$(timeout 60 "$JAIL" -c path="$WORK/root" host.hostname=probehost host.domainname=$dom \
	command=/proc_uts_names rooted 2>&1)
echo "$out"
case "$out" in *PASS*"and $dom by"*) pass "in a root: the jail's names by every route, writes EPERM" ;;
*) fail "in a root: the probe did not pass" ;; esac
