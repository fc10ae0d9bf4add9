#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Installs what the project needs (Debian packages), creates the
# unprivileged test user, builds jail (and an ASan+UBSan build for the test
# suite), and runs a demo jail. Run as root, or as a user with sudo.
set -eu
cd "$(dirname "$0")"

SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo

PACKAGES="build-essential cmake pkg-config libseccomp-dev libelf-dev uthash-dev check libjansson-dev libxml2-dev
libunwind-dev gcc-multilib proot hyperfine python3 make util-linux debootstrap lintian strace gdb
libpython3.11-testsuite clang libclang-rt-dev dpkg-dev"
if ! dpkg -s $PACKAGES >/dev/null 2>&1; then
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $PACKAGES >/dev/null
fi

# The per-arch suite (tests/arch/run): qemu, initramfs tools, and for
# aarch64 the arm64 -dev libraries by multiarch plus a cross compiler.
# Debian's gcc-aarch64-linux-gnu conflicts with gcc-multilib (above), so the
# compiler is clang --target=aarch64-linux-gnu with the cross binutils and
# libgcc; tests/arch/run uses aarch64-linux-gnu-gcc instead where installed.
GCC_MAJOR=$(gcc -dumpversion | cut -d. -f1)
ARCH_PACKAGES="qemu-system-x86 qemu-system-arm cpio busybox-static clang binutils-aarch64-linux-gnu
libgcc-$GCC_MAJOR-dev-arm64-cross libseccomp-dev:arm64 libelf-dev:arm64 libunwind-dev:arm64
zlib1g-dev:arm64 liblzma-dev:arm64 check:arm64"
if ! dpkg -s $ARCH_PACKAGES >/dev/null 2>&1; then
	dpkg --print-foreign-architectures | grep -qx arm64 || $SUDO dpkg --add-architecture arm64
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $ARCH_PACKAGES >/dev/null
fi

# The test suite runs every probe as root and as this unprivileged user.
if ! id jailtest >/dev/null 2>&1; then
	$SUDO useradd --create-home --shell /bin/sh jailtest
fi

# A Debian minbase root for the path-confinement tests (made once, cached
# outside the checkout so the unprivileged test user can read it).
ROOTFS=/var/cache/jail-tests/rootfs-bookworm
if [ ! -x "$ROOTFS/bin/sh" ]; then
	MIRROR=$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
	$SUDO mkdir -p /var/cache/jail-tests
	$SUDO rm -rf "$ROOTFS.tmp"
	$SUDO debootstrap --variant=minbase bookworm "$ROOTFS.tmp" "${MIRROR:-http://deb.debian.org/debian}" >/dev/null
	$SUDO mv "$ROOTFS.tmp" "$ROOTFS"
fi

# The libraries the Debian package depends on that a minbase root lacks, for
# the package test (tests/package/deb_smoke.sh installs them with the .deb
# into a copy of the root above; the test itself downloads nothing).
DEBS=/var/cache/jail-tests/debs
DEB_ARCH=$(dpkg --print-architecture)
DEB_NEEDS="libelf1 libunwind8 libjansson4 libxml2 libicu72" # jls --libxo: jansson, libxml2 (and its ICU)
for pkg in $DEB_NEEDS; do
	ls "$DEBS/${pkg}_"*.deb >/dev/null 2>&1 && continue
	$SUDO mkdir -p "$DEBS"
	(cd "$DEBS" && $SUDO apt-get download -q "$pkg:$DEB_ARCH" >/dev/null)
done

# For the fidelity suite's Debian root (tests/fidelity/debian_root.sh; the
# test downloads nothing): a local repository of the packages it installs
# there with apt-get (a compiler, make, git, strace, gdb, hello) and of what
# they need beyond the minbase root above, with its Packages index; and the
# source of a GNU package (Debian's hello) to configure, make and check.
FIDELITY=/var/cache/jail-tests/fidelity
FIDELITY_PACKAGES="make gcc libc6-dev git strace gdb hello"
if [ "$(cat "$FIDELITY/ready" 2>/dev/null)" != "$FIDELITY_PACKAGES" ]; then
	echo "setup: preparing $FIDELITY (about 100 MB to download)"
	MIRROR=${MIRROR:-$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)}
	$SUDO rm -rf "$FIDELITY.tmp"
	$SUDO mkdir -p "$FIDELITY.tmp/repo/partial" "$FIDELITY.tmp/src" "$FIDELITY.tmp/apt/lists/partial" \
		"$FIDELITY.tmp/apt/parts" "$FIDELITY.tmp/apt/cache/archives/partial"
	fetch_debs() {
		$SUDO apt-get -q -y -o Dir::State::status="$ROOTFS/var/lib/dpkg/status" \
			-o Dir::Cache::archives="$FIDELITY.tmp/repo" --download-only --no-install-recommends \
			install $FIDELITY_PACKAGES >/dev/null
	}
	# the host's package lists may be older than the mirror: update once
	fetch_debs || { $SUDO apt-get update -qq && fetch_debs; } ||
		{ echo "setup: cannot download $FIDELITY_PACKAGES for $ROOTFS" >&2; exit 1; }
	$SUDO rm -rf "$FIDELITY.tmp/repo/partial" "$FIDELITY.tmp/repo/lock"
	(cd "$FIDELITY.tmp/repo" && dpkg-scanpackages . 2>/dev/null | $SUDO tee Packages >/dev/null)
	grep -q '^Package: hello$' "$FIDELITY.tmp/repo/Packages" ||
		{ echo "setup: no Packages index in $FIDELITY.tmp/repo" >&2; exit 1; }
	# hello's source: a private apt configuration with only a deb-src entry
	SUITE=$(. /etc/os-release && echo "$VERSION_CODENAME")
	printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: %s\n' \
		"${MIRROR:-http://deb.debian.org/debian}" "${SUITE:-bookworm}" /usr/share/keyrings/debian-archive-keyring.gpg |
		$SUDO tee "$FIDELITY.tmp/apt/parts/src.sources" >/dev/null
	SRC_APT="-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$FIDELITY.tmp/apt/parts
		-o Dir::State::Lists=$FIDELITY.tmp/apt/lists -o Dir::Cache=$FIDELITY.tmp/apt/cache"
	{ $SUDO apt-get -q $SRC_APT update >/dev/null &&
		(cd "$FIDELITY.tmp/src" && $SUDO apt-get -q $SRC_APT source --download-only hello >/dev/null); } ||
		{ echo "setup: cannot download the source of hello" >&2; exit 1; }
	ls "$FIDELITY.tmp/src/"hello_*.orig.tar.* >/dev/null 2>&1 ||
		{ echo "setup: no hello_*.orig.tar.* in $FIDELITY.tmp/src" >&2; exit 1; }
	$SUDO rm -rf "$FIDELITY.tmp/apt" "$FIDELITY"
	echo "$FIDELITY_PACKAGES" | $SUDO tee "$FIDELITY.tmp/ready" >/dev/null
	$SUDO mv "$FIDELITY.tmp" "$FIDELITY"
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DJAIL_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$(nproc)"

if [ "${1:-}" != --no-demo ]; then
	echo '$ build/bin/jail / myhost 127.0.0.2 sh -c '"'"'uname -n; hostname; exit 3'"'"
	status=0
	build/bin/jail / myhost 127.0.0.2 sh -c 'uname -n; hostname; exit 3' || status=$?
	echo "exit status: $status"
fi
