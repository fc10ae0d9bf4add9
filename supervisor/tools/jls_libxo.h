/* SPDX-License-Identifier: BSD-2-Clause */
/* jls --libxo json|xml: FreeBSD's structured output of jls (libxo), written
 * with a JSON library (jansson) and an XML writer (libxml2), so that every
 * value is escaped by them. */
#ifndef JAIL_SUPERVISOR_JLS_LIBXO_H
#define JAIL_SUPERVISOR_JLS_LIBXO_H

#include <stdbool.h>
#include <stdio.h>

#include "../../policy/jls.h"

enum xo_style { XO_TEXT, XO_JSON, XO_XML };

/* Takes --libxo STYLE / --libxo=STYLE[,options] out of argv (libxo's
 * options "pretty" and "warn" are accepted). The style, or -1 with a
 * message in err for an unknown one. */
int xo_take_args(int *argc, char **argv, bool *pretty, char *err, size_t errlen);

/* Whether this build can write JSON and XML. */
bool xo_available(void);

struct xo_out;
struct xo_out *xo_begin(enum xo_style style, bool pretty);
void xo_jail(struct xo_out *x, const struct jls_opts *o, const struct jls_jail *jj);
/* Writes everything to f and frees x. 0, or -1. */
int xo_finish(struct xo_out *x, FILE *f);

#endif
