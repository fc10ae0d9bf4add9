#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Escapes from a jail with its own root: host paths, .. storms,
# /proc/self/root, a path-flipping thread, a rename race, chroot tricks,
# file handles. Run outside the jail the same probe must fail.
. "$(dirname "$0")/lib.sh"

mkdir -p "$WORK/root/tmp"
chmod 1777 "$WORK/root/tmp"
cp "$ROOTED/escape" "$WORK/root/escape"
echo INSIDE > "$WORK/root/inside"
echo SECRET > "$WORK/secret"
chmod 644 "$WORK/secret"
"$JAIL" "$WORK/root" h "" /escape "$WORK/secret" 100000 >"$WORK/out" 2>&1
rc=$?
cat "$WORK/out"
expect_eq "every escape fails inside the jail" $rc 0
expect_eq "chmod in the rename race left the host file alone" "$(stat -c %a "$WORK/secret")" 644
mkdir "$WORK/native-tmp"
ESCAPE_TMP=$WORK/native-tmp "$WORK/root/escape" "$WORK/secret" 1000 >"$WORK/outside" 2>&1
expect_eq "outside the jail the probe reads the secret (it can tell)" \
	"$(grep -c '^FAIL' "$WORK/outside" | grep -qv '^0$' && echo yes)" yes
