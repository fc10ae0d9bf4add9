/* SPDX-License-Identifier: BSD-2-Clause */
/* The jail's seccomp filters as BPF programs, and their loading: what a
 * process entering a jail needs of them. jail(8) builds them (filter.c,
 * from the handler table); jexec gets the same programs from the jail's
 * supervisor (CTL_FILTERS), so it needs neither libseccomp's generator nor
 * the handler table. */
#ifndef JAIL_SUPERVISOR_FILTER_LOAD_H
#define JAIL_SUPERVISOR_FILTER_LOAD_H

#include <stdbool.h>

#define FILTER_MAX 4
/* The longest program the kernel takes (BPF_MAXINSNS). */
#define FILTER_MAX_INSNS 4096

struct sock_filter;

/* In load order: [0] the jail's filter (filter.c makes one), loaded with a
 * user-notification listener; then any others. */
struct filter_progs {
	struct sock_filter *prog[FILTER_MAX]; /* malloc'ed */
	unsigned short len[FILTER_MAX];       /* instructions */
	int count;
	bool nnp; /* set no_new_privs first (a caller without CAP_SYS_ADMIN) */
};

/* Loads them into the calling thread; 0 or -errno. *listener gets the
 * user-notification listener of the first filter (close-on-exec): the
 * caller must hand it to the supervisor and close it before running
 * anything of the jail's. */
int filter_load(const struct filter_progs *p, int *listener);
void filter_progs_free(struct filter_progs *p);

#endif
