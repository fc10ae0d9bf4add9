# SPDX-License-Identifier: BSD-2-Clause
# cmake -DIN=page -DOUT=file -DVERSION=x.y.z -P man_version.cmake
# Puts the version into a man page: @JAIL_VERSION@ where the page has it,
# else the operating-system field: mdoc's ".Os" line becomes ".Os jail
# VERSION", man(7)'s ".TH NAME SECTION [DATE [SOURCE]]" gets "jail VERSION"
# as its SOURCE (the footer). A page with none of these is an error: the
# version must show.
file(READ ${IN} text)
if(text MATCHES "@JAIL_VERSION@")
  string(REPLACE "@JAIL_VERSION@" "${VERSION}" text "${text}")
elseif(text MATCHES "(^|\n)\\.Os[^\n]*")
  string(REGEX REPLACE "(^|\n)\\.Os[^\n]*" "\\1.Os jail ${VERSION}" text "${text}")
elseif(text MATCHES "(^|\n)\\.TH[ \t]")
  string(REGEX MATCH "(^|\n)\\.TH[^\n]*" th "${text}")
  string(REGEX REPLACE "^\n" "" th "${th}")
  separate_arguments(args UNIX_COMMAND "${th}")
  list(LENGTH args n)
  if(n LESS 4)
    set(date "")
  else()
    list(GET args 3 date)
  endif()
  list(GET args 1 name)
  list(GET args 2 section)
  set(th "\\1.TH ${name} ${section} \"${date}\" \"jail ${VERSION}\"")
  if(n GREATER 5) # the manual's title stays
    list(GET args 5 title)
    string(APPEND th " \"${title}\"")
  endif()
  string(REGEX REPLACE "(^|\n)\\.TH[^\n]*" "${th}" text "${text}")
else()
  message(FATAL_ERROR "${IN}: no @JAIL_VERSION@, .Os or .TH line to carry the version")
endif()
file(WRITE ${OUT} "${text}")
