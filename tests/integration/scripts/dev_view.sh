#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# A jail whose root has no /dev (nor /proc): another session's terminal (a pty this
# script holds) is absent, a pty the jail opens is its own, /dev/shm and
# /dev/mqueue are not the host's (probes/dev_view.c, static, alone in the
# root).
. "$(dirname "$0")/lib.sh"
[ -x "$ROOTED/dev_view" ] || fail "no $ROOTED/dev_view"
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
mkdir "$WORK/root"
cp "$ROOTED/dev_view" "$ROOTED/host_pid_lists" "$WORK/root/"
python3 -c 'import os, pty, time
m, s = pty.openpty()
print(os.ttyname(s), flush=True)
time.sleep(60)' >"$WORK/pty" &
holder=$!
i=0
until [ -s "$WORK/pty" ]; do i=$((i + 1)); [ $i -lt 100 ] || fail "no pty"; sleep 0.05; done
pty=$(cat "$WORK/pty")
out=$(JAIL_PROBE_PTY=$pty timeout 60 "$JAIL" "$WORK/root" h "" /dev_view 2>&1)
rc=$?
kill "$holder"
echo "$out"
case "$out" in PASS*) [ $rc = 0 ] || fail "exit $rc" ;; *) fail "the probe did not pass" ;; esac
pass "another session's pty ($pty) is absent in a jail without /dev"

# the same root has no /proc either: the host's, with other processes absent
out=$(timeout 60 "$JAIL" "$WORK/root" h "" /host_pid_lists 2>&1)
rc=$?
echo "$out"
case "$out" in PASS*) [ $rc = 0 ] || fail "exit $rc" ;; *) fail "host_pid_lists did not pass in a root without /proc" ;; esac
pass "a root without /proc: host pid lists absent, /proc/1/cwd answers as a missing pid"

# /dev/shm is the jail's own (fs/dev_shm.h): POSIX shm and semaphores work;
# jail A's file is absent in jail B and in the host's /dev/shm, the host's
# file is absent in both; A's directory is gone when A ends.
[ -x "$ROOTED/dev_shm" ] || fail "no $ROOTED/dev_shm"
mkdir "$WORK/a" "$WORK/b"
cp "$ROOTED/dev_shm" "$WORK/a/"
cp "$ROOTED/dev_shm" "$WORK/b/"
tag=jt$$.$(id -u)
host_file=/dev/shm/$tag-host
echo host >"$host_file" || fail "cannot make $host_file"
chmod 600 "$host_file"
stale=
jail_a=
host_q=
shm_cleanup() {
	[ -z "$jail_a" ] || kill "$jail_a" 2>/dev/null
	rm -f "$host_file" "$host_file.x"
	[ -z "$stale" ] || rm -rf "$stale"
	[ -z "$host_q" ] || "$ROOTED/dev_shm" mq-unlink "$host_q" >/dev/null 2>&1
	cleanup
}
trap shm_cleanup EXIT
# what a supervisor killed with SIGKILL leaves (no one holds its lock): the
# next jail removes it
stale=/dev/shm/jail.$(printf %06d $(($$ % 1000000)))
mkdir -m 0711 "$stale" && mkdir -m 1777 "$stale/x" && echo left >"$stale/x/file" ||
	fail "cannot make $stale"
chmod 0711 "$stale"
before=$(ls -d /dev/shm/jail.* 2>/dev/null)
timeout 60 "$JAIL" "$WORK/a" a "" /dev_shm own "$tag-a" wait >"$WORK/a.out" 2>&1 &
jail_a=$!
i=0
until grep -q READY "$WORK/a.out"; do
	i=$((i + 1))
	[ $i -lt 200 ] || { cat "$WORK/a.out"; fail "jail A did not get ready"; }
	sleep 0.05
done
[ ! -e "/dev/shm/$tag-a" ] || fail "jail A's file is in the host's /dev/shm"
[ ! -e "$stale" ] || fail "a stale $stale was not removed"
a_dir=
for d in /dev/shm/jail.*/*; do
	[ -f "$d/$tag-a" ] && a_dir=$d
done
[ -n "$a_dir" ] || fail "jail A's file is not in a private directory under /dev/shm/jail.*"
case " $before " in *" ${a_dir%/*} "*) fail "jail A used a directory that was there before it" ;; esac
out=$(timeout 60 "$JAIL" "$WORK/b" b "" /dev_shm absent "$tag-a" "$tag-host" 2>&1)
rc=$?
echo "$out"
case "$out" in PASS*) [ $rc = 0 ] || fail "exit $rc" ;; *) fail "jail B saw jail A's or the host's /dev/shm" ;; esac
pass "jail A's /dev/shm file is absent in jail B and on the host; the host's is absent in B"
[ -f "$a_dir/$tag-a" ] || fail "jail B's start removed live jail A's /dev/shm"
touch "$WORK/a/release"
wait "$jail_a"
rc=$?
jail_a=
cat "$WORK/a.out"
grep -q "^PASS" "$WORK/a.out" && [ $rc = 0 ] || fail "jail A: exit $rc"
pass "shm_open, mmap, stat, ls, unlink and sem_open work in a root without /dev"
[ ! -e "$a_dir" ] && [ ! -e "${a_dir%/*}" ] || fail "jail A's $a_dir is left after it ended"
pass "the private /dev/shm is removed when the jail ends"

# a rename race on /dev/shm/d (swapped with a symlink to ../.., which on
# the host leads to the host's /dev/shm) never reaches the host's file
out=$(timeout 120 "$JAIL" "$WORK/a" a "" /dev_shm race "$tag-host" 10000 2>&1)
rc=$?
echo "$out"
case "$out" in *PASS*) [ $rc = 0 ] || fail "exit $rc" ;; *) fail "the race reached the host's /dev/shm" ;; esac
[ "$(cat "$host_file" 2>/dev/null)" = host ] || fail "the host's $host_file was changed or removed"
[ "$(stat -c %a "$host_file")" = 600 ] || fail "the host's $host_file changed mode"
pass "a rename race on /dev/shm paths does not reach the host's /dev/shm"

# a process jexec brings into a persistent jail uses the same /dev/shm (its
# own Landlock layer allows it: the supervisor names it)
mkdir "$WORK/p"
cp "$ROOTED/dev_shm" "$WORK/p/"
"$JAIL" -q -c name=dvshm$$ path="$WORK/p" persist || fail "jail -c persist"
CREATED="$CREATED dvshm$$"
out=$(timeout 60 "$JEXEC" dvshm$$ /dev_shm own "$tag-p" 2>&1)
echo "$out"
case "$out" in PASS*) ;; *) fail "shm in a jexec'd process" ;; esac
out=$(timeout 60 "$JEXEC" dvshm$$ /dev_shm absent "$tag-host" 2>&1)
echo "$out"
case "$out" in PASS*) ;; *) fail "the host's /dev/shm seen from a jexec'd process" ;; esac
[ ! -e "/dev/shm/$tag-p" ] || fail "the jexec'd process's file is in the host's /dev/shm"
pass "a jexec'd process has the jail's /dev/shm"

# a process jexec brings in on a terminal of its own may reopen that
# terminal by name (its controlling terminal), and sees it in /dev/pts
cp "$ROOTED/dev_view" "$WORK/p/"
out=$(JAIL_PROBE_CTTY=1 timeout 60 python3 -c 'import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
while True:
    try:
        b = os.read(fd, 4096)
    except OSError:
        break
    if not b:
        break
    out += b
os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors="replace"))' "$JEXEC" dvshm$$ /dev_view 2>&1)
echo "$out"
case "$out" in PASS*) ;; *) fail "a jexec'd process cannot reopen its own terminal" ;; esac
pass "a jexec'd process reopens its own terminal by name" 

# POSIX message queues: none in a jail with its own root. The host's queue
# can be neither opened nor removed, and answers as a name nobody uses;
# O_CREAT makes nothing in the host's namespace.
host_q=$tag-q
"$ROOTED/dev_shm" mq-make "$host_q" >/dev/null || fail "cannot make the host's queue $host_q"
out=$(timeout 60 "$JAIL" "$WORK/b" b "" /dev_shm mq-denied "$host_q" "$tag-none" 2>&1)
rc=$?
echo "$out"
case "$out" in PASS*) [ $rc = 0 ] || fail "exit $rc" ;; *) fail "a jail reached the host's message queues" ;; esac
"$ROOTED/dev_shm" mq-exists "$host_q" >/dev/null || fail "the jail removed the host's queue $host_q"
"$ROOTED/dev_shm" mq-absent "$tag-none" >/dev/null || fail "the jail made a queue in the host's namespace"
pass "a jail with its own root has no message queues: the host's are out of reach"
