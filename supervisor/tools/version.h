/* SPDX-License-Identifier: BSD-2-Clause */
/* `TOOL --version` for jail, jls, jexec and jkill: prints "TOOL x.y.z",
 * the version of project(jail VERSION ...) in CMakeLists.txt, and exits 0.
 * Only as the sole argument, so no jail name or parameter is shadowed. */
#ifndef JAIL_TOOLS_VERSION_H
#define JAIL_TOOLS_VERSION_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jail_version.h"

static inline void tool_version_flag(const char *tool, int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--version") == 0) {
		printf("%s %s\n", tool, JAIL_VERSION);
		exit(ferror(stdout) || fflush(stdout) ? 1 : 0);
	}
}

#endif
