/* SPDX-License-Identifier: BSD-2-Clause */
#include "proc_parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool proc_parse_status_line(const char *line, const char *field, int index, long *value)
{
	size_t flen = strlen(field);
	if (strncmp(line, field, flen) != 0 || line[flen] != ':')
		return false;
	const char *p = line + flen + 1;
	*value = -1;
	for (int i = 0; i <= index; i++) {
		char *end;
		long v = strtol(p, &end, 10);
		if (end == p)
			break;
		if (i == index)
			*value = v;
		p = end;
	}
	return true;
}

int proc_parse_stat_ids(const char *stat, int *pgrp, int *sid, int *tty)
{
	const char *p = strrchr(stat, ')');
	int pg, s, t;
	if (!p || sscanf(p + 1, " %*c %*d %d %d %d", &pg, &s, &t) != 3)
		return -1;
	*pgrp = pg;
	*sid = s;
	*tty = t;
	return 0;
}

bool proc_parse_keyed(const char *text, const char *key, long *value)
{
	size_t klen = strlen(key);
	for (const char *line = text; line && *line;) {
		if (strncmp(line, key, klen) == 0) {
			char *end;
			const char *p = line + klen;
			long v = strtol(p, &end, 10);
			if (end != p) {
				*value = v;
				return true;
			}
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return false;
}
