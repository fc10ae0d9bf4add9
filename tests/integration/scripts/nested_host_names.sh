#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# A dotted name made on the host names a child (FreeBSD: name=p.x is child
# x of p; docs/nested-jails.md): it is made beneath p through the checks p
# itself would meet (children.max, addresses, path beneath p's root), p
# absent is `jail "p" not found`, and nothing is left by a refusal; inside
# p the child is x, and neither p's name nor a host jail leaks.
. "$(dirname "$0")/lib.sh"
inside="env ASAN_OPTIONS=detect_leaks=0"
p=hn-p-$$ z=hn-z-$$ gone=hn-none-$$
CREATED="$CREATED $p $z"
root=$WORK/proot
mkdir -p "$root/sub"

# nothing_left NAME: no jail of that name, no registry entry naming it
nothing_left() {
	"$JLS" -j "$1" >/dev/null 2>&1 && fail "$1 is left"
	grep -qs -- "$1" "$REGISTRY"/*.jail && fail "a registry entry names $1"
	return 0
}

out=$("$JAIL" -c name=$gone.x persist 2>&1)
rc=$?
expect_eq "p.x without p: FreeBSD's words, exit 1" "$out $rc" "jail: jail \"$gone\" not found 1"
nothing_left "$gone.x"
printf '%s {\n persist;\n}\n' "$gone.y" >"$WORK/conf"
out=$("$JAIL" -f "$WORK/conf" -c "$gone.y" 2>&1)
rc=$?
expect_eq "p.y from jail.conf without p: the same" "$out $rc" "jail: jail \"$gone\" not found 1"
nothing_left "$gone.y"

"$JAIL" -q -c name=$z persist || fail "jail -c $z"
out=$("$JAIL" -c name=$z.x persist 2>&1)
rc=$?
expect_eq "p.x under a parent with children.max=0: refused" "$out $rc" \
	"jail: jail_set: Operation not permitted 1"
nothing_left "$z.x"

"$JAIL" -q -c name=$p path="$root" children.max=2 persist ip4.addr=127.0.1.1 || fail "jail -c $p"
pjid=$("$JLS" -j $p jid)
expect_eq "the host's p.x is made under p" "$("$JAIL" -c name=$p.x persist 2>&1)" "$p.x: created"
expect_eq "its parent is p, its root p's" "$("$JLS" -j $p.x parent path)" "$pjid $root"
expect_eq "p's children.cur counts it" "$("$JLS" -j $p children.cur)" 1
out=$("$JAIL" -c name=$p.y path=/tmp persist 2>&1)
expect_eq "a path outside p's root: refused" "$out $?" "jail: jail_set: path: Operation not permitted 1"
nothing_left "$p.y"
out=$("$JAIL" -c name=$p.y path="$root/sub" ip4.addr=127.0.3.9 persist 2>&1)
expect_eq "an address p does not have: refused" "$out $?" "jail: jail_set: Operation not permitted 1"
nothing_left "$p.y"
"$JAIL" -q -c name=$p.y path="$root/sub" ip4.addr=127.0.1.1 persist || fail "p.y beneath p's root"
expect_eq "p.y's root beneath p's" "$("$JLS" -j $p.y path)" "$root/sub"
out=$("$JAIL" -c name=$p.w persist 2>&1)
expect_eq "a third child of children.max=2: the kernel's words" "$out $?" "jail: prison limit exceeded 1"
nothing_left "$p.w"

# inside p (its root holds no programs: a second parent at / sees the same)
q=hn-q-$$
CREATED="$CREATED $q"
"$JAIL" -q -c name=$q children.max=2 persist || fail "jail -c $q"
"$JAIL" -q -c name=$q.k persist || fail "host jail -c $q.k"
out=$(timeout 30 "$JEXEC" $q $inside "$JLS" name parent 2>&1)
expect_eq "inside q the host-made child is k, parent 0" "$out" "k 0"
out=$(timeout 30 "$JEXEC" $q $inside "$JAIL" -c name=k persist 2>&1)
expect_eq "jail -c name=k inside q: exists, named as q names it" "$out $?" "jail: \"k\" already exists 1"
out=$(timeout 30 "$JEXEC" $q $inside "$JLS" -j $z name 2>&1)
expect_eq "a host jail stays unseen inside q" "$out" "jls: jail \"$z\" not found"

"$JAIL" -q -r $p || fail "jail -r $p"
nothing_left "$p.x"
nothing_left "$p.y"
pass "removing p removed the children the host made under it"
