# SPDX-License-Identifier: BSD-2-Clause
# CMake toolchain for aarch64 with the arm64 -dev packages installed by
# multiarch (dpkg --add-architecture arm64): tests/arch/run aarch64 uses it.
# The compiler is Debian's cross compiler (gcc-aarch64-linux-gnu) or, where
# that is not installed (it conflicts with gcc-multilib), clang targeting
# aarch64-linux-gnu with binutils-aarch64-linux-gnu and the cross libgcc:
# -DJAIL_CROSS_CC=clang.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
if(NOT JAIL_CROSS_CC)
  set(JAIL_CROSS_CC aarch64-linux-gnu-gcc)
endif()
set(CMAKE_C_COMPILER ${JAIL_CROSS_CC})
if(JAIL_CROSS_CC MATCHES "clang")
  set(CMAKE_C_COMPILER_TARGET aarch64-linux-gnu)
endif()
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig)
set(ENV{PKG_CONFIG_PATH} "")
