# SPDX-License-Identifier: BSD-2-Clause
# Installation (cmake --install build [--prefix P]) and the version: the four
# tools, the man pages of man/ with the version filled in, bash completion,
# the example jail.conf files and the licence. docs/install.md says where
# each file goes and why.
include(GNUInstallDirs)

# The version: `TOOL --version` prints "TOOL x.y.z" (supervisor/tools/version.h).
configure_file(${CMAKE_CURRENT_LIST_DIR}/jail_version.h.in ${CMAKE_BINARY_DIR}/generated/jail_version.h @ONLY)
foreach(prog jail jls jexec jkill)
  target_include_directories(${prog} PRIVATE ${CMAKE_BINARY_DIR}/generated)
endforeach()

install(TARGETS jail jls jexec jkill RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Man pages: every man/NAME.SECTION, the version put in (man_version.cmake),
# compressed as Debian wants them (gzip -9n: no name, no time stamp).
file(GLOB JAIL_MAN_PAGES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/man/*.[1-8])
set(JAIL_MAN_OUTPUTS)
foreach(page ${JAIL_MAN_PAGES})
  get_filename_component(name ${page} NAME)
  string(REGEX REPLACE "^.*\\.([1-8])$" "\\1" section ${name})
  set(out ${CMAKE_BINARY_DIR}/man/${name}.gz)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DIN=${page} -DOUT=${CMAKE_BINARY_DIR}/man/${name}
            -DVERSION=${PROJECT_VERSION} -P ${CMAKE_CURRENT_LIST_DIR}/man_version.cmake
    COMMAND gzip -9nf ${CMAKE_BINARY_DIR}/man/${name}
    DEPENDS ${page} ${CMAKE_CURRENT_LIST_DIR}/man_version.cmake
    COMMENT "Man page ${name} (version ${PROJECT_VERSION})")
  list(APPEND JAIL_MAN_OUTPUTS ${out})
  install(FILES ${out} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
endforeach()
add_custom_target(man_pages ALL DEPENDS ${JAIL_MAN_OUTPUTS})

# Bash completion: parameter names taken from the parser's own source
# (policy/), so a parameter added there is completed without editing the
# script; jail names come from jls at completion time.
file(READ ${CMAKE_SOURCE_DIR}/policy/jail.h jail_h) # (lines end in \: no file(STRINGS))
string(REGEX MATCHALL "[ \t]ALLOW\\([a-z_]+, (true|false)\\)" allow_lines "${jail_h}")
file(STRINGS ${CMAKE_SOURCE_DIR}/policy/cmdline_new.c param_lines
     REGEX "strcmp\\(name, \"[a-z0-9_.]+\"\\)|bool_param\\(\"[a-z0-9_.]+\"|\"exec\\.[a-z]+\"|accepted_params\\[\\] =")
set(JAIL_PARAMS command)
foreach(line ${allow_lines})
  string(REGEX REPLACE "^[ \t]ALLOW\\(([a-z_]+),.*$" "\\1" a "${line}")
  list(APPEND JAIL_PARAMS allow.${a} allow.no${a})
endforeach()
foreach(line ${param_lines})
  string(REGEX MATCHALL "\"[a-z][a-z0-9_]*(\\.[a-z0-9_]+)?\"" names "${line}")
  foreach(n ${names})
    string(REPLACE "\"" "" n ${n})
    list(APPEND JAIL_PARAMS ${n})
  endforeach()
endforeach()
list(APPEND JAIL_PARAMS nopersist)
list(REMOVE_DUPLICATES JAIL_PARAMS)
list(SORT JAIL_PARAMS)
string(REPLACE ";" " " JAIL_PARAMS "${JAIL_PARAMS}")
configure_file(${CMAKE_SOURCE_DIR}/completion/jail.bash.in ${CMAKE_BINARY_DIR}/completion/jail @ONLY)
foreach(prog jail jls jexec jkill)
  install(FILES ${CMAKE_BINARY_DIR}/completion/jail
          DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME ${prog})
endforeach()

# jail.conf examples: documentation, not an active /etc/jail.conf
# (docs/install.md: jail -c and jail -r read /etc/jail.conf when it exists).
install(FILES ${CMAKE_SOURCE_DIR}/examples/jail.conf DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/examples/web ${CMAKE_SOURCE_DIR}/examples/build
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
if(NOT JAIL_DEB) # the Debian package carries it as usr/share/doc/jail/copyright
  install(FILES ${CMAKE_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})
endif()
