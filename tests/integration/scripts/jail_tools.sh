#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# jexec keeps the caller's terminal and returns the command's exit status
# (driven on a pty); a supervisor killed with SIGKILL leaves no process
# and is never listed; root and a normal user each see only their own
# jails in jls.
. "$(dirname "$0")/lib.sh"

# jexec on a terminal
n=tools-t-$$
CREATED="$CREATED $n"
"$JAIL" -c name=$n persist || fail "jail -c $n"
cat >"$WORK/on_pty.py" <<'EOF'
import os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out, deadline = b"", time.time() + 20
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.5)
    if r:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        out += data
    else:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
_, status = os.waitpid(pid, 0)
print(out.decode(errors="replace").replace("\r", ""), end="")
print("status=%d" % os.waitstatus_to_exitcode(status))
EOF
out=$(timeout 30 python3 "$WORK/on_pty.py" "$JEXEC" $n sh -c 'tty; [ -t 0 ] && [ -t 1 ] && echo isatty; [ "$(ps -o tty= -p $$)" != "?" ] && echo ctty; exit 5')
case "$out" in
/dev/pts/*"
isatty
ctty
status=5") pass "jexec on a pty: the command has the terminal (stdin, stdout, controlling tty) and its status 5 comes back" ;;
*) fail "jexec on a pty: [$out]" ;;
esac
out=$(timeout 30 python3 "$WORK/on_pty.py" "$JEXEC" $n sh -c 'kill -9 $$')
expect_eq "jexec on a pty: killed by SIGKILL gives 137" "$(echo "$out" | tail -1)" "status=137"
"$JAIL" -r $n || fail "jail -r $n"

# a supervisor killed with SIGKILL: its processes die, jls never lists it
k=tools-k-$$
CREATED="$CREATED $k"
jid=$("$JAIL" -i -c name=$k persist) || fail "jail -c $k"
"$JEXEC" $k sh -c "exec sleep 71$$" &
jx=$!
i=0
while ! pgrep -u "$(id -u)" -f "^sleep 71$$" >/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
sv=$(pgrep -u "$(id -u)" -f "name=$k( |$)")
[ -n "$sv" ] || fail "no supervisor for $k"
expect_eq "listed before" "$("$JLS" -j $k name nproc)" "$k 1"
kill -KILL "$sv"
wait $jx
expect_eq "the jexec'd process died with its supervisor (SIGKILL)" $? 137
expect_no_process "sleep 71$$"
"$JLS" -j $k >/dev/null 2>&1 && fail "jls -j $k still finds the killed jail"
"$JLS" -N | grep -qw "$k" && fail "jls still lists the killed jail"
[ -e "$REGISTRY/$jid.jail" ] && fail "$REGISTRY/$jid.jail left after jls looked"
[ -e "$REGISTRY/$jid.sock" ] && fail "$REGISTRY/$jid.sock left after jls looked"
pass "a supervisor killed with SIGKILL: no process left, not listed, its entry cleaned"

# root and a normal user: each sees only its own jails
if [ "$(id -u)" = 0 ] && id "${JAIL_TEST_USER:-jailtest}" >/dev/null 2>&1; then
	u=${JAIL_TEST_USER:-jailtest}
	r=tools-r-$$ n=tools-u-$$
	CREATED="$CREATED $r"
	"$JAIL" -c name=$r persist || fail "jail -c $r as root"
	ujail=$WORK/ubin
	mkdir "$ujail" && cp "$JAIL" "$JLS" "$ujail/" && chmod -R a+rx "$WORK" "$ujail"
	as_user() { (cd / && timeout 30 runuser -u "$u" -- env -u XDG_RUNTIME_DIR "$@"); }
	as_user "$ujail/jail" -c name=$n persist || fail "jail -c $n as $u"
	"$JLS" -N | grep -qw "$n" && fail "root's jls lists $u's jail $n"
	"$JLS" -j $n >/dev/null 2>&1 && fail "root's jls -j finds $u's jail $n"
	"$JLS" -N | grep -qw "$r" || fail "root's jls does not list root's jail $r"
	as_user "$ujail/jls" -N | grep -qw "$r" && fail "$u's jls lists root's jail $r"
	as_user "$ujail/jls" -j $r >/dev/null 2>&1 && fail "$u's jls -j finds root's jail $r"
	as_user "$ujail/jls" -N | grep -qw "$n" || fail "$u's jls does not list its jail $n"
	as_user "$ujail/jail" -r $n || fail "jail -r $n as $u"
	pass "root and $u each see only their own jails"
fi
exit 0
