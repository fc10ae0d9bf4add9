/* SPDX-License-Identifier: BSD-2-Clause */
#include "procfs.h"

#include "../../policy/proc_parse.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long proc_status_field(pid_t tid, const char *field, int index)
{
	char path[64], line[256];
	long value = -1;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (proc_parse_status_line(line, field, index, &value))
			break;
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

bool proc_only_jail_filter(pid_t tid)
{
	return proc_status_field(tid, "Seccomp_filters", 0) == 1;
}

int proc_stat_ids(pid_t pid, int *pgrp, int *sid, int *tty)
{
	char path[64], buf[1024];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return -errno;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return proc_parse_stat_ids(buf, pgrp, sid, tty) ? -EIO : 0;
}
