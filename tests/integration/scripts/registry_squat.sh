#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Registry squatting: a registry directory someone else made first (any
# user can make /tmp/jail-UID), a symlink or an open directory is never
# used or followed. For /tmp the user's tools all move to the first free
# /tmp/jail-UID.N; elsewhere they stop with one line naming the problem.
. "$(dirname "$0")/lib.sh"

# as any user: $XDG_RUNTIME_DIR/jail as a symlink, and as an open directory
mkdir -p "$WORK/xdg" "$WORK/elsewhere"
chmod 700 "$WORK/xdg"
ln -s "$WORK/elsewhere" "$WORK/xdg/jail"
if [ "$(id -u)" != 0 ]; then
	XDG_RUNTIME_DIR=$WORK/xdg "$JAIL" / h "" true 2>"$WORK/err"
	rc=$?
	expect_eq "a symlinked registry: exit 1, one line naming it" "$rc $(wc -l <"$WORK/err")" "1 1"
	grep -q "^jail: $WORK/xdg/jail: not a private directory of uid $(id -u) (a symlink" "$WORK/err" ||
		fail "message: $(cat "$WORK/err")"
	[ -z "$(ls -A "$WORK/elsewhere")" ] || fail "the symlink was followed"
	rm "$WORK/xdg/jail"
	mkdir -m 755 "$WORK/xdg/jail"
	XDG_RUNTIME_DIR=$WORK/xdg "$JLS" 2>"$WORK/err"
	expect_eq "an open registry directory: jls exits 1" "$?" 1
	grep -q "^jls: $WORK/xdg/jail: not a private directory of uid $(id -u) (a directory, owner $(id -u), mode 755)" \
		"$WORK/err" || fail "message: $(cat "$WORK/err")"
	pass "a symlink or an open directory is refused with its name"
	exit 0
fi

# as root: a user (an otherwise unused uid) whose /tmp/jail-UID another
# user (root here) made first
command -v setpriv >/dev/null || { echo "SKIP: no setpriv"; exit 77; }
uid=64123
for d in /tmp/jail-$uid /tmp/jail-$uid.*; do
	[ -e "$d" ] && fail "$d exists: a leftover, remove it"
done
cleanup_squat() { rm -rf /tmp/jail-$uid /tmp/jail-$uid.*; cleanup; }
trap cleanup_squat EXIT
chmod 711 "$WORK"
mkdir -m 755 "$WORK/bin"
cp "$JAIL" "$JLS" "$WORK/bin/"
chmod 755 "$WORK/bin/jail" "$WORK/bin/jls"
as_user() { env -u XDG_RUNTIME_DIR setpriv --reuid=$uid --regid=$uid --clear-groups "$@"; }
mkdir -m 700 /tmp/jail-$uid # root's, not the user's
as_user "$WORK/bin/jail" -c name=squatted path=/ host.hostname=sq persist 2>"$WORK/err" ||
	fail "jail -c with /tmp/jail-$uid squatted: $(cat "$WORK/err")"
[ -S /tmp/jail-$uid.1/1.sock ] || [ -n "$(ls /tmp/jail-$uid.1/*.sock 2>/dev/null)" ] ||
	fail "the jail is not registered in /tmp/jail-$uid.1"
[ -z "$(ls -A /tmp/jail-$uid)" ] || fail "something was made in the squatted directory"
expect_eq "jls finds it in the alternative directory" "$(as_user "$WORK/bin/jls" -j squatted host.hostname)" sq
as_user "$WORK/bin/jail" -r squatted || fail "jail -r"
pass "a squatted /tmp/jail-UID: the user's tools all use /tmp/jail-UID.1"
rm -rf /tmp/jail-$uid.1
for i in 1 2 3 4 5 6 7; do ln -s /tmp /tmp/jail-$uid.$i; done
as_user "$WORK/bin/jail" / h "" true 2>"$WORK/err"
rc=$?
expect_eq "every name squatted: exit 1, one line" "$rc $(wc -l <"$WORK/err")" "1 1"
grep -q "^jail: /tmp/jail-$uid: not a private directory of uid $uid (a directory, owner 0, mode 700); refusing to use it (and /tmp/jail-$uid.1 to .7 are taken too)" \
	"$WORK/err" || fail "message: $(cat "$WORK/err")"
pass "every name squatted: a message naming the problem"
