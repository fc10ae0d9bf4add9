# Sourced by the script tests: check helpers that print a verdict.
# Each script is run as `SCRIPT JAIL EXAMPLES_DIR` (root or test user) and
# prints PASS lines; any FAIL exits 1.
set -u
JAIL=$1
EXAMPLES=${2:-}
ROOTED=${3:-} # static programs for jails with their own root
WORK=$(mktemp -d "${TMPDIR:-/tmp}/jail-script.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

fail() { echo "FAIL: $*"; exit 1; }
pass() { echo "PASS: $*"; }

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got [$2], want [$3]"
	pass "$1"
}

# No process of ours may still run a command line containing $1.
expect_no_process() {
	sleep 0.2
	if pgrep -u "$(id -u)" -f "$1" >/dev/null; then
		pgrep -a -u "$(id -u)" -f "$1"
		fail "processes matching '$1' are left running"
	fi
}
