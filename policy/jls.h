/* SPDX-License-Identifier: BSD-2-Clause */
/* jls(8): its command line and its output formats, as pure functions over
 * what is known about each jail (FreeBSD's jls.c formats, byte for byte). */
#ifndef JAIL_POLICY_JLS_H
#define JAIL_POLICY_JLS_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "jail.h"

/* What jls prints about one jail. */
struct jls_jail {
	const struct jail *jail;
	bool dying;        /* being removed (jail -r in progress) */
	int nproc;         /* number of processes */
	const pid_t *pids; /* their pids, ascending */
	int npids;
};

#define JLS_PRINT_DEFAULT 0x01
#define JLS_PRINT_HEADER 0x02
#define JLS_PRINT_NAMEVAL 0x04
#define JLS_PRINT_QUOTED 0x08
#define JLS_PRINT_SKIP 0x10
#define JLS_PRINT_VERBOSE 0x20
#define JLS_PRINT_JAIL_NAME 0x40

#define JLS_MAX_PARAMS 128

struct jls_opts {
	unsigned pflags;
	int jid;              /* -j with a jid (0: none) */
	const char *jname;    /* -j with a name (NULL: none) */
	int nparams;          /* parameters to print (param-list modes) */
	int params[JLS_MAX_PARAMS];  /* indices into the parameter table */
	int parent[JLS_MAX_PARAMS];  /* -s: index of the jailsys parent, or -1 */
};

extern const char jls_usage[]; /* "usage: jls [-dhNnqv] [-j jail] [param ...]" */

/* Parses jls's arguments. 0; -1 with a message in err ("usage: ..." or
 * "unknown parameter: x"). Besides FreeBSD's parameters, jls knows two of
 * this project's: "nproc" (number of processes) and "pids" (their pids,
 * comma-separated); they are not part of "all". */
int jls_parse_args(int argc, char **argv, struct jls_opts *o, char *err, size_t errlen);

/* Does the output need the jails' pid lists? */
bool jls_wants_pids(const struct jls_opts *o);

/* The header line(s) for the chosen format (nothing for plain param lists). */
void jls_print_header(FILE *f, const struct jls_opts *o);

/* One jail, in the chosen format. */
void jls_print_jail(FILE *f, const struct jls_opts *o, const struct jls_jail *jj);

/* One jail as typed fields, for structured output (jls --libxo): the
 * fields FreeBSD's jls emits in the chosen mode (default: jid, ipv4,
 * hostname, path; -v: jid, hostname, path, name, state, cpusetid,
 * ipv4_addrs, ipv6_addrs; a parameter list: each parameter by its name).
 * A JLS_F_LIST value is comma-separated ("" for an empty list). */
enum jls_ftype { JLS_F_INT, JLS_F_STRING, JLS_F_BOOL, JLS_F_LIST };
typedef void (*jls_field_fn)(void *ctx, const char *name, enum jls_ftype type, const char *value);
void jls_fields(const struct jls_opts *o, const struct jls_jail *jj, jls_field_fn fn, void *ctx);

/* The message for a -j jail that does not exist: jail "x" not found /
 * jail N not found. */
void jls_not_found(const struct jls_opts *o, char *err, size_t errlen);

#endif
