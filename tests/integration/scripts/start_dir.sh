#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The command starts in the current directory when it lies inside the jail's
# path, else at the jail's root.
. "$(dirname "$0")/lib.sh"

mkdir -p "$WORK/root/sub"
cd "$WORK/root/sub"
expect_eq "cwd inside / is kept" "$("$JAIL" / h "" pwd)" "$WORK/root/sub"
cd /
expect_eq "cwd / under root / is kept" "$("$JAIL" / h "" pwd)" "/"
