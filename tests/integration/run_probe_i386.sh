#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Runs an i386 probe natively, as run_probe.sh runs a native one, if this
# kernel executes i386 programs; else skips (77): tests/arch/run i386 runs
# them under qemu.
#   run_probe_i386.sh M32_CHECK root|user JAIL PROBE OUTSIDE
set -u
check=$1
shift
if ! "$check" 2>/dev/null; then
	echo "skip: this kernel does not execute i386 programs (tests/arch/run i386 runs them under qemu)"
	exit 77
fi
exec "$(dirname "$0")/run_probe.sh" "$@"
