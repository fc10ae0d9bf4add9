/* SPDX-License-Identifier: BSD-2-Clause */
#include "cmdline.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char jail_usage[] =
	"usage: jail [-dhilqv] [-J jid_file] [-u username] [-U username]\n"
	"            -[cmr] param=value ... [command=command ...]\n"
	"       jail [-dqv] [-f file] -[cmr] [jail]\n"
	"       jail [-qv] [-f file] -[rR] ['*' | jail ...]\n"
	"       jail [-dhilqv] [-J jid_file] [-u username] [-U username]\n"
	"            [-n jailname] [-s securelevel]\n"
	"            path hostname ip[,...] command ...";

static int set_name(struct jail *j, const char *name, char *err, size_t errlen)
{
	if (strlen(name) >= sizeof(j->name)) {
		snprintf(err, errlen, "name %s: name too long", name);
		return -1;
	}
	strcpy(j->name, name);
	return 0;
}

int jail_parse_old_syntax(int argc, char **argv, struct jail_cmdline *out, char *err, size_t errlen)
{
	int opt;

	memset(out, 0, sizeof(*out));
	jail_init(&out->jail);
	out->stop_timeout = JAIL_STOP_TIMEOUT_DEFAULT;
	out->old_syntax = true;
	optind = 0; /* glibc: 0 restarts the scan from scratch */
	opterr = 0;
	while ((opt = getopt(argc, argv, "+dhiJ:lL:n:p:qs:u:U:v")) != -1) {
		if (jail_cmdline_output_flag(opt, optarg, out))
			continue;
		switch (opt) {
		case 'd':
		case 'h':
		case 'J':
		case 'l':
		case 'p':
		case 's':
		case 'u':
		case 'U':
			break; /* taken by jail_parse_cmdline */
		case 'n':
			if (set_name(&out->jail, optarg, err, errlen))
				return -1;
			out->name_given = true;
			break;
		default:
			return 1;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 4)
		return 1;
	if (jail_cmdline_set_path(&out->jail, argv[0], err, errlen))
		return -1;
	if (jail_set_hostname(&out->jail, argv[1], strlen(argv[1]))) {
		snprintf(err, errlen, "host.hostname %s: name too long", argv[1]);
		return -1;
	}
	if (jail_parse_addrs(&out->jail, argv[2], err, errlen))
		return -1;
	out->command = argv + 3;
	return 0;
}
