/* The seccomp filters a jailed process runs under, generated from the
 * handler table and the static deny table (one source of truth). */
#ifndef JAIL_SUPERVISOR_FILTER_H
#define JAIL_SUPERVISOR_FILTER_H

#include <stdbool.h>

#include "../engine/stop.h"

struct jail;

#define FILTER_MAX 4
/* FILTER_DENY_TAG (engine/stop.h): a static denial traced for jail -v. */

struct filter_set {
	void *ctx[FILTER_MAX]; /* scmp_filter_ctx */
	int count;
};

/* Builds the filters for jail j. 0 or -errno (message on stderr).
 *  - the syscall filter: every syscall the jail traps -> TRACE, the other
 *    known syscalls -> ALLOW, unknown numbers -> ENOSYS, other ABIs -> kill
 *    the process;
 *  - the deny filter: static denials from registers -> ERRNO (outranks TRACE),
 *    or, with trace_denials (jail -v: the supervisor reports them, then
 *    fails the call with the same errno), TRACE tagged FILTER_DENY_TAG;
 *  - one filter per killed ABI (x32) -> kill the process. */
int filter_build(struct filter_set *f, const struct jail *j, bool set_nnp, bool trace_denials);
/* Loads them into the calling thread; 0 or -errno. */
int filter_load(const struct filter_set *f);
void filter_free(struct filter_set *f);

#endif
