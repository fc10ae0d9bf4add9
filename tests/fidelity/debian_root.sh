#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# A Debian root (a copy of setup.sh's minbase root) administered and used
# in a jail as it goes on a Debian host: useradd/su/userdel, a package built
# and installed with dpkg, a daemon started and stopped with
# start-stop-daemon and found by its name; apt-get update and install from a
# mirror on the loopback (setup.sh's local repository of a compiler, make,
# git, strace, gdb and hello, served over HTTP on 127.0.0.3), then with
# those tools: configure, make and make check of GNU hello, git, strace -f
# and gdb, each compared with the same commands run natively on the host
# (the same Debian release, so the same versions). Root only (the copy
# keeps the root's owners). Part of tests/fidelity/run without --ci.
#   debian_root.sh JAIL
# Ends with "N passed, M failed" (and the known failures, if any: each is
# an open finding in docs/fidelity.md; one that passes fails the run, so
# that the list is kept true).
set -u
jail=$1
src=/var/cache/jail-tests/rootfs-bookworm
fid=/var/cache/jail-tests/fidelity
packages="make gcc libc6-dev git strace gdb hello"
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root"; echo "0 passed, 0 failed"; exit 0; }
[ -x "$src/bin/sh" ] || { echo "FAIL: no root at $src (./setup.sh)"; echo "0 passed, 1 failed"; exit 1; }
[ "$(cat "$fid/ready" 2>/dev/null)" = "$packages" ] ||
	{ echo "FAIL: no local repository at $fid (./setup.sh)"; echo "0 passed, 1 failed"; exit 1; }
for tool in gcc make git strace gdb python3; do
	command -v $tool >/dev/null ||
		{ echo "FAIL: no $tool on the host (./setup.sh)"; echo "0 passed, 1 failed"; exit 1; }
done
root=$(mktemp -d /tmp/jail-debroot.XXXXXX)
native=$(mktemp -d /tmp/jail-debroot-native.XXXXXX)
server=
cleanup() {
	[ -z "$server" ] || { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; }
	rm -rf "$root" "$native"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
cp -a "$src/." "$root/"
mkdir "$native/cwd"
passed=0 failed=0 known=0
ok() { printf 'PASS: %s\n' "$1"; passed=$((passed + 1)); }
bad() { printf 'FAIL: %s\n' "$1"; failed=$((failed + 1)); }
check() { # WHAT WANT SCRIPT
	got=$(timeout 120 "$jail" "$root" debroot 127.0.0.2 /bin/sh -c "$3" 2>&1)
	if [ "$got" = "$2" ]; then
		ok "$1"
	else
		bad "$1: got [$got], want [$2]"
	fi
}
# The same shell script in a jail on the root (as a Debian system jail is
# made: its own devfs, so /dev/pts works) and natively from an empty
# directory. The output is in $jailed and $host; the status is the jail's.
env_setup='export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C; '
in_jail() { # SECONDS SCRIPT
	jailed=$(timeout "$1" "$jail" -q -c path="$root" host.hostname=debroot ip4.addr=127.0.0.2 mount.devfs \
		command=/bin/sh -c "$env_setup cd /root && $2" 2>&1)
}
natively() { # SECONDS SCRIPT
	host=$(cd "$native/cwd" && HOME=$native/cwd timeout "$1" /bin/sh -c "$env_setup $2" 2>&1)
}
# Both outputs must be the same and contain every line given.
same() { # WHAT LINE...
	what=$1
	shift
	if [ "$jailed" != "$host" ]; then
		bad "$what: the jail's output differs from the host's:
$(printf '%s\n' "$host" >"$native/host.out"; printf '%s\n' "$jailed" >"$native/jail.out"
			diff -u "$native/host.out" "$native/jail.out" | sed 1,2d)"
		return
	fi
	for line in "$@"; do
		printf '%s\n' "$jailed" | grep -qxF -- "$line" || { bad "$what: no line [$line] in [$jailed]"; return; }
	done
	ok "$what"
}

check "useradd, su, userdel" "uid=1000(alice) gid=1000(alice) groups=1000(alice)
alice /home/alice
gone" 'useradd -m alice && id alice && su alice -c "echo \$(whoami) \$HOME" &&
	userdel -r alice 2>/dev/null; id alice >/dev/null 2>&1 || echo gone'

check "dpkg-deb --build, dpkg -i, dpkg -r" "ii fidelity-hello 1.0
hello from a package
removed" 'd=$(mktemp -d) && mkdir -p $d/p/DEBIAN $d/p/usr/bin &&
	printf "Package: fidelity-hello\nVersion: 1.0\nArchitecture: all\nMaintainer: t <t@t>\nDescription: t\n" >$d/p/DEBIAN/control &&
	printf "#!/bin/sh\necho hello from a package\n" >$d/p/usr/bin/fidelity-hello && chmod 755 $d/p/usr/bin/fidelity-hello &&
	dpkg-deb --build $d/p $d/h.deb >/dev/null && dpkg -i $d/h.deb >/dev/null &&
	dpkg -l fidelity-hello | sed -n "s/^\(ii  [^ ]*  *[^ ]*\).*/\1/p" | tr -s " " && fidelity-hello &&
	dpkg -r fidelity-hello >/dev/null && { [ -e /usr/bin/fidelity-hello ] || echo removed; }; rm -rf $d'

check "start-stop-daemon --start/--stop, pidof, /proc/PID/exe" "started
sleep
/usr/bin/sleep
stopped" 'start-stop-daemon --start --background --make-pidfile --pidfile /run/fid.pid --exec /usr/bin/sleep -- 60 &&
	sleep 0.5 && echo started && p=$(cat /run/fid.pid) && cat /proc/$p/comm && readlink /proc/$p/exe &&
	[ "$(pidof sleep)" = "$p" ] && start-stop-daemon --stop --quiet --name sleep --pidfile /run/fid.pid && echo stopped'

# --- apt-get from a mirror on the loopback: the jail (127.0.0.2) reaches
# the host's server on 127.0.0.3, which sees it come from 127.0.0.2
: >"$native/http.log"
python3 -u -m http.server 0 --bind 127.0.0.3 --directory "$fid/repo" >"$native/http.log" 2>&1 &
server=$!
port=
i=0
while [ -z "$port" ] && [ $i -lt 100 ]; do
	port=$(sed -n 's/^Serving HTTP on 127\.0\.0\.3 port \([0-9]*\) .*/\1/p' "$native/http.log")
	i=$((i + 1))
	sleep 0.1
done
if [ -z "$port" ]; then
	bad "the mirror's HTTP server did not start: $(cat "$native/http.log")"
else
	echo "deb [trusted=yes] http://127.0.0.3:$port ./" >"$root/etc/apt/sources.list"
	rm -f "$root/etc/apt/sources.list.d/"*
	want="rc=0"
	for p in $packages; do want="$want
install ok installed $p"; done
	want="$want
Hello, world!"
	in_jail 900 "apt-get update >/tmp/update.log 2>&1 &&
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $packages >/tmp/install.log 2>&1
		echo rc=\$?; grep -h '^[EW]:' /tmp/update.log /tmp/install.log
		for p in $packages; do echo \"\$(dpkg-query -W -f='\${Status}' \$p) \$p\"; done; hello"
	if [ "$jailed" != "$want" ]; then
		bad "apt-get update, apt-get install $packages: got [$jailed], want [$want]"
	elif ! grep -Eq '^127\.0\.0\.2 .*"GET /(\./)?hello_[^ ]*\.deb HTTP/1\.1" 200' "$native/http.log"; then
		bad "apt-get install: the mirror did not serve hello's .deb to 127.0.0.2: $(tail -3 "$native/http.log")"
	else
		ok "apt-get update, apt-get install $packages from a mirror on 127.0.0.3 ($(grep -c '\.deb HTTP' "$native/http.log") packages)"
	fi
fi
[ -z "$server" ] || { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; server=; }

# --- configure, make, make check of a GNU package: Debian's hello source
tarball=$(ls "$fid/src/"hello_*.orig.tar.gz | tail -1)
cp "$tarball" "$root/root/hello.tar.gz"
cp "$tarball" "$native/cwd/hello.tar.gz"
build='tar xzf hello.tar.gz && cd hello-2* && ./configure >../configure.log 2>&1 && make >../make.log 2>&1 &&
	make check >../check.log 2>&1; echo rc=$?; grep -E "^# (TOTAL|PASS|SKIP|XFAIL|FAIL|XPASS|ERROR):" ../check.log;
	./hello --version | head -1; ./hello -g "built here"'
in_jail 1200 "$build"
natively 1200 "$build"
same "hello: ./configure, make, make check (as natively)" "rc=0" "# FAIL:  0" "# ERROR: 0" "built here"

# --- git: a repository made, committed to, cloned; the same hashes
gitrun='export HOME=$PWD GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t \
	GIT_COMMITTER_EMAIL=t@t GIT_AUTHOR_DATE=2026-01-01T00:00:00Z GIT_COMMITTER_DATE=2026-01-01T00:00:00Z &&
	git init -q -b main r && cd r && printf "one\n" >f && git add f && git commit -q -m first &&
	printf "two\n" >>f && git commit -q -am second && git log --format="%H %s" && git diff --stat HEAD~1 | tail -1 &&
	cd .. && git clone -q r c && git -C c log -1 --format=%H && git -C r status --porcelain && git -C c fsck --no-progress 2>&1 && echo done'
in_jail 120 "$gitrun"
natively 120 "$gitrun"
same "git init, add, commit, log, diff, clone, fsck (as natively)" " 1 file changed, 1 insertion(+)" "done"

# --- strace -f of a shell that runs two programs (one in a child)
strun='strace -f -qq -e trace=execve,write -o st.out /bin/sh -c "/bin/echo hi; /bin/echo there" >/dev/null; echo rc=$?
	sed -E "s/^[0-9]+ +//; s/0x[0-9a-f]+/ADDR/g; s|/\* [0-9]+ vars \*/|VARS|; s/si_pid=[0-9]+/si_pid=N/; s/ +/ /g" st.out'
in_jail 120 "$strun"
natively 120 "$strun"
same "strace -f: execve and write of parent and child (as natively)" "rc=0" \
	'execve("/bin/echo", ["/bin/echo", "hi"], ADDR VARS) = 0' 'write(1, "hi\n", 3) = 3' \
	'execve("/bin/echo", ["/bin/echo", "there"], ADDR VARS) = 0'

# --- gdb: a breakpoint, a backtrace, a variable, to the end; and attached
# to a running process by pid. gdb opens /proc/PID/mem for writing, which
# the jail closes (docs/scratch-area.md), and says so once per process;
# it then uses ptrace, as the lines filtered here say. The frames in libc's
# pause are left out: the host may have libc's debugging symbols
# (__libc_pause at pause.c:29), the root has not (pause from libc.so.6).
cat >"$native/prog.c" <<'C'
#include <stdio.h>
#include <unistd.h>

static int leaf(int x)
{
	return x * 2;
}

int main(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		printf("%d\n", (int)getpid());
		fflush(stdout);
		for (;;)
			pause();
	}
	printf("%d\n", leaf(21));
	return 0;
}
C
cp "$native/prog.c" "$root/root/prog.c"
cp "$native/prog.c" "$native/cwd/prog.c"
gdbrun() { # CC-FLAGS
	echo "gcc -g -O0 $1 -o prog prog.c || exit 1
	unmem() { grep -v -e '^warning: opening /proc/PID/mem file for lwp [0-9.]* failed: Permission denied (13)\$' \\
		-e '^warning: opening /proc/self/mem file failed: Permission denied (13)\$' | sed -e '/^\$/d' \\
		-e 's/0x[0-9a-f]*/ADDR/g' -e 's/process [0-9]*/process N/'; }
	gdb -q -nx -batch -ex 'break leaf' -ex run -ex bt -ex 'print x' -ex continue ./prog 2>&1 | unmem
	rm -f pid; ./prog wait >pid & while [ ! -s pid ]; do sleep 0.1; done
	gdb -q -nx -batch -p \$(cat pid) -ex bt -ex detach 2>&1 | unmem | grep -v pause
	kill \$!"
}
in_jail 300 "$(gdbrun -static)"
natively 300 "$(gdbrun -static)"
same "gdb of a static program: break, run, bt, print, continue; attach by pid, bt (as natively)" \
	"Breakpoint 1, leaf (x=21) at prog.c:6" "#0  leaf (x=21) at prog.c:6" "\$1 = 21" "42" \
	"[Inferior 1 (process N) exited normally]" "#1  ADDR in main (argc=2, argv=ADDR) at prog.c:16" \
	"[Inferior 1 (process N) detached]"
# A dynamic program in a root of its own is started by the root's loader,
# the program mapped into it at the exec stop as the kernel maps one with
# an interpreter (docs/exec-identity.md): gdb finds it there, relocated,
# with the auxiliary vector it reads, and places its breakpoints.
in_jail 300 "$(gdbrun -pie)"
natively 300 "$(gdbrun -pie)"
same "gdb of a dynamic (PIE) program: break, run, bt, print, continue; attach by pid, bt (as natively)" \
	"Breakpoint 1, leaf (x=21) at prog.c:6" "#0  leaf (x=21) at prog.c:6" "\$1 = 21" "42" \
	"[Inferior 1 (process N) exited normally]" "#1  ADDR in main (argc=2, argv=ADDR) at prog.c:16" \
	"[Inferior 1 (process N) detached]"
in_jail 300 "$(gdbrun -no-pie)"
natively 300 "$(gdbrun -no-pie)"
same "gdb of a dynamic non-PIE program: break, run, bt, print, continue; attach by pid, bt (as natively)" \
	"Breakpoint 1, leaf (x=21) at prog.c:6" "#0  leaf (x=21) at prog.c:6" "\$1 = 21" "42" \
	"[Inferior 1 (process N) exited normally]" "#1  ADDR in main (argc=2, argv=ADDR) at prog.c:16" \
	"[Inferior 1 (process N) detached]"

echo "$known known failures"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
