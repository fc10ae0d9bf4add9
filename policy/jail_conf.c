/* SPDX-License-Identifier: BSD-2-Clause */
#include "jail_conf.h"

#include <errno.h>
#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LITERAL_DOLLAR '\001'
#define MAX_INCLUDE_DEPTH 8

/* ---- lexer ---------------------------------------------------------- */

enum tok_kind { T_END, T_WORD, T_SEMI, T_COMMA, T_EQ, T_PLUSEQ, T_OPEN, T_CLOSE, T_ERROR };

struct lexer {
	const char *file;
	const char *p;
	int line;
	char *err;
	size_t errlen;
	int depth; /* of .include */
};

struct token {
	enum tok_kind kind;
	char *text; /* T_WORD: malloc'd */
	int line;
};

static void lex_error(struct lexer *lx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void lex_error(struct lexer *lx, const char *fmt, ...)
{
	int n = snprintf(lx->err, lx->errlen, "%s line %d: ", lx->file, lx->line);
	va_list ap;
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < lx->errlen)
		vsnprintf(lx->err + n, lx->errlen - (size_t)n, fmt, ap);
	va_end(ap);
}

/* Skips blanks, newlines, comments and backslash-newlines. -1 on an
 * unterminated comment. */
static int skip_space(struct lexer *lx)
{
	for (;;) {
		const char *p = lx->p;
		if (*p == '\n') {
			lx->line++;
			lx->p++;
		} else if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\f' || *p == '\v') {
			lx->p++;
		} else if (*p == '\\' && p[1] == '\n') {
			lx->line++;
			lx->p += 2;
		} else if (*p == '#' || (*p == '/' && p[1] == '/')) {
			while (*lx->p && *lx->p != '\n')
				lx->p++;
		} else if (*p == '/' && p[1] == '*') {
			lx->p += 2;
			while (*lx->p && !(lx->p[0] == '*' && lx->p[1] == '/'))
				if (*lx->p++ == '\n')
					lx->line++;
			if (!*lx->p) {
				lex_error(lx, "unterminated comment");
				return -1;
			}
			lx->p += 2;
		} else {
			return 0;
		}
	}
}

struct buf {
	char *s;
	size_t len, cap;
};

static int buf_put(struct buf *b, char c)
{
	if (b->len + 2 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		char *s = realloc(b->s, cap);
		if (!s)
			return -1;
		b->s = s;
		b->cap = cap;
	}
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
	return 0;
}

static bool word_char(char c)
{
	return c && !strchr(" \t\r\n\f\v;,={}\"'#", c);
}

/* A C escape after the backslash at *pp in a double-quoted string. */
static int escape(const char **pp)
{
	const char *p = *pp;
	int c = (unsigned char)*p++;
	switch (c) {
	case 'n': c = '\n'; break;
	case 't': c = '\t'; break;
	case 'r': c = '\r'; break;
	case 'a': c = '\a'; break;
	case 'b': c = '\b'; break;
	case 'f': c = '\f'; break;
	case 'v': c = '\v'; break;
	case 'x': {
		int v = 0, n = 0;
		while (n < 2 && strchr("0123456789abcdefABCDEF", *p) && *p) {
			v = v * 16 + (*p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10);
			p++;
			n++;
		}
		c = v;
		break;
	}
	default:
		if (c >= '0' && c <= '7') {
			int v = c - '0', n = 1;
			while (n < 3 && *p >= '0' && *p <= '7') {
				v = v * 8 + (*p++ - '0');
				n++;
			}
			c = v;
		}
		break;
	}
	*pp = p;
	return c;
}

/* A backslash escape outside double quotes' variables: C escapes, octal,
 * hex, a literal '$' (\001) and anything else as itself (FreeBSD's
 * text2lval applies the same rules in every kind of string). */
static int put_escape(struct lexer *lx, struct buf *b)
{
	char ch = *lx->p;
	if (ch == '\n') { /* continuation */
		lx->line++;
		lx->p++;
		return 0;
	}
	if (ch == '$') {
		lx->p++;
		return buf_put(b, LITERAL_DOLLAR);
	}
	return buf_put(b, (char)escape(&lx->p));
}

/* A word: adjacent unquoted, "double" and 'single' pieces, concatenated.
 * Variables ($x, ${x.y}) stay in the text and are substituted per jail;
 * a '$' that must stay literal (single quotes, \$) becomes \001. */
static int lex_word(struct lexer *lx, struct token *t)
{
	struct buf b = {0};
	bool any = false;
	for (;;) {
		char c = *lx->p;
		if (c == '"' || c == '\'') {
			char q = c;
			int start = lx->line;
			lx->p++;
			while (*lx->p && *lx->p != q) {
				char ch = *lx->p++;
				int rc;
				if (ch == '\\' && *lx->p) {
					rc = put_escape(lx, &b);
				} else {
					if (ch == '\n')
						lx->line++;
					rc = buf_put(&b, q == '\'' && ch == '$' ? LITERAL_DOLLAR : ch);
				}
				if (rc)
					goto nomem;
			}
			if (*lx->p != q) {
				lx->line = start;
				lex_error(lx, "unterminated string");
				free(b.s);
				return -1;
			}
			lx->p++;
			any = true;
			if (!b.s && buf_put(&b, 'x') == 0) /* "" is an empty word */
				b.s[b.len = 0] = '\0';
		} else if (c == '\\' && lx->p[1]) {
			lx->p++;
			if (put_escape(lx, &b))
				goto nomem;
			any = true;
		} else if (c == '$' && lx->p[1] == '{') {
			const char *end = strchr(lx->p, '}');
			const char *nl = strchr(lx->p, '\n');
			if (!end || (nl && nl < end)) {
				lex_error(lx, "unterminated variable");
				free(b.s);
				return -1;
			}
			while (lx->p <= end)
				if (buf_put(&b, *lx->p++))
					goto nomem;
			any = true;
		} else if (word_char(c) && !(c == '+' && lx->p[1] == '=') &&
			   !(c == '/' && (lx->p[1] == '/' || lx->p[1] == '*'))) {
			if (buf_put(&b, *lx->p++))
				goto nomem;
			any = true;
		} else {
			break;
		}
	}
	if (!any)
		return 1;
	t->kind = T_WORD;
	t->text = b.s;
	return 0;
nomem:
	free(b.s);
	lex_error(lx, "%s", strerror(ENOMEM));
	return -1;
}

static struct token next(struct lexer *lx)
{
	struct token t = {T_ERROR, NULL, 0};
	if (skip_space(lx))
		return t;
	t.line = lx->line;
	char c = *lx->p;
	static const char singles[] = ";,={}";
	static const enum tok_kind kinds[] = {T_SEMI, T_COMMA, T_EQ, T_OPEN, T_CLOSE};
	if (!c) {
		t.kind = T_END;
	} else if (strchr(singles, c)) {
		t.kind = kinds[strchr(singles, c) - singles];
		lx->p++;
	} else if (c == '+' && lx->p[1] == '=') {
		t.kind = T_PLUSEQ;
		lx->p += 2;
	} else {
		int rc = lex_word(lx, &t);
		if (rc > 0)
			lex_error(lx, "%c: syntax error", c);
		if (rc)
			t.kind = T_ERROR;
	}
	return t;
}

/* ---- parser --------------------------------------------------------- */

static const char *tok_desc(const struct token *t)
{
	static const char *const fixed[] = {
		[T_END] = "", [T_SEMI] = ";", [T_COMMA] = ",", [T_EQ] = "=",
		[T_PLUSEQ] = "+=",       [T_OPEN] = "{", [T_CLOSE] = "}",
	};
	if (t->kind != T_WORD && t->kind != T_ERROR)
		return fixed[t->kind];
	return t->text ? t->text : "?";
}

/* FreeBSD's yyerror: "FILE line N: TOKEN: syntax error", or
 * "FILE: unexpected EOF". Nothing for a token the lexer already refused. */
static void syntax_error(struct lexer *lx, const struct token *t)
{
	if (t->kind == T_ERROR)
		return;
	if (t->kind == T_END)
		snprintf(lx->err, lx->errlen, "%s: unexpected EOF", lx->file);
	else
		lex_error(lx, "%s: syntax error", tok_desc(t));
}

/* A new block at the end of the file's order. Statements outside blocks go
 * to a "*" block (FreeBSD's global pseudo-jail), a new one unless the last
 * block is already one. Returns its index, or -1. */
static long new_block(struct jail_conf *conf, const char *name, bool global)
{
	if (global && conf->nblocks && conf->blocks[conf->nblocks - 1].global)
		return (long)conf->nblocks - 1;
	struct conf_block *b = realloc(conf->blocks, (conf->nblocks + 1) * sizeof(*b));
	if (!b)
		return -1;
	conf->blocks = b;
	b[conf->nblocks] = (struct conf_block){.name = strdup(name), .global = global};
	if (!b[conf->nblocks].name)
		return -1;
	return (long)conf->nblocks++;
}

static int parse_text(struct lexer *lx, struct jail_conf *conf);

static int include(struct lexer *lx, struct jail_conf *conf, const char *pattern)
{
	glob_t g;
	if (lx->depth >= MAX_INCLUDE_DEPTH) {
		lex_error(lx, ".include nested too deep");
		return -1;
	}
	int rc = glob(pattern, 0, NULL, &g);
	if (rc == GLOB_NOMATCH)
		return 0; /* FreeBSD: a glob that matches nothing includes nothing */
	if (rc) {
		lex_error(lx, ".include \"%s\": cannot expand", pattern);
		return -1;
	}
	for (size_t i = 0; i < g.gl_pathc; i++) {
		struct jail_conf sub = *conf;
		char err[512];
		/* load into the same conf: the blocks just go on */
		FILE *f = fopen(g.gl_pathv[i], "re");
		if (!f) {
			lex_error(lx, ".include \"%s\": %s", g.gl_pathv[i], strerror(errno));
			globfree(&g);
			return -1;
		}
		char *text = NULL;
		size_t cap = 0;
		ssize_t n = getdelim(&text, &cap, '\0', f);
		fclose(f);
		if (n < 0) {
			free(text);
			text = strdup("");
		}
		struct lexer inner = {.file = g.gl_pathv[i], .p = text, .line = 1, .err = err, .errlen = sizeof(err),
				      .depth = lx->depth + 1};
		rc = text ? parse_text(&inner, &sub) : -1;
		*conf = sub;
		free(text);
		if (rc) {
			snprintf(lx->err, lx->errlen, "%s", text ? err : strerror(ENOMEM));
			globfree(&g);
			return -1;
		}
	}
	globfree(&g);
	return 0;
}

static int add_param(struct lexer *lx, struct conf_block *b, struct conf_param *p)
{
	struct conf_param *ps = realloc(b->params, (b->nparams + 1) * sizeof(*ps));
	if (!ps) {
		lex_error(lx, "%s", strerror(ENOMEM));
		return -1;
	}
	b->params = ps;
	p->file = strdup(lx->file);
	ps[b->nparams++] = *p;
	return 0;
}

static void free_param(struct conf_param *p)
{
	free(p->name);
	for (size_t i = 0; i < p->nvalues; i++)
		free(p->values[i]);
	free(p->values);
	free(p->file);
}

/* After the name (t is the next token): `;`, `= value, ...;`,
 * `+= value, ...;` or `value, ...;` (FreeBSD's grammar lets the `=` out).
 * block: index of the block, -1 outside any. */
static int parse_param(struct lexer *lx, struct jail_conf *conf, long block, char *name, struct token t)
{
	struct conf_param p = {.name = name, .line = t.line};
	if (t.kind == T_EQ || t.kind == T_PLUSEQ || t.kind == T_WORD) {
		p.append = t.kind == T_PLUSEQ;
		if (t.kind != T_WORD)
			t = next(lx);
		for (;;) {
			if (t.kind != T_WORD) {
				syntax_error(lx, &t);
				goto fail;
			}
			char **v = realloc(p.values, (p.nvalues + 1) * sizeof(*v));
			if (!v) {
				free(t.text);
				goto fail;
			}
			p.values = v;
			p.values[p.nvalues++] = t.text;
			t = next(lx);
			if (t.kind != T_COMMA)
				break;
			t = next(lx);
		}
	}
	if (t.kind != T_SEMI) {
		syntax_error(lx, &t);
		free(t.text);
		goto fail;
	}
	if (block < 0)
		block = new_block(conf, "*", true);
	if (block < 0 || add_param(lx, &conf->blocks[block], &p))
		goto fail;
	return 0;
fail:
	free_param(&p);
	return -1;
}

static int parse_text(struct lexer *lx, struct jail_conf *conf)
{
	long block = -1; /* inside `name { ... }`: its index */
	for (;;) {
		struct token t = next(lx);
		if (t.kind == T_ERROR)
			return -1;
		if (t.kind == T_END) {
			if (block >= 0) {
				syntax_error(lx, &t);
				return -1;
			}
			return 0;
		}
		if (t.kind == T_CLOSE && block >= 0) {
			block = -1;
			continue;
		}
		if (t.kind == T_SEMI) /* an empty statement */
			continue;
		if (t.kind != T_WORD) {
			syntax_error(lx, &t);
			return -1;
		}
		char *name = t.text;
		t = next(lx);
		if (strcmp(name, ".include") == 0 && block < 0 && t.kind == T_WORD) {
			char *pattern = t.text;
			t = next(lx);
			int rc = t.kind == T_SEMI ? include(lx, conf, pattern) : -1;
			if (rc && t.kind != T_SEMI)
				syntax_error(lx, &t);
			free(pattern);
			free(name);
			free(t.kind == T_WORD ? t.text : NULL);
			if (rc)
				return -1;
			continue;
		}
		if (t.kind == T_OPEN) {
			if (block >= 0 || name[0] == '$') { /* FreeBSD 14 has no nested blocks */
				syntax_error(lx, &t);
				free(name);
				return -1;
			}
			block = new_block(conf, name, false); /* an empty block is a jail too */
			free(name);
			if (block < 0) {
				lex_error(lx, "%s", strerror(ENOMEM));
				return -1;
			}
			continue;
		}
		if (parse_param(lx, conf, block, name, t))
			return -1;
	}
}

int jail_conf_parse(const char *file, const char *text, struct jail_conf *conf, char *err, size_t errlen)
{
	struct lexer lx = {.file = file, .p = text, .line = 1, .err = err, .errlen = errlen};
	memset(conf, 0, sizeof(*conf));
	if (parse_text(&lx, conf)) {
		jail_conf_free(conf);
		return -1;
	}
	return 0;
}

int jail_conf_load(const char *file, struct jail_conf *conf, char *err, size_t errlen)
{
	FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "re");
	if (!f) {
		snprintf(err, errlen, "%s: %s", file, strerror(errno));
		return -1;
	}
	char *text = NULL;
	size_t cap = 0;
	ssize_t n = getdelim(&text, &cap, '\0', f);
	bool failed = n < 0 && ferror(f);
	int e = errno;
	if (f != stdin)
		fclose(f);
	if (!failed && !text)
		text = strdup(""), e = ENOMEM; /* an empty file */
	if (failed || !text) {
		free(text);
		snprintf(err, errlen, "%s: %s", file, strerror(e));
		return -1;
	}
	int rc = jail_conf_parse(strcmp(file, "-") == 0 ? "stdin" : file, text, conf, err, errlen);
	free(text);
	return rc;
}

void jail_conf_free(struct jail_conf *conf)
{
	for (size_t i = 0; i < conf->nblocks; i++) {
		for (size_t j = 0; j < conf->blocks[i].nparams; j++)
			free_param(&conf->blocks[i].params[j]);
		free(conf->blocks[i].params);
		free(conf->blocks[i].name);
	}
	free(conf->blocks);
	memset(conf, 0, sizeof(*conf));
}

size_t jail_conf_names(const struct jail_conf *conf, const char **names, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < conf->nblocks; i++) {
		const char *name = conf->blocks[i].name;
		if (conf->blocks[i].global || strchr(name, '*'))
			continue;
		bool seen = false;
		for (size_t k = 0; k < n && !seen; k++)
			seen = strcmp(names[k], name) == 0;
		if (!seen && n < max)
			names[n++] = name;
	}
	return n;
}

bool jail_conf_has(const struct jail_conf *conf, const char *name)
{
	for (size_t i = 0; i < conf->nblocks; i++)
		if (!conf->blocks[i].global && strcmp(conf->blocks[i].name, name) == 0)
			return true;
	return false;
}

/* ---- resolution ----------------------------------------------------- */

/* One parameter or variable of the jail being resolved. */
struct resolved {
	char *name;          /* as last written ("nopersist"); "$x" for a variable */
	char **values;       /* the strings belong to conf (or to `owned`) */
	size_t nvalues;
	bool immutable;      /* the implied name / jid */
	bool busy;           /* being substituted (loop detection) */
	bool done;           /* substituted: values are final */
	char **subst;        /* the substituted values (malloc'd) */
	size_t nsubst;
};

struct resolving {
	struct resolved *r;
	size_t n;
	const char *jail;
	char *err;
	size_t errlen;
};

/* The name without a leading '$' and without "no" on its last component:
 * "persist" and "nopersist", "allow.mount" and "allow.nomount" are one
 * parameter (FreeBSD's equalopts). */
static bool same_param(const char *a, const char *b)
{
	if (*a == '$')
		a++;
	if (*b == '$')
		b++;
	if (strcmp(a, b) == 0)
		return true;
	const char *da = strrchr(a, '.'), *db = strrchr(b, '.');
	size_t pa = da ? (size_t)(da - a) + 1 : 0, pb = db ? (size_t)(db - b) + 1 : 0;
	if (pa != pb || strncmp(a, b, pa) != 0)
		return false;
	a += pa;
	b += pb;
	if (strncmp(a, "no", 2) == 0 && strcmp(a + 2, b) == 0)
		return true;
	return strncmp(b, "no", 2) == 0 && strcmp(b + 2, a) == 0;
}

static struct resolved *find(struct resolving *rs, const char *name)
{
	for (size_t i = 0; i < rs->n; i++)
		if (same_param(rs->r[i].name, name))
			return &rs->r[i];
	return NULL;
}

static int fail_msg(struct resolving *rs, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail_msg(struct resolving *rs, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(rs->err, rs->errlen, "%s: %s", rs->jail, msg);
	return -1;
}

/* Adds or updates a parameter with values (no copy); -1 with a message. */
static int apply_values(struct resolving *rs, const char *name, char *const *values, size_t nvalues, bool append)
{
	struct resolved *r = find(rs, name);
	if (!r) {
		struct resolved *nr = realloc(rs->r, (rs->n + 1) * sizeof(*nr));
		if (!nr)
			return -1;
		rs->r = nr;
		r = &nr[rs->n++];
		*r = (struct resolved){.name = (char *)name};
	} else {
		if ((name[0] == '$') != (r->name[0] == '$'))
			return fail_msg(rs, "variable \"$%s\" cannot have the same name as a parameter.",
					name[0] == '$' ? name + 1 : name);
		if (r->immutable)
			return fail_msg(rs, "cannot redefine parameter \"%s\".", r->name);
		r->name = (char *)name;
		if (!append || nvalues == 0) {
			free(r->values);
			r->values = NULL;
			r->nvalues = 0;
		}
	}
	char **v = realloc(r->values, (r->nvalues + nvalues + 1) * sizeof(*v));
	if (!v)
		return -1;
	r->values = v;
	for (size_t i = 0; i < nvalues; i++)
		r->values[r->nvalues++] = values[i];
	return 0;
}

/* Does the block apply to jail: its own, "*", or "foo.*" for foo.bar (and
 * foo.bar.baz)? */
static bool block_applies(const char *block, const char *jail)
{
	if (strcmp(block, jail) == 0 || strcmp(block, "*") == 0)
		return true;
	size_t n = strlen(block);
	return n >= 2 && strcmp(block + n - 2, ".*") == 0 && strncmp(jail, block, n - 1) == 0;
}

static int substitute_param(struct resolving *rs, struct resolved *r, int depth);

/* The values of variable/parameter `name` for substitution into param. */
static struct resolved *lookup_var(struct resolving *rs, const struct resolved *param, const char *name, int depth)
{
	struct resolved *v = NULL;
	for (size_t i = 0; i < rs->n && !v; i++)
		if (strcmp(rs->r[i].name[0] == '$' ? rs->r[i].name + 1 : rs->r[i].name, name) == 0)
			v = &rs->r[i];
	if (!v || v->nvalues == 0) {
		const char *pname = param->name[0] == '$' ? param->name + 1 : param->name;
		fail_msg(rs, "%s: variable \"%s\" not found", pname, name);
		return NULL;
	}
	if (v->busy) {
		fail_msg(rs, "%s: variable loop", name);
		return NULL;
	}
	if (substitute_param(rs, v, depth + 1))
		return NULL;
	return v;
}

/* Substitutes one string of param r into out (a list it appends to). */
static int substitute_string(struct resolving *rs, struct resolved *r, const char *text, char ***out, size_t *nout,
			     int depth)
{
	struct buf b = {0};
	struct resolved *whole = NULL; /* the string is exactly one variable */
	int vars = 0;
	for (const char *p = text; *p; p++) {
		if (*p == LITERAL_DOLLAR) {
			if (buf_put(&b, '$'))
				goto nomem;
			continue;
		}
		char name[256];
		size_t n = 0;
		const char *end = p;
		if (*p == '$' && p[1] == '{') {
			end = strchr(p + 2, '}');
			n = end ? (size_t)(end - p - 2) : 0;
			if (n >= sizeof(name))
				n = 0;
			memcpy(name, p + 2, n);
		} else if (*p == '$') {
			while ((p[1 + n] == '_' || (p[1 + n] >= '0' && p[1 + n] <= '9' && n) ||
				((p[1 + n] | 0x20) >= 'a' && (p[1 + n] | 0x20) <= 'z')) &&
			       n + 1 < sizeof(name)) {
				name[n] = p[1 + n];
				n++;
			}
			end = p + n;
		}
		if (n == 0) {
			if (buf_put(&b, *p))
				goto nomem;
			continue;
		}
		name[n] = '\0';
		struct resolved *v;
		if (strcmp(name, "name") == 0 && !find(rs, "name")) {
			/* a jail known by jid only: its name is the jid */
			for (const char *c = rs->jail; *c; c++)
				if (buf_put(&b, *c))
					goto nomem;
		} else {
			if (!(v = lookup_var(rs, r, name, depth))) {
				free(b.s);
				return -1;
			}
			if (v->nsubst > 1 && p == text && !end[1] && vars == 0) {
				whole = v;
			} else if (v->nsubst > 1) {
				free(b.s);
				return fail_msg(rs, "%s: array cannot be substituted inline",
						r->name[0] == '$' ? r->name + 1 : r->name);
			} else {
				for (const char *c = v->subst[0]; *c; c++)
					if (buf_put(&b, *c))
						goto nomem;
			}
		}
		vars++;
		p = end;
	}
	size_t add = whole ? whole->nsubst : 1;
	char **nv = realloc(*out, (*nout + add + 1) * sizeof(*nv));
	if (!nv)
		goto nomem;
	*out = nv;
	if (whole) {
		free(b.s);
		for (size_t i = 0; i < whole->nsubst; i++)
			if (!(nv[(*nout)++] = strdup(whole->subst[i])))
				return -1;
		return 0;
	}
	if (!b.s && buf_put(&b, 'x') == 0)
		b.s[b.len = 0] = '\0';
	if (!b.s)
		return -1;
	nv[(*nout)++] = b.s;
	return 0;
nomem:
	free(b.s);
	return -1;
}

static int substitute_param(struct resolving *rs, struct resolved *r, int depth)
{
	if (r->done)
		return 0;
	if (depth > 64)
		return fail_msg(rs, "%s: variable loop", r->name);
	r->busy = true;
	for (size_t i = 0; i < r->nvalues; i++)
		if (substitute_string(rs, r, r->values[i], &r->subst, &r->nsubst, depth)) {
			r->busy = false;
			return -1;
		}
	r->busy = false;
	r->done = true;
	return 0;
}

static void resolving_free(struct resolving *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->r[i].values);
		for (size_t k = 0; k < rs->r[i].nsubst; k++)
			free(rs->r[i].subst[k]);
		free(rs->r[i].subst);
	}
	free(rs->r);
}

static bool numeric(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

int jail_conf_resolve(const struct jail_conf *conf, const char *name, struct conf_setting **out, char *err,
		      size_t errlen)
{
	struct resolving rs = {.jail = name, .err = err, .errlen = errlen};
	int count = 0;
	char *implied[] = {(char *)name};
	*out = NULL;
	snprintf(err, errlen, "%s", strerror(ENOMEM));
	/* the block's name implies the jail's name, or its jid if numeric */
	if (apply_values(&rs, numeric(name) ? "jid" : "name", implied, 1, false))
		goto fail;
	rs.r[0].immutable = true;
	for (size_t i = 0; i < conf->nblocks; i++) {
		const struct conf_block *b = &conf->blocks[i];
		if (!block_applies(b->name, name))
			continue;
		for (size_t k = 0; k < b->nparams; k++) {
			const struct conf_param *p = &b->params[k];
			if (apply_values(&rs, p->name, p->values, p->nvalues, p->append))
				goto fail;
		}
	}
	struct conf_setting *s = calloc(rs.n + 1, sizeof(*s));
	if (!s)
		goto fail;
	for (size_t i = 0; i < rs.n; i++) {
		struct resolved *r = &rs.r[i];
		if (r->name[0] == '$')
			continue;
		if (substitute_param(&rs, r, 0)) {
			jail_conf_settings_free(s, count);
			goto fail;
		}
		struct buf b = {0};
		if (r->nsubst) {
			for (size_t k = 0; k < r->nsubst; k++) {
				if (k && buf_put(&b, ','))
					break;
				for (const char *c = r->subst[k]; *c; c++)
					buf_put(&b, *c);
			}
			if (!b.s && buf_put(&b, 'x') == 0)
				b.s[b.len = 0] = '\0';
		}
		s[count].name = strdup(r->name);
		s[count].value = b.s;
		s[count].values = calloc(r->nsubst + 1, sizeof(char *));
		count++;
		bool nomem = !s[count - 1].name || (r->nsubst && !b.s) || !s[count - 1].values;
		for (size_t k = 0; !nomem && k < r->nsubst; k++) {
			s[count - 1].values[k] = strdup(r->subst[k]);
			nomem = !s[count - 1].values[k];
			s[count - 1].nvalues = k + 1;
		}
		if (nomem) {
			snprintf(err, errlen, "%s", strerror(ENOMEM));
			jail_conf_settings_free(s, count);
			goto fail;
		}
	}
	resolving_free(&rs);
	*out = s;
	err[0] = '\0';
	return count;
fail:
	resolving_free(&rs);
	return -1;
}

void jail_conf_settings_free(struct conf_setting *s, int n)
{
	for (int i = 0; s && i < n; i++) {
		free(s[i].name);
		free(s[i].value);
		for (size_t k = 0; k < s[i].nvalues; k++)
			free(s[i].values[k]);
		free(s[i].values);
	}
	free(s);
}
