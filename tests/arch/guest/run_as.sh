#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The test VM's run_as.sh (tests/integration/run_as.sh needs runuser and a
# checkout): run_as.sh root|user TIMEOUT COMMAND [ARG...]. "user" is uid
# 1000, which owns nothing in the image but its home directory.
who=$1 limit=$2
shift 2
# TCG emulates the CPU several times slower than the host the limits were
# set for (net_bind_race's 100000 binds take over 60 s on aarch64, and were
# killed at three times the limit on a busy host)
limit=$((limit * 6))
if [ "$who" = root ]; then
	exec timeout -s KILL "$limit" "$@"
fi
cd /home/jailtest || exit 1
exec timeout -s KILL "$limit" /t/runas 1000 1000 env JAIL_TEST_AS=user "$@"
