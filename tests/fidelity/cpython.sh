#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# As the user running it: each CPython test module natively, then in
# `jail / fidelity 127.0.0.2`, compared case by case (compare.py).
#   cpython.sh JAIL HERE_DIR WHO MODULE...
# HERE_DIR holds cpython_case_results.py, compare.py, intended-differences.
# Prints PASS/FAIL per module and ends with "N passed, M failed".
set -u
# Debian's interpreter, whose test package libpython3.11-testsuite installs
# (not whatever python3 comes first in PATH)
PY=/usr/bin/python3.11
jail=$1 here=$2 who=$3
shift 3
work=$(mktemp -d "${TMPDIR:-/tmp}/jail-fidelity.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0 failed=0 cases=0
for m in "$@"; do
	mkdir -p "$work/n" "$work/j"
	# the same start for both runs: an empty directory, the same TMPDIR
	(cd "$work/n" && TMPDIR=$work/n timeout -k 5 600 $PY "$here/cpython_case_results.py" "$m" "$work/$m.native") \
		>"$work/$m.native.log" 2>&1
	(cd "$work/j" && TMPDIR=$work/j timeout -k 5 600 "$jail" / fidelity 127.0.0.2 \
		$PY "$here/cpython_case_results.py" "$m" "$work/$m.jailed") >"$work/$m.jailed.log" 2>&1
	rm -rf "$work/n" "$work/j"
	if [ ! -s "$work/$m.native" ] || [ ! -s "$work/$m.jailed" ]; then
		echo "FAIL: $m: no results ($(tail -2 "$work/$m.native.log" "$work/$m.jailed.log" | tr '\n' ' '))"
		failed=$((failed + 1))
		continue
	fi
	cases=$((cases + $(wc -l <"$work/$m.native")))
	if out=$($PY "$here/compare.py" "$work/$m.native" "$work/$m.jailed" "$here/intended-differences" "$who"); then
		echo "PASS: $m as $who: $(echo "$out" | tail -1)"
		passed=$((passed + 1))
	else
		echo "FAIL: $m as $who:"
		echo "$out"
		grep -A3 -e '^---' "$work/$m.jailed.log" | head -40
		failed=$((failed + 1))
	fi
done
echo "cases compared as $who: $cases"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
