#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Runs one libFuzzer target for a bounded time:
#   run_fuzz.sh BINARY SEED_DIR REGRESSION_DIR SECONDS
# First every committed regression input (crashes found before) once, then
# fuzzing from the committed seeds into a scratch corpus (the seeds are
# never written). A crash prints the input (hex) and fails the test: add
# it to REGRESSION_DIR with the fix.
set -u
bin=$1 seeds=$2 regressions=$3 secs=$4
work=$(mktemp -d "${TMPDIR:-/tmp}/jail-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
opts="-timeout=10 -rss_limit_mb=2048 -artifact_prefix=$work/ -print_final_stats=1"
if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions" 2>/dev/null)" ]; then
	"$bin" $opts "$regressions"/* >"$work/regress.log" 2>&1 || {
		tail -30 "$work/regress.log"
		echo "FAIL: a committed regression input crashes $(basename "$bin") again"
		exit 1
	}
	echo "PASS: $(ls "$regressions" | wc -l) regression input(s)"
fi
mkdir "$work/corpus"
"$bin" $opts -max_total_time="$secs" "$work/corpus" "$seeds" >"$work/fuzz.log" 2>&1
rc=$?
grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units)' "$work/fuzz.log" | tail -2
if [ $rc != 0 ]; then
	tail -40 "$work/fuzz.log"
	for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
		[ -f "$f" ] || continue
		echo "input $(basename "$f"):"
		od -An -tx1 -v "$f" | head -20
	done
	echo "FAIL: $(basename "$bin") found a crash"
	exit 1
fi
echo "PASS: $(basename "$bin") for $secs s"
