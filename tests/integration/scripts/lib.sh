# SPDX-License-Identifier: BSD-2-Clause
# Sourced by the script tests: check helpers that print a verdict.
# Each script is run as `SCRIPT BIN_DIR EXAMPLES_DIR` (root or test user;
# BIN_DIR holds jail, jls, jexec and jkill; a path to jail works too) and
# prints PASS lines; any FAIL exits 1.
set -u
if [ -d "$1" ]; then
	BIN=$1
	JAIL=$1/jail
else
	JAIL=$1
	BIN=$(dirname "$1")
fi
JLS=$BIN/jls
JEXEC=$BIN/jexec
JKILL=$BIN/jkill
EXAMPLES=${2:-}
ROOTED=${3:-} # static programs for jails with their own root
PROBES=${4:-} # the probe programs (tests/integration/probes)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/jail-script.XXXXXX")
# Jails a script creates (by name) are removed when it exits, pass or fail.
CREATED=
cleanup() {
	for name in $CREATED; do "$JAIL" -q -r "$name" >/dev/null 2>&1; done
	rm -rf "$WORK"
}
trap cleanup EXIT

# The registry directory of this user (see supervisor/manage/registry.h).
if [ "$(id -u)" = 0 ]; then
	REGISTRY=/run/jail
elif [ -n "${XDG_RUNTIME_DIR:-}" ] && [ -O "${XDG_RUNTIME_DIR:-}" ]; then
	REGISTRY=$XDG_RUNTIME_DIR/jail
else
	REGISTRY=/tmp/jail-$(id -u)
fi

fail() { echo "FAIL: $*"; exit 1; }

# Runs the calling script again ($0 "$@") in a mount namespace of its own
# (unshare --mount, private propagation) and goes on there; refuses to go
# on in the host's. A script that mounts calls it first: own_mount_ns "$@"
own_mount_ns() {
	command -v unshare >/dev/null || { echo "SKIP: no unshare"; exit 77; }
	if [ "${JAIL_TEST_OWN_NS:-}" != 1 ]; then
		rm -rf "$WORK" # exec runs no EXIT trap; the new run makes its own
		JAIL_TEST_OWN_NS=1 JAIL_TEST_HOST_NS=$(readlink /proc/self/ns/mnt) \
			exec unshare --mount --propagation private "$0" "$@"
		fail "unshare --mount: cannot make a mount namespace"
	fi
	[ -n "${JAIL_TEST_HOST_NS:-}" ] && [ "$(readlink /proc/self/ns/mnt)" != "$JAIL_TEST_HOST_NS" ] ||
		fail "not in a mount namespace of our own: refusing to mount"
}
pass() { echo "PASS: $*"; }

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got [$2], want [$3]"
	pass "$1"
}

# No process of ours may still run a command line containing $1 (once
# those on their way out are gone: up to 5 s, for a loaded machine and the
# ASan build).
expect_no_process() {
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do
		pgrep -u "$(id -u)" -f "$1" >/dev/null || break
		sleep 0.2
	done
	if pgrep -u "$(id -u)" -f "$1" >/dev/null; then
		pgrep -a -u "$(id -u)" -f "$1"
		fail "processes matching '$1' are left running"
	fi
}
