#!/bin/sh
# Runs a command as root or as the unprivileged test user, with every program
# it names (given as absolute paths in JAIL_BINS) copied to a directory that
# user can read.
#   run_as.sh root|user TIMEOUT COMMAND [ARG...]
# Exit 77 (skip) when "user" is asked for but the user does not exist.
set -eu
who=$1 limit=$2
shift 2
TEST_USER=${JAIL_TEST_USER:-jailtest}

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
# Copy every absolute-path argument that is an executable file.
n=0
for arg in "$@"; do
	n=$((n + 1))
	if [ -f "$arg" ] && [ -x "$arg" ] && [ "${arg#/}" != "$arg" ]; then
		cp "$arg" "$dir/$n.$(basename "$arg")"
		arg="$dir/$n.$(basename "$arg")"
	fi
	set -- "$@" "$arg"
done
shift "$n"
cd "$dir"
timeout -k 5 "$limit" runuser -u "$TEST_USER" -- env JAIL_TEST_AS=user "$@"
