#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# In a jail with its own root, programs are started by the root's ELF loader
# (the kernel would load PT_INTERP from the host's /), yet each process looks
# like its program: comm, stat and status names, the command line, AT_EXECFN,
# /proc/self/exe (read, executed), inside and from the host
# (docs/exec-identity.md).
. "$(dirname "$0")/lib.sh"

ROOTFS=/var/cache/jail-tests/rootfs-bookworm
[ -x "$ROOTFS/bin/sh" ] || fail "no root at $ROOTFS (run ./setup.sh)"
run() { "$JAIL" "$ROOTFS" ident 127.0.0.2 /bin/sh -c "$1" 2>&1; }

expect_eq "comm" "$(run 'cat /proc/self/comm')" cat
expect_eq "status Name" "$(run 'grep ^Name: /proc/self/status')" "Name:	grep"
expect_eq "stat name" "$(run 'cut -d" " -f2 /proc/self/stat')" "(cut)"
expect_eq "cmdline" "$(run 'cat /proc/self/cmdline | tr "\\000" @')" 'cat@/proc/self/cmdline@'
expect_eq "cmdline of a script" \
	"$(run 'd=$(mktemp -d) && printf "#!/bin/sh\ntr \"\\\\0\" \" \" </proc/\$\$/cmdline; cat /proc/\$\$/comm\n" >$d/s.sh && chmod +x $d/s.sh && $d/s.sh a b | sed "s|$d|D|"; rm -r $d')" \
	"/bin/sh D/s.sh a b s.sh"
# AT_EXECFN as /proc/self/auxv gives it, and the string it points at
execfn='open(A, "/proc/self/auxv") or die; local $/; my @a = unpack("Q*", <A>);
	my %a = @a; open(M, "<", "/proc/self/mem") or die; seek(M, $a{31}, 0);
	read(M, my $s, 256); $s =~ s/\0.*//s; print $s'
expect_eq "AT_EXECFN in /proc/self/auxv" "$(run "/usr/bin/perl -e '$execfn'")" /usr/bin/perl

# The program is mapped as the kernel maps one with an interpreter, and the
# loader runs as that interpreter: the auxiliary vector (as /proc/self/auxv
# gives it: what gdb reads) has the program's entry and headers and the
# loader's base, and start_code..end_code in /proc/self/stat is the
# program's text. (Started as a program itself, the loader is the main
# image: AT_ENTRY its own entry, AT_BASE 0.)
layout='open(A, "/proc/self/auxv") or die; local $/; my %a = unpack("L!*", <A>); $/ = "\n";
	open(M, "/proc/self/maps") or die; my ($e, $p, $b) = ("none") x 3;
	while (<M>) { my ($lo, $hi, $f) = /^(\w+)-(\w+) \S+ \S+ \S+ \S+\s*(.*)/ or next;
		($lo, $hi) = (hex $lo, hex $hi); $f =~ s|.*/||;
		$e = $f if $a{9} >= $lo && $a{9} < $hi; $p = $f if $a{3} >= $lo && $a{3} < $hi;
		$b = $f if $a{7} == $lo; }
	open(S, "/proc/self/stat") or die; my @s = split / /, (<S> =~ s/.*\) //r);
	my $text = $s[23] <= $a{9} && $a{9} < $s[24] ? "text" : "not-text";
	$b =~ s/^ld-.*/ld/; print "entry:$e phdr:$p base:$b $text"'
expect_eq "auxv and stat of a loader-run program are the program's" \
	"$(run "/usr/bin/perl -e '$layout'")" "entry:perl phdr:perl base:ld text"

# exec runs on a descriptor the caller opens beneath the root
# (docs/engine.md): a failed exec closes it again, a successful one does
# not pass it on (close-on-exec), and the errors are the kernel's
fds='sub n { opendir(my $d, "/proc/self/fd") or die; scalar(grep !/^\./, readdir $d) } my $a = n();
	for my $p ("/etc/passwd", "/nonexistent", "/etc", "/etc/passwd/x") { exec($p) and die; push @e, $!+0 }
	print n() - $a, " @e"'
expect_eq "failed execs leave no descriptor, with the kernel's errors" "$(run "/usr/bin/perl -e '$fds'")" "0 13 2 13 20"
expect_eq "the exec's descriptor is not passed on" \
	"$(run 'exec 2>/dev/null; /usr/bin/perl -e '\''opendir(my $d, "/proc/self/fd"); print join(" ", sort grep !/^\./, readdir $d)'\''')" \
	"$(run 'exec 2>/dev/null; /usr/bin/perl -e '\''exec q{/usr/bin/perl}, q{-e}, q{opendir(my $d, "/proc/self/fd"); print join(" ", sort grep !/^\./, readdir $d)}'\''')"

# The same for a 32-bit program on this kernel (Elf32 headers, the i386
# ABI), PIE and not, in a root holding the host's i386 loader and libc
# (gcc-multilib): the entry the loader was given is the program's _start,
# the saved copy says the same, AT_BASE is the loader's, argv is exact.
mkdir -p "$WORK/r32/lib" "$WORK/r32/lib32" "$WORK/r32/tmp"
cat >"$WORK/aux32.c" <<'C'
#include <stdio.h>
#include <sys/auxv.h>
extern char _start[];
int main(int argc, char **argv)
{
	unsigned long entry = getauxval(AT_ENTRY), saved = 0, v[2];
	FILE *f = fopen("/proc/self/auxv", "rb");
	while (f && fread(v, sizeof(v), 1, f) == 1 && v[0] != AT_NULL)
		if (v[0] == AT_ENTRY)
			saved = v[1];
	printf("%s %d %s %s %s\n", argv[0], argc, entry == (unsigned long)_start ? "entry:start" : "entry:other",
	       saved == entry ? "saved:same" : "saved:differs", getauxval(AT_BASE) ? "base:set" : "base:zero");
	return 0;
}
C
cc -m32 -o "$WORK/r32/pie" "$WORK/aux32.c" && cc -m32 -no-pie -o "$WORK/r32/nopie" "$WORK/aux32.c" &&
	cp -L /lib/ld-linux.so.2 "$WORK/r32/lib/" && cp -L /lib32/libc.so.6 "$WORK/r32/lib32/" ||
	fail "no 32-bit compiler and libc (gcc-multilib: ./setup.sh)"
for p in pie nopie; do
	expect_eq "32-bit $p program: the loader runs as its interpreter" \
		"$("$JAIL" "$WORK/r32" ident32 127.0.0.2 /$p a b 2>&1)" "/$p 3 entry:start saved:same base:set"
done

# /proc/self/exe is the program: read, compared, executed again
expect_eq "cmp /proc/self/exe" "$(run 'cmp /proc/self/exe /usr/bin/cmp && echo same')" same
expect_eq "re-exec through /proc/self/exe" \
	"$(run "perl -e 'exec q{/proc/self/exe}, q{-e}, q{print qq{again @ARGV}}, q{a}, q{b} if !@ARGV'")" "again a b"
expect_eq "execute /proc/PID/exe of another jailed process" \
	"$(run 'sleep 5 & p=$!; sleep 0.3; /proc/$p/exe 0; echo $?; kill $p')" 0

# a jailed daemon is found by its name, inside and from the host
out=$(run 'sleep 3 & p=$!; sleep 0.3; [ "$(pidof sleep)" = "$p" ] && echo pidof;
	start-stop-daemon --stop --quiet --name sleep --pid $p && echo ssd; wait $p; echo $?')
expect_eq "pidof, start-stop-daemon --name inside" "$(echo $out | sed 's/Terminated //')" "pidof ssd 143"
# a duration no other run of this test (root, user, ASan) uses at once
dur=7.$$
"$JAIL" "$ROOTFS" ident 127.0.0.2 /bin/sleep $dur &
jpid=$!
found=
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	found=$(pgrep -u "$(id -u)" -f "^/bin/sleep $dur\$") && break
	sleep 0.1
done
[ -n "$found" ] || fail "pgrep -f from the host does not find the jailed sleep"
pass "pgrep -f from the host"
pgrep -u "$(id -u)" -x sleep | grep -qx "$found" || fail "pgrep -x sleep from the host does not find it"
pass "pgrep -x from the host"
expect_eq "comm from the host" "$(cat /proc/$found/comm)" sleep
pidof sleep | tr ' ' '\n' | grep -qx "$found" || fail "pidof from the host does not find the jailed sleep"
pass "pidof from the host"
# signal 0: finds without touching anyone else's sleep
killall -v -s 0 sleep 2>&1 | grep -q "($found)" || fail "killall from the host does not find the jailed sleep"
pass "killall from the host"
kill "$found"
wait $jpid
expect_eq "the jailed sleep is gone" $? 143

# start-stop-daemon --exec compares the program's file with /proc/PID/exe
expect_eq "start-stop-daemon --exec inside" "$(run 'start-stop-daemon --start --background --make-pidfile --pidfile /tmp/ssd.$$ --exec /usr/bin/sleep -- 30; sleep 0.3;
	start-stop-daemon --stop --quiet --exec /usr/bin/sleep --pidfile /tmp/ssd.$$; echo $?; rm -f /tmp/ssd.$$')" 0

# A dynamic setuid program loses its bit through the root's loader
# (docs/setuid.md): said once, where it would have mattered (a jail started
# by root, a caller that is not the owner); never in a user's jail, where
# no_new_privs makes the kernel ignore the bit natively too.
out=$(timeout 60 "$JAIL" -U nobody "$ROOTFS" ident 127.0.0.2 /bin/sh -c '/usr/bin/passwd -S root; /usr/bin/passwd -S root' 2>&1)
n=$(printf '%s\n' "$out" | grep -c 'passwd: setuid bit not honoured')
if [ "$(id -u)" = 0 ]; then
	expect_eq "a lost setuid bit is said once (jail started by root)" "$n" 1
else
	expect_eq "no setuid message in a user's jail" "$n" 0
fi
