/* SPDX-License-Identifier: BSD-2-Clause */
#include "procfs.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long proc_status_field(pid_t tid, const char *field, int index)
{
	char path[64], line[256];
	size_t flen = strlen(field);
	long value = -1;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, field, flen) != 0 || line[flen] != ':')
			continue;
		char *p = line + flen + 1;
		for (int i = 0; i <= index; i++) {
			char *end;
			long v = strtol(p, &end, 10);
			if (end == p)
				break;
			if (i == index)
				value = v;
			p = end;
		}
		break;
	}
	fclose(f);
	return value;
}

long proc_personality(pid_t tid)
{
	char path[64];
	unsigned long v;
	long result = -1;

	snprintf(path, sizeof(path), "/proc/%d/personality", (int)tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	if (fscanf(f, "%lx", &v) == 1)
		result = (long)v;
	fclose(f);
	return result;
}

bool proc_all_digits(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}
