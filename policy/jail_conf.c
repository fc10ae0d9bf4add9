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
	int n = snprintf(lx->err, lx->errlen, "%s:%d: ", lx->file, lx->line);
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

/* A word: adjacent unquoted, "double" and 'single' pieces, concatenated. */
static int lex_word(struct lexer *lx, struct token *t)
{
	struct buf b = {0};
	bool any = false;
	for (;;) {
		char c = *lx->p;
		if (c == '"' || c == '\'') {
			char q = c;
			lx->p++;
			while (*lx->p && *lx->p != q) {
				char ch = *lx->p++;
				if (ch == '\n')
					lx->line++;
				if (q == '"' && ch == '\\' && *lx->p) {
					if (*lx->p == '\n') { /* continuation inside a string */
						lx->line++;
						lx->p++;
						continue;
					}
					ch = *lx->p == '$' ? (lx->p++, LITERAL_DOLLAR) : (char)escape(&lx->p);
				} else if (q == '\'' && ch == '$') {
					ch = LITERAL_DOLLAR;
				}
				if (buf_put(&b, ch))
					goto nomem;
			}
			if (*lx->p != q) {
				lex_error(lx, "unterminated string");
				free(b.s);
				return -1;
			}
			lx->p++;
			any = true;
			if (!b.s && buf_put(&b, 'x') == 0) /* "" is an empty word */
				b.s[b.len = 0] = '\0';
		} else if (c == '\\' && lx->p[1] && lx->p[1] != '\n') {
			lx->p++;
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
			lex_error(lx, "syntax error near \"%c\"", c);
		if (rc)
			t.kind = T_ERROR;
	}
	return t;
}

/* ---- parser --------------------------------------------------------- */

static const char *tok_desc(const struct token *t)
{
	static const char *const fixed[] = {
		[T_END] = "end of file", [T_SEMI] = ";", [T_COMMA] = ",", [T_EQ] = "=",
		[T_PLUSEQ] = "+=",       [T_OPEN] = "{", [T_CLOSE] = "}",
	};
	if (t->kind != T_WORD && t->kind != T_ERROR)
		return fixed[t->kind];
	return t->text ? t->text : "?";
}

static struct conf_block *block_for(struct jail_conf *conf, const char *name)
{
	/* statements outside blocks share one block; each named block is its
	 * own, in order (a name may appear twice; both count) */
	if (!name && conf->nblocks && !conf->blocks[0].name)
		return &conf->blocks[0];
	struct conf_block *b = realloc(conf->blocks, (conf->nblocks + 1) * sizeof(*b));
	if (!b)
		return NULL;
	conf->blocks = b;
	if (!name && conf->nblocks) { /* keep the global block first */
		memmove(&b[1], &b[0], conf->nblocks * sizeof(*b));
		conf->nblocks++;
		b[0] = (struct conf_block){0};
		return &b[0];
	}
	b[conf->nblocks] = (struct conf_block){.name = name ? strdup(name) : NULL};
	if (name && !b[conf->nblocks].name)
		return NULL;
	return &b[conf->nblocks++];
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

/* After the name: `;`, or `=`/`+=` and a value list, then `;`. */
static int parse_param(struct lexer *lx, struct jail_conf *conf, const char *block, char *name, struct token t)
{
	struct conf_param p = {.name = name, .line = t.line};
	if (t.kind == T_EQ || t.kind == T_PLUSEQ) {
		p.append = t.kind == T_PLUSEQ;
		for (;;) {
			t = next(lx);
			if (t.kind != T_WORD) {
				if (t.kind != T_ERROR)
					lex_error(lx, "syntax error near \"%s\"", tok_desc(&t));
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
		}
	}
	if (t.kind != T_SEMI) {
		if (t.kind != T_ERROR)
			lex_error(lx, "syntax error near \"%s\"", tok_desc(&t));
		free(t.text);
		goto fail;
	}
	struct conf_block *b = block_for(conf, block);
	if (!b || add_param(lx, b, &p))
		goto fail;
	return 0;
fail:
	free_param(&p);
	return -1;
}

static int parse_text(struct lexer *lx, struct jail_conf *conf)
{
	char *block = NULL; /* inside `name { ... }` */
	int block_line = 0;
	for (;;) {
		struct token t = next(lx);
		if (t.kind == T_ERROR)
			goto fail;
		if (t.kind == T_END) {
			if (block) {
				lx->line = block_line;
				lex_error(lx, "%s: missing \"}\"", block);
				goto fail;
			}
			return 0;
		}
		if (t.kind == T_CLOSE && block) {
			free(block);
			block = NULL;
			continue;
		}
		if (t.kind != T_WORD) {
			lex_error(lx, "syntax error near \"%s\"", tok_desc(&t));
			goto fail;
		}
		char *name = t.text;
		t = next(lx);
		if (strcmp(name, ".include") == 0 && t.kind == T_WORD) {
			char *pattern = t.text;
			t = next(lx);
			int rc = t.kind == T_SEMI ? include(lx, conf, pattern) : -1;
			if (rc && t.kind != T_SEMI && t.kind != T_ERROR)
				lex_error(lx, "syntax error near \"%s\"", tok_desc(&t));
			free(pattern);
			free(name);
			free(t.kind == T_WORD ? t.text : NULL);
			if (rc)
				goto fail;
			continue;
		}
		if (t.kind == T_OPEN) {
			if (block) {
				lex_error(lx, "%s: nested jails are not supported", name);
				free(name);
				goto fail;
			}
			block = name;
			block_line = t.line;
			if (!block_for(conf, NULL)) /* the global block exists first */
				goto fail;
			continue;
		}
		if (parse_param(lx, conf, block, name, t))
			goto fail;
	}
fail:
	free(block);
	return -1;
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
		if (!name || strchr(name, '*'))
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
		if (conf->blocks[i].name && strcmp(conf->blocks[i].name, name) == 0)
			return true;
	return false;
}

/* ---- resolution ----------------------------------------------------- */

struct resolved {
	const struct conf_param *decl; /* the last assignment (for messages) */
	char **values;
	size_t nvalues;
	bool bare;
};

struct resolving {
	struct resolved *r;
	size_t n;
	const char *jail;
	char *err;
	size_t errlen;
};

static struct resolved *find(struct resolving *rs, const char *name)
{
	for (size_t i = 0; i < rs->n; i++)
		if (strcmp(rs->r[i].decl->name, name) == 0)
			return &rs->r[i];
	return NULL;
}

static int apply(struct resolving *rs, const struct conf_param *p)
{
	struct resolved *r = find(rs, p->name);
	if (!r) {
		struct resolved *nr = realloc(rs->r, (rs->n + 1) * sizeof(*nr));
		if (!nr)
			return -1;
		rs->r = nr;
		r = &nr[rs->n++];
		*r = (struct resolved){0};
	} else if (!p->append) {
		free(r->values); /* the strings belong to conf */
		r->values = NULL;
		r->nvalues = 0;
	}
	r->decl = p;
	r->bare = p->nvalues == 0 && !p->append;
	char **v = realloc(r->values, (r->nvalues + p->nvalues + 1) * sizeof(*v));
	if (!v)
		return -1;
	r->values = v;
	for (size_t i = 0; i < p->nvalues; i++)
		r->values[r->nvalues++] = p->values[i];
	return 0;
}

static bool block_applies(const char *block, const char *jail)
{
	if (!block)
		return false;
	if (strcmp(block, "*") == 0)
		return true;
	size_t n = strlen(block);
	if (n >= 2 && strcmp(block + n - 2, ".*") == 0) /* foo.*: foo's children */
		return strncmp(jail, block, n - 1) == 0;
	return false;
}

static int join(struct resolving *rs, const char *name, struct buf *out, int depth);

/* Copies text into out, substituting $name, ${name}; \001 is a literal $. */
static int substitute(struct resolving *rs, const char *text, struct buf *out, int depth)
{
	for (const char *p = text; *p; p++) {
		if (*p == LITERAL_DOLLAR) {
			if (buf_put(out, '$'))
				return -1;
			continue;
		}
		if (*p != '$') {
			if (buf_put(out, *p))
				return -1;
			continue;
		}
		char name[256];
		size_t n = 0;
		if (p[1] == '{') {
			const char *end = strchr(p + 2, '}');
			if (!end || (size_t)(end - p - 2) >= sizeof(name)) {
				snprintf(rs->err, rs->errlen, "%s: bad substitution in \"%s\"", rs->jail, text);
				return -1;
			}
			n = (size_t)(end - p - 2);
			memcpy(name, p + 2, n);
			p = end;
		} else {
			/* unbraced: letters, digits, '_' (a parameter with dots needs ${}) */
			while ((p[1 + n] == '_' || (p[1 + n] >= '0' && p[1 + n] <= '9' && n) ||
				((p[1 + n] | 0x20) >= 'a' && (p[1 + n] | 0x20) <= 'z')) &&
			       n + 1 < sizeof(name)) {
				name[n] = p[1 + n];
				n++;
			}
			p += n;
		}
		name[n] = '\0';
		if (n == 0) {
			if (buf_put(out, '$'))
				return -1;
			continue;
		}
		if (join(rs, name, out, depth + 1))
			return -1;
	}
	return 0;
}

/* The value of param or variable `name` (joined with ","), substituted. */
static int join(struct resolving *rs, const char *name, struct buf *out, int depth)
{
	if (depth > 16) {
		snprintf(rs->err, rs->errlen, "%s: substitution loop at \"%s\"", rs->jail, name);
		return -1;
	}
	if (strcmp(name, "name") == 0 && !find(rs, "name")) {
		for (const char *p = rs->jail; *p; p++)
			if (buf_put(out, *p))
				return -1;
		return 0;
	}
	char var[260];
	snprintf(var, sizeof(var), "$%s", name);
	struct resolved *r = find(rs, var);
	if (!r)
		r = find(rs, name);
	if (!r) {
		snprintf(rs->err, rs->errlen, "%s: unknown variable \"%s\"", rs->jail, name);
		return -1;
	}
	for (size_t i = 0; i < r->nvalues; i++) {
		if (i && buf_put(out, ','))
			return -1;
		if (substitute(rs, r->values[i], out, depth))
			return -1;
	}
	return 0;
}

int jail_conf_resolve(const struct jail_conf *conf, const char *name, struct conf_setting **out, char *err,
		      size_t errlen)
{
	struct resolving rs = {.jail = name, .err = err, .errlen = errlen};
	int count = 0;
	*out = NULL;
	snprintf(err, errlen, "%s", strerror(ENOMEM));
	/* outside blocks, then wildcards, then the jail's own blocks */
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < conf->nblocks; i++) {
			const struct conf_block *b = &conf->blocks[i];
			bool use = pass == 0   ? !b->name
				   : pass == 1 ? block_applies(b->name, name)
					       : b->name && strcmp(b->name, name) == 0;
			for (size_t k = 0; use && k < b->nparams; k++)
				if (apply(&rs, &b->params[k]))
					goto fail;
		}
	struct conf_setting *s = calloc(rs.n + 1, sizeof(*s));
	if (!s)
		goto fail;
	for (size_t i = 0; i < rs.n; i++) {
		const char *pname = rs.r[i].decl->name;
		if (pname[0] == '$')
			continue;
		struct buf b = {0};
		if (!rs.r[i].bare) {
			if (join(&rs, pname, &b, 0)) {
				free(b.s);
				jail_conf_settings_free(s, count);
				goto fail;
			}
			if (!b.s && buf_put(&b, 'x') == 0)
				b.s[b.len = 0] = '\0';
			if (!b.s) {
				jail_conf_settings_free(s, count);
				goto fail;
			}
		}
		s[count].name = strdup(pname);
		s[count].value = b.s;
		if (!s[count].name) {
			free(b.s);
			jail_conf_settings_free(s, count);
			goto fail;
		}
		count++;
	}
	for (size_t i = 0; i < rs.n; i++)
		free(rs.r[i].values);
	free(rs.r);
	*out = s;
	err[0] = '\0';
	return count;
fail:
	for (size_t i = 0; i < rs.n; i++)
		free(rs.r[i].values);
	free(rs.r);
	return -1;
}

void jail_conf_settings_free(struct conf_setting *s, int n)
{
	for (int i = 0; s && i < n; i++) {
		free(s[i].name);
		free(s[i].value);
	}
	free(s);
}
