/* SPDX-License-Identifier: BSD-2-Clause */
/* Text from a jail (program names, symbol names, paths) in a report line,
 * escaped the way vis(3) does by default: printable ASCII stays, a
 * backslash is "\\", every other byte (newline, escape, bytes >= 0x80)
 * is "\ooo". A jailed program can then neither start a forged report line
 * nor send terminal escapes to whoever reads the report. */
#ifndef JAIL_SUPERVISOR_VIS_ESCAPE_H
#define JAIL_SUPERVISOR_VIS_ESCAPE_H

#include <stddef.h>

/* in, escaped, into out (size > 0), NUL-terminated; cut at a whole
 * escape if it does not fit. Returns out. */
char *vis_escape(char *out, size_t size, const char *in);

#endif
