/* SPDX-License-Identifier: BSD-2-Clause */
/* jail.conf(5): the file FreeBSD administrators describe their jails in.
 *
 *     path = "/var/jail/$name";          # outside a block: every jail
 *     mount.devfs;
 *     web { host.hostname = web.example; ip4.addr = 127.0.0.2, 127.0.0.3; persist; }
 *
 * Blocks `name { ... }` (also `*`), `param;` / `noparam;` booleans, lists
 * with `,` and `+=`, strings in "..." (C escapes, $substitution) or '...'
 * (literal), `\` line continuation, `$var = ...;` variables, `$name` and
 * `${param}` substitution, `.include "file";` (globs), comments
 * slash-star, // and #. Pure functions: nothing here starts a jail. */
#ifndef JAIL_POLICY_JAIL_CONF_H
#define JAIL_POLICY_JAIL_CONF_H

#include <stdbool.h>
#include <stddef.h>

struct conf_param {
	char *name;               /* "host.hostname", "persist", "$var" */
	char **values;            /* nvalues == 0: a bare boolean (`persist;`);
				   * a '$' from single quotes is kept as \001 */
	size_t nvalues;
	bool append;              /* += */
	char *file;               /* where it was written, for messages */
	int line;
};

struct conf_block {
	char *name;  /* the jail's name, "*" or "foo.*" (wildcards) */
	bool global; /* statements outside any block (named "*") */
	struct conf_param *params;
	size_t nparams;
};

struct jail_conf {
	struct conf_block *blocks;
	size_t nblocks;
};

/* Parses file (and what it includes). 0, or -1 with a one-line message
 * in err ("FILE:LINE: syntax error near \"x\"", "FILE: No such file ..."). */
int jail_conf_load(const char *file, struct jail_conf *conf, char *err, size_t errlen);
/* The same from a string (named `file` in messages); includes are relative
 * to the current directory. */
int jail_conf_parse(const char *file, const char *text, struct jail_conf *conf, char *err, size_t errlen);
void jail_conf_free(struct jail_conf *conf);

/* The jails the file names, in order (not `*`); returns how many, names
 * point into conf. */
size_t jail_conf_names(const struct jail_conf *conf, const char **names, size_t max);
/* Whether the file has a block for name. */
bool jail_conf_has(const struct jail_conf *conf, const char *name);

/* One resolved parameter of a jail: value is the list joined with ","
 * after substitution, NULL for a bare boolean; values the list itself
 * (exec.* hooks run each element as its own command). */
struct conf_setting {
	char *name;
	char *value;
	char **values;
	size_t nvalues;
};

/* The parameters of jail `name`, as FreeBSD's load_config gathers them: the
 * implied `name` (or `jid`, for a numeric block name) first, then every
 * statement of the blocks that apply to the jail (its own, "*", "foo.*" for
 * foo.bar, statements outside blocks) in file order, so that a later
 * definition supersedes an earlier one wherever it is; `=` replaces, `+=`
 * appends, `x` and `nox` are one parameter; then $x and ${x.y} are
 * substituted. Variables ($x) are not returned.
 * Returns the count (out is malloc'd, free with jail_conf_settings_free),
 * or -1 with FreeBSD's message ("NAME: path: variable \"x\" not found",
 * "NAME: cannot redefine parameter \"name\".", "NAME: variable \"$x\"
 * cannot have the same name as a parameter."). */
int jail_conf_resolve(const struct jail_conf *conf, const char *name, struct conf_setting **out, char *err,
		      size_t errlen);
void jail_conf_settings_free(struct conf_setting *s, int n);

#endif
