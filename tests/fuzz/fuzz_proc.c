/* SPDX-License-Identifier: BSD-2-Clause */
/* The /proc files the supervisor reads about jailed processes
 * (/proc/<pid>/stat, status lines, fdinfo): a jailed process chooses its
 * command name, so any bytes. Input: the file's text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../policy/proc_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	int pg, sid;
	proc_parse_stat_ids(text, &pg, &sid);
	long v;
	proc_parse_status_line(text, "Uid", 0, &v);
	proc_parse_status_line(text, "Tgid", 1, &v);
	proc_parse_keyed(text, "Pid:", &v);
	proc_parse_keyed(text, "tty-index:", &v);
	free(text);
	return 0;
}
