/* SPDX-License-Identifier: BSD-2-Clause */
/* The /proc files the supervisor reads about jailed processes
 * (/proc/<pid>/stat, status lines, fdinfo): a jailed process chooses its
 * command name, so any bytes; and /proc/<pid>/net files the jail's view
 * is made from (policy/proc_net_view.c: a jailed process chooses its
 * AF_UNIX socket names, printed raw). Input: the file's text. */
#include <arpa/inet.h>
#include <stdbool.h>
#include <sys/socket.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../policy/proc_net_view.h"
#include "../../policy/proc_parse.h"

static void net_views(const char *text, size_t size)
{
	static struct jail j;
	static bool ready;
	if (!ready) {
		char err[128];
		jail_init(&j);
		if (jail_parse_addrs(&j, "127.0.0.2,::1", err, sizeof(err)))
			abort();
		ready = true;
	}
	struct net_host_addr hosts[1] = {{.family = AF_INET6, .ifindex = 1, .prefixlen = 128}};
	inet_pton(AF_INET6, "::1", hosts[0].addr);
	static const unsigned long inodes[] = {0, 1, 42, 12345};
	struct proc_net_owned owned = {inodes, 4};
	char *out = malloc(size + 1);
	if (!out)
		return;
	for (const struct proc_net_file *f = proc_net_files; f->name; f++)
		if (proc_net_filter(f, &j, hosts, 1, &owned, text, size, out) > size)
			abort();
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	int pg, sid, tty;
	proc_parse_stat_ids(text, &pg, &sid, &tty);
	long v;
	proc_parse_status_line(text, "Uid", 0, &v);
	proc_parse_status_line(text, "Tgid", 1, &v);
	proc_parse_keyed(text, "Pid:", &v);
	proc_parse_keyed(text, "tty-index:", &v);
	net_views(text, size);
	free(text);
	return 0;
}
