#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Jails inside jails (docs/nested-jails.md): a jail with children.max > 0
# creates jails beneath its own root, with its addresses and privileges at
# most; jls, jexec and jail -r inside see only its descendants; removing
# it removes them. Each refusal leaves nothing behind.
. "$(dirname "$0")/lib.sh"

# the tools run traced inside the jail: an ASan build's leak checker cannot
# work under ptrace, so it is off for them
inside="env ASAN_OPTIONS=detect_leaks=0"
ROOT_RUN=false
[ "$(id -u)" = 0 ] && ROOT_RUN=true

# populate ROOT PROG...: the programs and the libraries they load
populate() {
	r=$1
	shift
	for prog in "$@"; do
		for f in "$prog" $(ldd "$prog" 2>/dev/null | grep -o '/[^ ]*'); do
			[ -e "$f" ] || continue
			mkdir -p "$r$(dirname "$f")"
			cp -L "$f" "$r$f"
		done
	done
}

p=nest-p-$$ other=nest-other-$$
CREATED="$CREATED $p $other"
croot=$WORK/croot
mkdir -p "$croot/sub"
populate "$croot" /bin/sh "$(command -v hostname)" "$(command -v sleep)"
cp "$(command -v sleep)" "$croot/bin/sleep-nest-$$"

"$JAIL" -q -c name=$other persist || fail "jail -c $other"
"$JAIL" -q -c name=$p children.max=2 persist ip4.addr=127.0.1.1 || fail "jail -c $p"

# --- a child runs beneath the parent's root, with its own hostname
out=$(timeout 30 "$JEXEC" $p $inside "$JAIL" -c name=c path="$croot" host.hostname=kid-$$ \
	command=/bin/sh -c 'hostname; cd /sub && echo in-sub; exit 7' 2>&1)
status=$?
expect_eq "the child's command ran with its hostname, in its root" "$out" "kid-$$
in-sub"
expect_eq "its exit status passes through" "$status" 7
expect_eq "a child that does not persist is gone with its command" \
	"$("$JLS" -j $p.c name 2>&1)" "jls: jail \"$p.c\" not found"

# --- a persistent child: named p.c on the host, c inside
timeout 30 "$JEXEC" $p $inside "$JAIL" -q -c name=c persist path="$croot" ip4.addr=127.0.1.1 ||
	fail "jail -c persist inside"
expect_eq "host jls names the child p.c, parent p" "$("$JLS" -j $p.c name parent)" \
	"$p.c $("$JLS" -j $p jid)"
expect_eq "the parent's children.cur" "$("$JLS" -j $p children.cur)" 1
inside_names=$(timeout 30 "$JEXEC" $p $inside "$JLS" name parent path)
expect_eq "jls inside lists its descendants only, relative" "$inside_names" "c 0 $croot"
out=$(timeout 30 "$JEXEC" $p $inside "$JLS" -j $other name 2>&1)
expect_eq "jls -j of a host jail inside: not found" "$out" "jls: jail \"$other\" not found"
out=$(timeout 30 "$JEXEC" $p $inside "$JEXEC" c /bin/sh -c 'hostname; exit 3' 2>&1)
status=$?
expect_eq "jexec c inside p runs in c" "$out $status" "$(hostname) 3"

# --- children.max: 2 given, a third child is refused
timeout 30 "$JEXEC" $p $inside "$JAIL" -q -c name=d persist path="$croot/sub" || fail "second child"
out=$(timeout 30 "$JEXEC" $p $inside "$JAIL" -c name=e persist path="$croot" 2>&1)
status=$?
expect_eq "children.max exceeded: FreeBSD's message" "$out" "jail: prison limit exceeded"
expect_eq "children.max exceeded: exit 1" "$status" 1
expect_eq "no registry entry left" "$("$JLS" -j $p.e name 2>&1)" "jls: jail \"$p.e\" not found"
expect_no_process "name=e persist"
timeout 30 "$JEXEC" $p $inside "$JAIL" -q -r d || fail "jail -r d inside"
expect_eq "jail -r inside removed d" "$("$JLS" -j $p.d name 2>&1)" "jls: jail \"$p.d\" not found"

out=$(timeout 30 "$JEXEC" $p $inside "$JAIL" -c name=e persist path="$croot" children.max=1 2>&1)
expect_eq "children.max above what the parent has left: refused" "$out" "jail: jail_set: Operation not permitted"

# --- an address the parent does not have
out=$(timeout 30 "$JEXEC" $p $inside "$JAIL" -c name=f persist path="$croot" ip4.addr=127.0.1.2 2>&1)
status=$?
expect_eq "an address not the parent's: refused" "$out $status" "jail: jail_set: Operation not permitted 1"
expect_eq "nothing left of f" "$("$JLS" -j $p.f name 2>&1)" "jls: jail \"$p.f\" not found"

# --- a name that would forge the registry entry's parent line
ojid=$("$JLS" -j $other jid)
out=$(timeout 30 "$JEXEC" $p $inside "$JAIL" -c name="$(printf 'x\n%s' "$ojid")" persist path="$croot" 2>&1)
status=$?
expect_eq "a name with a newline: refused" "$out $status" "jail: jail_set: Invalid argument 1"
expect_eq "no child forged under the host jail" "$("$JLS" -j $other children.cur)" 0
# exec.* hooks would run on the host, as the jail's owner: not offered
out=$(timeout 30 "$JEXEC" $p $inside "$JAIL" -c name=hk persist path="$croot" \
	exec.prestart="touch $WORK/hooked" 2>&1)
status=$?
expect_eq "exec.prestart inside: refused" "$status" 1
[ -e "$WORK/hooked" ] && fail "exec.prestart given inside ran on the host"
pass "exec.prestart given inside did not run on the host"
expect_eq "nothing left of hk" "$("$JLS" -j $p.hk name 2>&1)" "jls: jail \"$p.hk\" not found"

# --- a child may not be given more than the parent has
timeout 30 "$JEXEC" $p $inside "$JAIL" -q -c name=g persist path="$croot" allow.raw_sockets ||
	fail "jail -c g inside"
expect_eq "allow.* no more than the parent's" "$("$JLS" -j $p.g allow.raw_sockets)" false
timeout 30 "$JEXEC" $p $inside "$JAIL" -q -r g

# --- jail -r of a host jail from inside: not found, and it still runs
out=$(timeout 30 "$JEXEC" $p $inside "$JAIL" -r $other 2>&1)
status=$?
expect_eq "jail -r of a host jail inside: not found" "$out $status" "jail: \"$other\" not found 1"
expect_eq "the host jail still runs" "$("$JLS" -j $other name)" "$other"
out=$(timeout 30 "$JEXEC" $p $inside "$JAIL" -r "$("$JLS" -j $other jid)" 2>&1)
expect_eq "jail -r of a host jail's jid inside: not found" "$out" \
	"jail: \"$("$JLS" -j $other jid)\" not found"

# --- a jailed user who is not the jail's privileged account
if $ROOT_RUN; then
	out=$(timeout 30 "$JEXEC" -U nobody $p $inside "$JAIL" -c name=h persist path="$croot" 2>&1)
	status=$?
	expect_eq "a non-root user inside cannot create" "$out $status" "jail: jail_set: Operation not permitted 1"
	expect_eq "nothing left of h" "$("$JLS" -j $p.h name 2>&1)" "jls: jail \"$p.h\" not found"
	out=$(timeout 30 "$JEXEC" -U nobody $p $inside "$JAIL" -r c 2>&1)
	expect_eq "a non-root user inside cannot remove" "$out" "jail: jail_remove: Operation not permitted"
fi

# --- a parent with its own root: the child's path stays beneath it
q=nest-q-$$
CREATED="$CREATED $q"
qroot=$WORK/qroot
mkdir -p "$qroot/tmp" "$qroot/box"
populate "$qroot" /bin/sh "$(command -v env)" "$JAIL" "$JLS"
ln -s / "$qroot/box/abs"
ln -s ../../../../.. "$qroot/box/up"
"$JAIL" -q -c name=$q children.max=3 persist path="$qroot" || fail "jail -c $q"
timeout 30 "$JEXEC" $q $inside "$JAIL" -q -c name=dotdot persist path=/.. || fail "path=/.. inside $q"
expect_eq "path=/.. is the parent's root" "$("$JLS" -j $q.dotdot path)" "$qroot"
timeout 30 "$JEXEC" $q $inside "$JAIL" -q -c name=abs persist path=/box/abs || fail "path=/box/abs"
expect_eq "an absolute symlink out resolves inside" "$("$JLS" -j $q.abs path)" "$qroot"
timeout 30 "$JEXEC" $q $inside "$JAIL" -q -c name=up persist path=/box/up || fail "path=/box/up"
expect_eq "a symlink up and out resolves inside" "$("$JLS" -j $q.up path)" "$qroot"
expect_eq "jls inside shows the paths it knows" \
	"$(timeout 30 "$JEXEC" $q $inside "$JLS" name path | sort)" "abs /
dotdot /
up /"
"$JAIL" -q -r $q
for c in dotdot abs up; do
	expect_eq "removing $q removed $c" "$("$JLS" -j $q.$c name 2>&1)" "jls: jail \"$q.$c\" not found"
done

# --- removing the parent removes its children, processes and supervisors
timeout 30 "$JEXEC" $p $inside "$JEXEC" c /bin/sleep-nest-$$ 300 &
for i in $(seq 50); do
	pgrep -u "$(id -u)" -f "sleep-nest-$$ 300" >/dev/null && break
	sleep 0.1
done
pgrep -u "$(id -u)" -f "sleep-nest-$$ 300" >/dev/null || fail "the child's process did not start"
pjid=$("$JLS" -j $p jid)
"$JAIL" -q -r $p || fail "jail -r $p"
wait
expect_eq "the child is gone with its parent" "$("$JLS" -j $p.c name 2>&1)" "jls: jail \"$p.c\" not found"
expect_no_process "sleep-nest-$$"
expect_no_process "name=c persist"
expect_no_process "nest-agent $pjid "
expect_eq "the other host jail still runs" "$("$JLS" -j $other name)" "$other"
