/* SPDX-License-Identifier: BSD-2-Clause */
/* jail(8)'s command line (both syntaxes, -c/-r parameters). Input: the
 * arguments after "jail", separated by NUL bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../policy/cmdline.h"

#define MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	char *argv[MAX_ARGS + 2];
	int argc = 0;
	argv[argc++] = "jail";
	for (char *p = text; p <= text + size && argc < MAX_ARGS + 1; p += strlen(p) + 1)
		argv[argc++] = p;
	argv[argc] = NULL;
	static struct jail_cmdline cl;
	memset(&cl, 0, sizeof(cl));
	char err[4096 + 256];
	jail_parse_cmdline(argc, argv, &cl, err, sizeof(err));
	free(text);
	return 0;
}
