/* jail(8)'s command line, parsed into a struct jail and a command. */
#ifndef JAIL_POLICY_CMDLINE_H
#define JAIL_POLICY_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "jail.h"

struct jail_cmdline {
	struct jail jail;
	char **command;   /* NULL-terminated argv to run in the jail; points into argv */
	bool quiet;       /* -q */
	bool verbose;     /* -v */
};

/* The usage text FreeBSD's jail(8) prints (several lines, no trailing newline). */
extern const char jail_usage[];

/* Parses `jail [-qv] [-n name] path hostname ip[,ip...] command [arg...]`.
 * Returns 0; 1 if the usage should be printed; -1 with a one-line message
 * (without the "jail: " prefix) in err. Checks the path exists and is a
 * directory, and stores it canonical (realpath). */
int jail_parse_old_syntax(int argc, char **argv, struct jail_cmdline *out, char *err, size_t errlen);

#endif
