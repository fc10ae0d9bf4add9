#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# cmake --install into a temporary prefix installs exactly the files
# docs/install.md lists: the four tools (each answering --version), every
# man page of man/ (compressed, carrying the version), bash completion for
# the four tools, the example jail.conf files, README and LICENSE.
#   tests/meta/install.sh SOURCE_DIR BUILD_DIR VERSION
set -u
src=$1 build=$2 version=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }
pass() { echo "PASS: $*"; }

cmake --install "$build" --prefix "$tmp/p" >"$tmp/log" 2>&1 || { cat "$tmp/log"; fail "cmake --install"; exit 1; }

# the expected list
{
	for t in jail jls jexec jkill; do
		echo bin/$t
		echo share/bash-completion/completions/$t
	done
	for page in "$src"/man/*.[1-8]; do
		[ -f "$page" ] || continue
		name=$(basename "$page")
		echo "share/man/man${name##*.}/$name.gz"
	done
	echo share/doc/jail/README.md
	echo share/doc/jail/LICENSE
	echo share/doc/jail/examples/jail.conf
	(cd "$src/examples" && find web build -type f)  | sed 's|^|share/doc/jail/examples/|'
} | sort >"$tmp/want"
(cd "$tmp/p" && find . -type f -o -type l) | sed 's|^\./||' | sort >"$tmp/got"
if cmp -s "$tmp/want" "$tmp/got"; then
	pass "cmake --install: the $(wc -l <"$tmp/want") files of the list, nothing else"
else
	fail "cmake --install: installed files differ from the list (< missing, > unexpected):"
	diff "$tmp/want" "$tmp/got" | grep '^[<>]'
fi

for t in jail jls jexec jkill; do
	out=$("$tmp/p/bin/$t" --version 2>&1)
	[ "$out" = "$t $version" ] && pass "$t --version" || fail "$t --version: got [$out], want [$t $version]"
done

for gz in "$tmp/p"/share/man/man*/*.gz; do
	[ -f "$gz" ] || continue
	gzip -dc "$gz" | grep -q "jail $version" && pass "$(basename "$gz"): version $version" ||
		fail "$(basename "$gz") does not carry \"jail $version\""
done

for t in jail jls jexec jkill; do
	bash -c ". '$tmp/p/share/bash-completion/completions/$t' && complete -p $t" >/dev/null 2>&1 &&
		pass "completion for $t loads and registers" || fail "completion for $t"
done

# the version in each kind of man page (cmake/man_version.cmake)
printf '.Dd December 4, 2026\n.Dt JAIL 8\n.Os\n.Sh NAME\n' >"$tmp/a.8"
printf '.TH JLS 8 "2026-12-04"\n.SH NAME\n' >"$tmp/b.8"
printf '.TH X 5 2026-12-04 old "Manual"\n' >"$tmp/c.5"
printf '.\\" jail @JAIL_VERSION@\n.TH X 1\n' >"$tmp/d.1"
printf '.SH NAME\n' >"$tmp/e.1"
for p in a.8 b.8 c.5 d.1; do
	cmake -DIN="$tmp/$p" -DOUT="$tmp/$p.out" -DVERSION=9.8.7 -P "$src/cmake/man_version.cmake"
done
expect() { [ "$(sed -n "$2" "$tmp/$1.out")" = "$3" ] && pass "man_version $1: $3" ||
	fail "man_version $1: got [$(sed -n "$2" "$tmp/$1.out")], want [$3]"; }
expect a.8 3p ".Os jail 9.8.7"
expect b.8 1p '.TH JLS 8 "2026-12-04" "jail 9.8.7"'
expect c.5 1p '.TH X 5 "2026-12-04" "jail 9.8.7" "Manual"'
expect d.1 1p '.\" jail 9.8.7'
cmake -DIN="$tmp/e.1" -DOUT="$tmp/e.1.out" -DVERSION=9.8.7 -P "$src/cmake/man_version.cmake" >/dev/null 2>&1 &&
	fail "man_version: a page without a place for the version is accepted" ||
	pass "man_version: a page without a place for the version is an error"
exit $failed
