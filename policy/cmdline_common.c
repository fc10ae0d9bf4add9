/* SPDX-License-Identifier: BSD-2-Clause */
/* What both command syntaxes share (cmdline_old.c, cmdline_new.c). */
#include "cmdline.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int jail_cmdline_set_path(struct jail *j, const char *path, char *err, size_t errlen)
{
	struct stat st;
	char real[PATH_MAX];

	if (path[0] != '/') {
		snprintf(err, errlen, "path %s: not an absolute pathname", path);
		return -1;
	}
	if (!realpath(path, real) || stat(real, &st) < 0) {
		snprintf(err, errlen, "path %s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "path %s: %s", path, strerror(ENOTDIR));
		return -1;
	}
	strcpy(j->path, real);
	return 0;
}

bool jail_cmdline_output_flag(int opt, const char *arg, struct jail_cmdline *out)
{
	if (opt == 'i') {
		out->print_jid = true;
		out->quiet = true;
	} else if (opt == 'q') {
		out->quiet = true;
	} else if (opt == 'v') {
		out->verbose = true;
	} else if (opt == 'L') {
		out->verbose = true;
		out->report_log = arg;
	} else {
		return false;
	}
	return true;
}
