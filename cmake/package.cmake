# SPDX-License-Identifier: BSD-2-Clause
# The Debian package (CPack's DEB generator). One command builds it with
# Debian's build flags and checks it with lintian: packaging/build-deb.
# Configure with -DJAIL_DEB=ON -DCMAKE_INSTALL_PREFIX=/usr, then
# `cpack -G DEB`. Depends comes from dpkg-shlibdeps on the installed
# programs. docs/install.md explains the choices and the lintian result.
option(JAIL_DEB "Install the Debian package's copyright and changelog" OFF)

if(JAIL_DEB)
  # cpack installs what packaging/build-deb built, not the tests as well
  set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
  # as Debian's dh_strip: no .comment (the compiler's and crt files' idents)
  foreach(prog jail jls jexec jkill)
    add_custom_command(TARGET ${prog} POST_BUILD
      COMMAND ${CMAKE_OBJCOPY} --remove-section=.comment $<TARGET_FILE:${prog}>)
  endforeach()
  # Debian's place for them: usr/share/doc/PACKAGE/{copyright,changelog.gz}
  install(FILES ${CMAKE_SOURCE_DIR}/packaging/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})
  add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/packaging/changelog.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/packaging
    COMMAND gzip -9nc ${CMAKE_SOURCE_DIR}/packaging/changelog > ${CMAKE_BINARY_DIR}/packaging/changelog.gz
    DEPENDS ${CMAKE_SOURCE_DIR}/packaging/changelog)
  add_custom_target(deb_changelog ALL DEPENDS ${CMAKE_BINARY_DIR}/packaging/changelog.gz)
  install(FILES ${CMAKE_BINARY_DIR}/packaging/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME jail)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "The jail authors <jail@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "FreeBSD jails for Linux, in user space")
set(CPACK_PACKAGE_DESCRIPTION "jail runs a command, or a whole Debian root, in a jail the way FreeBSD's
jail(8) does, without root, containers or a daemon: a supervisor traces the
jailed process tree (ptrace and seccomp) and gives it its own root, hostname
and IP addresses, a jailed root that cannot touch the host, and a view of
only its own processes. jls, jexec and jkill list, enter and signal running
jails; jail.conf(5) describes persistent jails.")
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.org/jail")
include(CPack)
