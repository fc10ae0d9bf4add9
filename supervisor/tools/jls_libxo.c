/* SPDX-License-Identifier: BSD-2-Clause */
/* jls --libxo: JSON through jansson, XML through libxml2 (jls_libxo.h).
 * The layout is FreeBSD's: {"__version": "2", "jail-information":
 * {"jail": [{...}, ...]}} and <jail-information><jail>...</jail>... */
#include "jls_libxo.h"

#include <stdlib.h>
#include <string.h>

int xo_take_args(int *argc, char **argv, bool *pretty, char *err, size_t errlen)
{
	int style = XO_TEXT;
	*pretty = false;
	for (int i = 1; i < *argc; i++) {
		const char *spec = NULL;
		int used = 0;
		if (strcmp(argv[i], "--libxo") == 0 && i + 1 < *argc) {
			spec = argv[i + 1];
			used = 2;
		} else if (strncmp(argv[i], "--libxo=", 8) == 0 || strncmp(argv[i], "--libxo:", 8) == 0) {
			spec = argv[i] + 8;
			used = 1;
		} else if (strcmp(argv[i], "--") == 0) {
			break;
		}
		if (!spec)
			continue;
		char copy[128];
		snprintf(copy, sizeof(copy), "%s", spec);
		for (char *save = NULL, *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
			if (strcmp(w, "json") == 0)
				style = XO_JSON;
			else if (strcmp(w, "xml") == 0)
				style = XO_XML;
			else if (strcmp(w, "text") == 0)
				style = XO_TEXT;
			else if (strcmp(w, "pretty") == 0)
				*pretty = true;
			else if (strcmp(w, "warn") != 0) {
				snprintf(err, errlen, "--libxo: unknown option \"%s\"", w);
				return -1;
			}
		}
		memmove(&argv[i], &argv[i + used], (size_t)(*argc - i - used + 1) * sizeof(*argv));
		*argc -= used;
		i--;
	}
	return style;
}

#ifdef JAIL_HAVE_XO
#include <jansson.h>
#include <libxml/xmlwriter.h>

struct xo_out {
	enum xo_style style;
	bool pretty;
	json_t *root, *jails;        /* JSON */
	xmlBufferPtr buf;            /* XML */
	xmlTextWriterPtr writer;
	bool failed;
};

bool xo_available(void)
{
	return true;
}

struct xo_out *xo_begin(enum xo_style style, bool pretty)
{
	struct xo_out *x = calloc(1, sizeof(*x));
	if (!x)
		return NULL;
	x->style = style;
	x->pretty = pretty;
	if (style == XO_JSON) {
		x->root = json_object();
		x->jails = json_array();
		json_t *info = json_object();
		if (!x->root || !x->jails || !info)
			x->failed = true;
		json_object_set_new(x->root, "__version", json_string("2"));
		json_object_set_new(info, "jail", x->jails);
		json_object_set_new(x->root, "jail-information", info);
	} else {
		x->buf = xmlBufferCreate();
		x->writer = x->buf ? xmlNewTextWriterMemory(x->buf, 0) : NULL;
		if (!x->writer || (pretty && xmlTextWriterSetIndent(x->writer, 1) < 0) ||
		    xmlTextWriterStartElement(x->writer, BAD_CAST "jail-information") < 0)
			x->failed = true;
	}
	return x;
}

/* One field into the jail's JSON object. */
static void json_field(void *ctx, const char *name, enum jls_ftype type, const char *value)
{
	json_t *obj = ctx, *v;
	if (type == JLS_F_INT) {
		v = json_integer(strtoll(value, NULL, 10));
	} else if (type == JLS_F_BOOL) {
		v = json_boolean(strcmp(value, "true") == 0);
	} else if (type == JLS_F_LIST) {
		v = json_array();
		char *copy = strdup(value);
		for (char *save = NULL, *w = copy ? strtok_r(copy, ",", &save) : NULL; w; w = strtok_r(NULL, ",", &save))
			json_array_append_new(v, json_string(w));
		free(copy);
	} else {
		v = json_string(value);
	}
	json_object_set_new(obj, name, v);
}

static void xml_field(void *ctx, const char *name, enum jls_ftype type, const char *value)
{
	struct xo_out *x = ctx;
	if (type != JLS_F_LIST) {
		if (xmlTextWriterWriteElement(x->writer, BAD_CAST name, BAD_CAST value) < 0)
			x->failed = true;
		return;
	}
	/* a list: the element repeated, one per value (libxo's leaf-list) */
	char *copy = strdup(value);
	for (char *save = NULL, *w = copy ? strtok_r(copy, ",", &save) : NULL; w; w = strtok_r(NULL, ",", &save))
		if (xmlTextWriterWriteElement(x->writer, BAD_CAST name, BAD_CAST w) < 0)
			x->failed = true;
	free(copy);
}

void xo_jail(struct xo_out *x, const struct jls_opts *o, const struct jls_jail *jj)
{
	if (x->style == XO_JSON) {
		json_t *obj = json_object();
		if (!obj) {
			x->failed = true;
			return;
		}
		jls_fields(o, jj, json_field, obj);
		json_array_append_new(x->jails, obj);
		return;
	}
	if (xmlTextWriterStartElement(x->writer, BAD_CAST "jail") < 0)
		x->failed = true;
	jls_fields(o, jj, xml_field, x);
	if (xmlTextWriterEndElement(x->writer) < 0)
		x->failed = true;
}

int xo_finish(struct xo_out *x, FILE *f)
{
	int rc = x->failed ? -1 : 0;
	if (x->style == XO_JSON) {
		if (rc == 0) {
			rc = json_dumpf(x->root, f, x->pretty ? JSON_INDENT(2) : JSON_COMPACT);
			fputc('\n', f);
		}
		json_decref(x->root);
	} else {
		if (rc == 0 && (xmlTextWriterEndDocument(x->writer) < 0))
			rc = -1;
		xmlFreeTextWriter(x->writer);
		if (rc == 0)
			fputs((const char *)xmlBufferContent(x->buf), f);
		xmlBufferFree(x->buf);
	}
	free(x);
	return rc;
}
#else
bool xo_available(void)
{
	return false;
}
struct xo_out *xo_begin(enum xo_style style, bool pretty)
{
	(void)style;
	(void)pretty;
	return NULL;
}
void xo_jail(struct xo_out *x, const struct jls_opts *o, const struct jls_jail *jj)
{
	(void)x;
	(void)o;
	(void)jj;
}
int xo_finish(struct xo_out *x, FILE *f)
{
	(void)x;
	(void)f;
	return -1;
}
#endif
