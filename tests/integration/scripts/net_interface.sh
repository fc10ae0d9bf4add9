#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# interface= and ip4.addr="if|addr/mask" (tools/jail_ifaddr.c): as root the
# jail's addresses are added to the interface while it exists and removed
# after, an address the interface had already is left there, a jail inside
# a jail cannot use it; a normal user gets one line. The root part runs
# ONLY in a network namespace of its own (unshare --net, a dummy
# interface): it checks that it is not the host's before touching anything.
. "$(dirname "$0")/lib.sh"
j=nif-$$
eperm="jail: jail_set: Operation not permitted"

# nothing_left NAME: no jail of that name, no registry entry naming it
nothing_left() {
	"$JLS" -j "$1" >/dev/null 2>&1 && fail "$1 is left"
	grep -qs -- "$1" "$REGISTRY"/*.jail && fail "a registry entry names $1"
	return 0
}

if [ "$(id -u)" != 0 ]; then
	need="jail: interface: adding the jail's addresses to an interface needs root (a normal user's jail uses addresses the host has)"
	out=$("$JAIL" -c name=$j interface=lo ip4.addr=127.0.9.1 persist 2>&1)
	expect_eq "interface= as a normal user: one line, exit 1" "$out $?" "$need 1"
	nothing_left $j
	out=$("$JAIL" -c name=$j ip4.addr="lo|127.0.9.1/8" persist 2>&1)
	expect_eq "\"if|addr\" as a normal user: the same" "$out $?" "$need 1"
	nothing_left $j
	exit 0
fi
command -v unshare >/dev/null && command -v ip >/dev/null || { echo "SKIP: no unshare or ip"; exit 77; }

if [ "${NIF_INNER:-}" != 1 ]; then
	host_ns=$(readlink /proc/self/ns/net)
	NIF_INNER=1 NIF_HOST_NS=$host_ns exec unshare --net "$0" "$@"
	fail "unshare --net: cannot make a network namespace"
fi

# --- from here on: a network namespace this script made
[ -n "${NIF_HOST_NS:-}" ] && [ "$(readlink /proc/self/ns/net)" != "$NIF_HOST_NS" ] ||
	fail "not in a network namespace of our own: refusing to touch interfaces"
ip link set lo up || fail "lo up in the namespace"
# a dummy interface, or (a kernel without the dummy driver) the namespace's
# own loopback: either is this namespace's alone
if ip link add d0 type dummy 2>/dev/null && ip link set d0 up; then
	d0=d0
else
	d0=lo
fi
has() { ip -o addr show dev $d0 | grep -q " $1 "; }
k=nif-k-$$ m=nif-m-$$ q=nif-q-$$
CREATED="$j $k $m $q"

"$JAIL" -q -c name=$j interface=$d0 ip4.addr=10.77.0.1 ip6.addr=fd77::1 persist || fail "interface=$d0"
has 10.77.0.1/32 || fail "10.77.0.1/32 not on $d0"
has fd77::1/128 || fail "fd77::1/128 not on $d0"
pass "interface=$d0: the jail's addresses are on $d0 (/32, /128)"
expect_eq "jls shows interface" "$("$JLS" -j $j interface)" "$d0"
"$JAIL" -q -c name=$k ip4.addr="$d0|10.77.0.2/24,$d0|10.77.0.3/255.255.0.0" ip6.addr="$d0|fd77::2/64" persist ||
	fail "\"if|addr/mask\""
has 10.77.0.2/24 && has 10.77.0.3/16 && has fd77::2/64 || fail "if|addr/mask not on $d0: $(ip -o addr show dev $d0)"
pass "\"$d0|addr/mask\": on $d0 with its mask (CIDR and dotted)"
ip addr add 10.77.0.9/32 dev $d0 || fail "a prior address"
"$JAIL" -q -c name=$m interface=$d0 ip4.addr=10.77.0.9 persist || fail "an address d0 has already"
"$JAIL" -q -r $m $k $j || fail "jail -r"
has 10.77.0.9/32 || fail "the address $d0 had before the jail was removed with it"
has 10.77.0.1/32 || has fd77::1/128 || has 10.77.0.2/24 || has 10.77.0.3/16 || has fd77::2/64 &&
	fail "an address the jails added is left: $(ip -o addr show dev $d0)"
pass "removed: the jails' addresses are gone, the one $d0 had stays"
"$JAIL" -q -c name=$j interface=$d0 ip4.addr=10.77.0.6 command=/bin/sh -c 'exit 0' || fail "a jail with a command"
has 10.77.0.6/32 && fail "the address outlived the jail's command"
pass "a jail that ends with its command takes its address away"

before=$(ip -o addr show dev $d0)
out=$("$JAIL" -c name=$j interface=nosuch0 ip4.addr=10.77.0.5 persist 2>&1)
expect_eq "no such interface: one line, exit 1" "$out $?" "jail: interface nosuch0: No such device 1"
nothing_left $j
out=$("$JAIL" -c name=$j ip4.addr=10.77.0.5/24 persist 2>&1)
expect_eq "a mask without an interface" "$out $?" \
	"jail: ip4.addr 10.77.0.5: no interface given (interface= or \"if|addr\") 1"
nothing_left $j
out=$("$JAIL" -c name=$j ip4.addr="$d0|10.77.0.5/33" persist 2>&1)
expect_eq "a bad mask" "$out $?" "jail: ip4.addr: invalid netmask: 33 1"
nothing_left $j
"$JAIL" -q -c name=$q children.max=1 ip4.addr=10.77.0.7 persist || fail "jail -c $q"
out=$(timeout 30 "$JEXEC" $q env ASAN_OPTIONS=detect_leaks=0 "$JAIL" -c name=c ip4.addr="$d0|10.77.0.7" persist 2>&1)
expect_eq "inside a jail \"if|addr\" is refused" "$out $?" "$eperm 1"
out=$(timeout 30 "$JEXEC" $q env ASAN_OPTIONS=detect_leaks=0 "$JAIL" -c name=c interface=$d0 persist 2>&1)
case "$out" in *"interface=$d0: not available inside a jail"*) pass "inside a jail interface= is refused" ;; *) fail "interface= inside: $out" ;; esac
"$JAIL" -q -r $q
expect_eq "no refusal changed $d0" "$(ip -o addr show dev $d0)" "$before"
