#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Runs a command as root or as the unprivileged test user. As the user, every
# absolute-path argument that lies inside this checkout (programs, scripts,
# example directories) is first copied to a fresh directory that user owns
# (the checkout may live where the user cannot read), and the command runs
# there. Nothing outside the checkout is ever copied.
#   run_as.sh root|user TIMEOUT COMMAND [ARG...]
# Exit 77 (skip) when "user" is asked for but the user does not exist.
set -eu
who=$1 limit=$2
shift 2
TEST_USER=${JAIL_TEST_USER:-jailtest}
checkout=$(cd "$(dirname "$0")/../.." && pwd)

if [ "$who" = root ] || [ "$(id -u)" != 0 ]; then
	exec timeout -k 5 "$limit" "$@"
fi
if ! id "$TEST_USER" >/dev/null 2>&1; then
	echo "SKIP: user $TEST_USER does not exist (run ./setup.sh)"
	exit 77
fi
dir=$(mktemp -d /tmp/jail-test.XXXXXX)
trap 'rm -rf "$dir"' EXIT
chmod 755 "$dir"
n=0
for arg in "$@"; do
	n=$((n + 1))
	if case "$arg" in "$checkout"/?*) true ;; *) false ;; esac && [ -e "$arg" ]; then
		cp -r "$arg" "$dir/$n.$(basename "$arg")"
		arg="$dir/$n.$(basename "$arg")"
	fi
	set -- "$@" "$arg"
done
shift "$n"
chown -R "$TEST_USER" "$dir"
cd "$dir"
timeout -k 5 "$limit" runuser -u "$TEST_USER" -- env JAIL_TEST_AS=user "$@"
