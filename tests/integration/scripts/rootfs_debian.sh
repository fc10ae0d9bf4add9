#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# A Debian minbase root (made by setup.sh) runs as the jail's /: shell,
# coreutils and apt-cache, with nothing of the host visible.
. "$(dirname "$0")/lib.sh"

ROOTFS=/var/cache/jail-tests/rootfs-bookworm
[ -x "$ROOTFS/bin/sh" ] || fail "no root at $ROOTFS (run ./setup.sh)"

out=$("$JAIL" "$ROOTFS" web 127.0.0.2 /bin/sh -c 'cat /etc/debian_version; ls /; cd /tmp && pwd' 2>&1)
expect_eq "exit status" $? 0
expect_eq "debian_version is the root's" "$(echo "$out" | head -1)" "$(cat "$ROOTFS/etc/debian_version")"
expect_eq "ls / lists the root" "$(echo "$out" | sed -n '2,$p' | sed '$d' | tr '\n' ' ')" "$(ls "$ROOTFS" | tr '\n' ' ')"
expect_eq "cd /tmp && pwd" "$(echo "$out" | tail -1)" "/tmp"

# the host's files cannot be named: its checkout, its /etc/hostname
host_file="$WORK/host-only"
echo host > "$host_file"
"$JAIL" "$ROOTFS" web "" cat "$host_file" >/dev/null 2>&1
expect_eq "a host path is not found inside" $? 1
expect_eq "uname -n" "$("$JAIL" "$ROOTFS" web "" uname -n)" web

# the programs come from the root: its ELF loader and its #! interpreters
out=$("$JAIL" "$ROOTFS" web "" /bin/sh -c 'readlink /proc/self/exe; readlink /proc/$$/exe')
expect_eq "/proc/self/exe in guest terms" "$(echo "$out" | sed -n 1p)" /usr/bin/readlink
expect_eq "/proc/PID/exe in guest terms" "$(echo "$out" | sed -n 2p)" /usr/bin/dash
out=$("$JAIL" "$ROOTFS" web "" /bin/sh -c 'd=$(mktemp -d) && cd $d && printf "#!/bin/sh -e\necho \"script \$0 \$*\"\n" > s.sh && chmod +x s.sh && ./s.sh a b; rm -rf $d')
expect_eq "a #! script runs with the root's interpreter" "$out" "script ./s.sh a b"

# apt-get's read-only commands
"$JAIL" "$ROOTFS" web "" apt-cache policy >"$WORK/apt" 2>&1
expect_eq "apt-cache policy exits 0" $? 0
grep -q "/var/lib/dpkg/status" "$WORK/apt" || fail "apt-cache policy did not read the root's dpkg status"
pass "apt-cache policy reads the root's package state"
