# SPDX-License-Identifier: BSD-2-Clause
# Sourced by the ported FreeBSD tests: atf_check's job in a few lines.
# Each script runs as `SCRIPT BIN_DIR` (jail, jls, jexec, jkill).
set -u
BIN=$1
PATH=$BIN:$PATH
export PATH
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/jail-freebsd.XXXXXX")
cd "$WORK" || exit 1
CLEANUP=
cleanup() {
	for j in $CLEANUP; do jail -q -r "$j" >/dev/null 2>&1; done
	cd /
	rm -rf "$WORK"
}
trap cleanup EXIT
CASE=
failures=0
fail() { echo "FAIL: $CASE: $*"; failures=$((failures + 1)); }
pass() { echo "PASS: $CASE: $*"; }

# check WHAT STATUS STDOUT STDERR -- command ...: STDOUT/STDERR "ignore",
# "empty", "match:RE" or the exact text.
check() {
	what=$1 want_rc=$2 want_out=$3 want_err=$4
	shift 5
	"$@" >"$WORK/out" 2>"$WORK/err"
	rc=$?
	ok=true
	[ "$rc" = "$want_rc" ] || ok=false
	for pair in "out:$want_out" "err:$want_err"; do
		f=$WORK/${pair%%:*} want=${pair#*:}
		case "$want" in
		ignore) ;;
		empty) [ -s "$f" ] && ok=false ;;
		match:*) grep -qE "${want#match:}" "$f" || ok=false ;;
		*) [ "$(cat "$f")" = "$want" ] || ok=false ;;
		esac
	done
	if $ok; then
		pass "$what"
	else
		fail "$what: exit $rc (want $want_rc), stdout [$(cat "$WORK/out")], stderr [$(cat "$WORK/err")]"
	fi
}

finish() {
	[ "$failures" = 0 ] || { echo "$failures check(s) failed"; exit 1; }
	echo "all checks passed"
}
