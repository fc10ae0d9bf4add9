#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Every tracked source file (C, headers, shell and Python scripts, CMake,
# Makefiles, anything starting with #!) carries the SPDX line of LICENSE on
# its first line, or on its second after a #! line.
#   tests/meta/spdx.sh [SOURCE_DIR]
# Exit 0 if all do; 1 with the list of those that don't; 77 (skip) outside a
# git checkout (a release tarball has no list of tracked files).
set -u
cd "${1:-$(dirname "$0")/../..}" || exit 1
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || { echo "not a git checkout: skipped"; exit 77; }
want='SPDX-License-Identifier: BSD-2-Clause'
bad=0 n=0
# one name per line (the tree has no names with spaces or newlines)
for f in $(git ls-files); do
	[ -f "$f" ] || continue # deleted in the work tree, not yet committed
	case "$f" in
	*.c | *.h | *.sh | *.py | *.cmake | CMakeLists.txt | */CMakeLists.txt | Makefile | */Makefile | *.mk) ;;
	*) [ "$(head -c 2 "$f")" = '#!' ] || continue ;;
	esac
	n=$((n + 1))
	first=$(head -n 1 "$f")
	case "$first" in '#!'*) first=$(sed -n 2p "$f") ;; esac
	case "$first" in
	"/* $want */" | "# $want" | "// $want") ;;
	*) echo "missing SPDX line: $f"; bad=$((bad + 1)) ;;
	esac
done
[ "$n" -gt 0 ] || { echo "no source files found"; exit 1; }
echo "$n source files checked, $bad without '$want'"
[ "$bad" = 0 ]
