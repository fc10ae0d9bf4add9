#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The jail.conf files of examples/ run as their comments say: the web jail
# serves a directory with python3's http.server on 127.0.0.10 (jls, jexec,
# jail -r), the build jail runs make; the commented /etc/jail.conf example
# parses once its "#" are removed. Each file runs as shipped except for the
# jail's name (NAME-PID, so parallel runs do not collide in the registry).
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
# the ports of the root run and the user run differ
port=$((20000 + $$ % 20000))
web=web-$$ build=build-$$ www=www-$$

sed "s/^web {/$web {/" "$EXAMPLES/web/jail.conf" >"$WORK/web.conf"
CREATED=$web
WWW=$EXAMPLES/web/www PORT=$port timeout 20 "$JAIL" -f "$WORK/web.conf" -c $web >"$WORK/out" 2>&1
expect_eq "web: jail -f web/jail.conf -c" "$? $(cat "$WORK/out")" "0 $web: created"
expect_eq "web: jls" "$("$JLS" -j $web host.hostname ip4.addr path)" "web.example 127.0.0.10 /"
fetch() {
	python3 - "$1" <<'PY'
import sys, time, urllib.request
for _ in range(100):
    try:
        print(urllib.request.urlopen(sys.argv[1], timeout=2).read().decode(), end="")
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
}
expect_eq "web: the directory served on 127.0.0.10:$port" "$(fetch "http://127.0.0.10:$port/index.html")" \
	"$(cat "$EXAMPLES/web/www/index.html")"
expect_eq "web: python3 runs inside the jail" \
	"$(timeout 20 "$JEXEC" $web sh -c 'cat /proc/[0-9]*/comm' | grep -c '^python3$')" 1
"$JAIL" -f "$WORK/web.conf" -r $web >"$WORK/out" 2>&1
expect_eq "web: jail -r" "$? $(cat "$WORK/out")" "0 $web: removed"
CREATED=
python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.10:$port/', timeout=2)" 2>/dev/null &&
	fail "web: still served after jail -r"
pass "web: nothing served after jail -r"
expect_no_process "http.server --bind 127.0.0.10 $port"

cp -r "$EXAMPLES/hello" "$WORK/hello"
rm -f "$WORK/hello/hello" "$WORK/hello"/*.o
sed "s/^build {/$build {/" "$EXAMPLES/build/jail.conf" >"$WORK/build.conf"
SRC=$WORK/hello timeout 60 "$JAIL" -q -f "$WORK/build.conf" -c $build >"$WORK/out" 2>&1
expect_eq "build: jail -f build/jail.conf -c (make)" "$? $(tail -1 "$WORK/out")" \
	"0 make: Leaving directory '$WORK/hello'"
expect_eq "build: the program it built runs" "$("$WORK/hello/hello" 2>&1; echo "status $?")" "hello from a jail (4 words)
status 0"
"$JLS" -j $build >/dev/null 2>&1 && fail "build: the jail outlives make"
pass "build: the jail is gone when make ends"
SRC=$WORK/nonexistent timeout 60 "$JAIL" -q -f "$WORK/build.conf" -c $build >"$WORK/out" 2>&1
expect_eq "build: a failing make fails jail" "$? $(tail -1 "$WORK/out")" "1 jail: $build: exec.start failed"

# the commented /etc/jail.conf example: its configuration lines are "#"
# followed by a non-blank; uncommented, the www jail runs
sed -n 's/^#\([^ !]\)/\1/p' "$EXAMPLES/jail.conf" | sed "s/^www {/$www {/; s/--directory \/var\/www 8080/--directory \/ $((port + 1))/" >"$WORK/etc.conf"
CREATED=$www
timeout 20 "$JAIL" -f "$WORK/etc.conf" -c $www >"$WORK/out" 2>&1
expect_eq "jail.conf example: uncommented, the www jail starts" "$? $(cat "$WORK/out")" "0 $www: created"
expect_eq "jail.conf example: its parameters" "$("$JLS" -j $www host.hostname ip4.addr)" "$www.example 127.0.0.20"
"$JAIL" -q -f "$WORK/etc.conf" -r $www || fail "jail.conf example: jail -r"
CREATED=
pass "jail.conf example: removed"
