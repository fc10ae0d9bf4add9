/* SPDX-License-Identifier: BSD-2-Clause */
/* jls(8)'s formats. The default and -v layouts, the param-list modes (-n
 * name=value, -h header, -q quoting, -s jail(8)-ready), "all" sorted with
 * top-level names first, booleans as name/noname with -n and true/false
 * without, an empty list as "-" (or "" with -q) are FreeBSD's. */
#include "jls.h"
#include "jail_params.h"

#include <arpa/inet.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

const char jls_usage[] = "usage: jls [-dhNnqv] [-j jail] [param ...]";

enum ptype { P_INT, P_STRING, P_BOOL, P_JAILSYS, P_IP4, P_IP6, P_PIDS };

enum pkey {
	K_JID, K_NAME, K_PATH, K_PERSIST, K_DYING, K_PARENT, K_HOST, K_IP4, K_IP6,
	K_HOSTNAME, K_DOMAINNAME, K_IP4ADDR, K_IP6ADDR, K_CPUSET, K_NPROC, K_PIDS,
	K_ALLOW, /* + enum jail_allow */
	K_GENERIC = K_ALLOW + JAIL_ALLOW_COUNT, /* + index in jail_params */
};

struct param_def {
	const char *name;
	enum ptype type;
	bool writable; /* printed by -s */
	bool in_all;   /* part of "all" */
	int key;
};

static const struct param_def param_table[] = {
	{"jid", P_INT, true, true, K_JID},
	{"name", P_STRING, true, true, K_NAME},
	{"path", P_STRING, true, true, K_PATH},
	{"persist", P_BOOL, true, true, K_PERSIST},
	{"dying", P_BOOL, false, true, K_DYING},
	{"parent", P_INT, false, true, K_PARENT},
	{"host", P_JAILSYS, true, true, K_HOST},
	{"ip4", P_JAILSYS, true, true, K_IP4},
	{"ip6", P_JAILSYS, true, true, K_IP6},
	{"host.hostname", P_STRING, true, true, K_HOSTNAME},
	{"host.domainname", P_STRING, true, true, K_DOMAINNAME},
	{"ip4.addr", P_IP4, true, true, K_IP4ADDR},
	{"ip6.addr", P_IP6, true, true, K_IP6ADDR},
	{"cpuset.id", P_INT, false, true, K_CPUSET},
	{"nproc", P_INT, false, false, K_NPROC},
	{"pids", P_PIDS, false, false, K_PIDS},
#define X(name, def) {"allow." #name, P_BOOL, true, true, K_ALLOW + JAIL_ALLOW_##name},
	JAIL_ALLOW_LIST(X)
#undef X
};
#define NFIXED ((int)(sizeof(param_table) / sizeof(param_table[0])))

/* The fixed table, then the parameters of jail_params.h that it lacks. */
static struct param_def all_params[NFIXED + 96];
static int NPARAMS;

static void init_params(void)
{
	if (NPARAMS)
		return;
	memcpy(all_params, param_table, sizeof(param_table));
	NPARAMS = NFIXED;
	for (unsigned i = 0; i < jail_param_count && NPARAMS < (int)(sizeof(all_params) / sizeof(all_params[0])); i++) {
		const struct jail_param_def *d = &jail_params[i];
		bool known = false;
		for (int k = 0; k < NFIXED && !known; k++)
			known = strcmp(param_table[k].name, d->name) == 0;
		if (known || d->kind == JPK_NONE)
			continue;
		static const enum ptype types[] = {[JP_BOOL] = P_BOOL, [JP_INT] = P_INT, [JP_STRING] = P_STRING,
						   [JP_JAILSYS] = P_JAILSYS};
		all_params[NPARAMS++] = (struct param_def){d->name, types[d->type], d->kind != JPK_READONLY, d->kernel,
							   K_GENERIC + (int)i};
	}
}
#define param_table all_params

static int param_lookup(const char *name)
{
	for (int i = 0; i < NPARAMS; i++)
		if (strcmp(param_table[i].name, name) == 0)
			return i;
	return -1;
}

/* The text of a parameter of jail_params.h. */
static const char *generic_value(int key, const struct jail *j)
{
	static char buf[JAIL_EXTRA_MAX];
	return jail_param_get(j, &jail_params[key - K_GENERIC], buf, sizeof(buf));
}

/* FreeBSD's sort_param: top-level names first, then by name. */
static int sort_param(const void *a, const void *b)
{
	const char *na = param_table[*(const int *)a].name, *nb = param_table[*(const int *)b].name;
	bool da = strchr(na, '.') != NULL, db = strchr(nb, '.') != NULL;
	if (da != db)
		return da ? 1 : -1;
	return strcmp(na, nb);
}

static int add_param(struct jls_opts *o, int idx)
{
	for (int i = 0; i < o->nparams; i++)
		if (o->params[i] == idx)
			return i;
	if (o->nparams == JLS_MAX_PARAMS)
		return -1;
	o->parent[o->nparams] = -1;
	o->params[o->nparams] = idx;
	return o->nparams++;
}

static void add_all(struct jls_opts *o)
{
	int all[sizeof(all_params) / sizeof(all_params[0])], n = 0;
	for (int i = 0; i < NPARAMS; i++)
		if (param_table[i].in_all)
			all[n++] = i;
	qsort(all, (size_t)n, sizeof(all[0]), sort_param);
	for (int i = 0; i < n; i++)
		add_param(o, all[i]);
}

int jls_parse_args(int argc, char **argv, struct jls_opts *o, char *err, size_t errlen)
{
	int c;
	init_params();
	memset(o, 0, sizeof(*o));
	optind = 0; /* glibc: 0 restarts the scan from scratch */
	opterr = 0;
	while ((c = getopt(argc, argv, "adj:hNnqsv")) != -1) {
		switch (c) {
		case 'a':
		case 'd':
			break; /* dying jails are listed anyway */
		case 'j': {
			char *end;
			unsigned long v = strtoul(optarg, &end, 10);
			if (!v || *end || v > 2147483647UL) {
				o->jid = 0;
				o->jname = optarg;
			} else {
				o->jid = (int)v;
				o->jname = NULL;
			}
			break;
		}
		case 'h':
			o->pflags = (o->pflags & ~(unsigned)(JLS_PRINT_SKIP | JLS_PRINT_VERBOSE)) | JLS_PRINT_HEADER;
			break;
		case 'N':
			o->pflags |= JLS_PRINT_JAIL_NAME;
			break;
		case 'n':
			o->pflags = (o->pflags & ~(unsigned)JLS_PRINT_VERBOSE) | JLS_PRINT_NAMEVAL;
			break;
		case 'q':
			o->pflags |= JLS_PRINT_QUOTED;
			break;
		case 's':
			o->pflags = (o->pflags & ~(unsigned)(JLS_PRINT_HEADER | JLS_PRINT_VERBOSE)) |
				    JLS_PRINT_NAMEVAL | JLS_PRINT_QUOTED | JLS_PRINT_SKIP;
			break;
		case 'v':
			o->pflags = (o->pflags & ~(unsigned)(JLS_PRINT_HEADER | JLS_PRINT_NAMEVAL | JLS_PRINT_SKIP)) |
				    JLS_PRINT_VERBOSE;
			break;
		default:
			snprintf(err, errlen, "%s", jls_usage);
			return -1;
		}
	}
	if (optind == argc) {
		if (o->pflags & (JLS_PRINT_HEADER | JLS_PRINT_NAMEVAL))
			add_all(o);
		else if (!(o->pflags & JLS_PRINT_VERBOSE))
			o->pflags |= JLS_PRINT_DEFAULT;
	} else {
		o->pflags &= ~(unsigned)JLS_PRINT_VERBOSE;
		for (; optind < argc; optind++) {
			if (strcmp(argv[optind], "all") == 0) {
				add_all(o);
				continue;
			}
			int idx = param_lookup(argv[optind]);
			if (idx < 0) {
				snprintf(err, errlen, "unknown parameter: %s", argv[optind]);
				return -1;
			}
			if (add_param(o, idx) < 0) {
				snprintf(err, errlen, "too many parameters");
				return -1;
			}
		}
	}
	if (o->pflags & JLS_PRINT_SKIP) {
		/* parameters under a jailsys parameter (host.*, ip4.*, ip6.*)
		 * are printed only when the parent is "new" */
		int n = o->nparams;
		for (int i = 0; i < n; i++) {
			const char *name = param_table[o->params[i]].name, *dot = strchr(name, '.');
			if (!dot)
				continue;
			char parent[64];
			snprintf(parent, sizeof(parent), "%.*s", (int)(dot - name), name);
			int idx = param_lookup(parent);
			if (idx >= 0 && param_table[idx].type == P_JAILSYS)
				o->parent[i] = idx;
		}
	}
	return 0;
}

bool jls_wants_pids(const struct jls_opts *o)
{
	for (int i = 0; i < o->nparams; i++)
		if (param_table[o->params[i]].key == K_PIDS)
			return true;
	return false;
}

void jls_print_header(FILE *f, const struct jls_opts *o)
{
	if (o->pflags & JLS_PRINT_VERBOSE) {
		fprintf(f, "%3s%s  %s%22s%s\n", "", "JID", "Hostname", "", "Path");
		fprintf(f, "%8s%s%26s%s\n", "", "Name", "", "State");
		fprintf(f, "%8s%s\n", "", "CPUSetID");
		fprintf(f, "%8s%s\n", "", "IP Address(es)");
	} else if (o->pflags & JLS_PRINT_DEFAULT) {
		if (o->pflags & JLS_PRINT_JAIL_NAME)
			fprintf(f, " %-15s %-15s %-29s %s\n", "JID", "IP Address", "Hostname", "Path");
		else
			fprintf(f, "%6s  %s%6s%s%22s%s\n", "JID", "IP Address", "", "Hostname", "", "Path");
	} else if (o->pflags & JLS_PRINT_HEADER) {
		for (int i = 0; i < o->nparams; i++)
			fprintf(f, "%s%s", i ? " " : "", param_table[o->params[i]].name);
		fputc('\n', f);
	}
}

static const char *jailsys_value(int key, const struct jail *j)
{
	if (key == K_IP4)
		return jail_sys_name(jail_ip_mode(j, AF_INET));
	if (key == K_IP6)
		return jail_sys_name(jail_ip_mode(j, AF_INET6));
	if (key >= K_GENERIC)
		return generic_value(key, j);
	return "new"; /* host: the jail has its own names */
}

static bool bool_value(int key, const struct jls_jail *jj)
{
	if (key == K_PERSIST)
		return jj->jail->persist;
	if (key == K_DYING)
		return jj->dying;
	if (key >= K_GENERIC)
		return strcmp(generic_value(key, jj->jail), "true") == 0;
	return jj->jail->allow[key - K_ALLOW];
}

static int int_value(int key, const struct jls_jail *jj)
{
	if (key == K_JID)
		return jj->jail->jid;
	if (key == K_NPROC)
		return jj->nproc;
	if (key == K_PARENT)
		return jj->jail->parent;
	if (key >= K_GENERIC)
		return (int)strtol(generic_value(key, jj->jail), NULL, 10);
	return 0; /* cpuset.id (no cpusets) */
}

static const char *string_value(int key, const struct jls_jail *jj)
{
	if (key == K_NAME)
		return jj->jail->name;
	if (key == K_PATH)
		return jj->jail->path;
	if (key == K_HOSTNAME)
		return jj->jail->hostname;
	if (key >= K_GENERIC)
		return generic_value(key, jj->jail);
	return jj->jail->domainname;
}

/* A list value as FreeBSD's jailparam_export writes it: comma-separated. */
static void list_value(int key, const struct jls_jail *jj, char *buf, size_t size, int *count)
{
	size_t len = 0;
	char one[INET6_ADDRSTRLEN];
	int n = key == K_IP4ADDR ? jj->jail->ip4_count : key == K_IP6ADDR ? jj->jail->ip6_count : jj->npids;

	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (key == K_IP4ADDR)
			inet_ntop(AF_INET, &jj->jail->ip4[i], one, sizeof(one));
		else if (key == K_IP6ADDR)
			inet_ntop(AF_INET6, &jj->jail->ip6[i], one, sizeof(one));
		else
			snprintf(one, sizeof(one), "%d", (int)jj->pids[i]);
		int w = snprintf(buf + len, size - len, "%s%s", i ? "," : "", one);
		if (w < 0 || (size_t)w >= size - len)
			break;
		len += (size_t)w;
	}
	*count = n;
}

static char *noname(const char *name, char *buf, size_t size)
{
	const char *dot = strrchr(name, '.');
	if (dot)
		snprintf(buf, size, "%.*s.no%s", (int)(dot - name), name, dot + 1);
	else
		snprintf(buf, size, "no%s", name);
	return buf;
}

/* FreeBSD's quoted_print: an empty string is always "", other values are
 * quoted (with -q) when they hold quotes or blanks. */
static void quoted_print(FILE *f, unsigned pflags, const char *value)
{
	if (!*value) {
		fputs("\"\"", f);
		return;
	}
	int qc = strchr(value, '\'') ? '"' : strchr(value, '"') ? '\'' :
		 (strchr(value, ' ') || strchr(value, '\t')) ? '"' : 0;
	if (qc && (pflags & JLS_PRINT_QUOTED))
		fputc(qc, f);
	fputs(value, f);
	if (qc && (pflags & JLS_PRINT_QUOTED))
		fputc(qc, f);
}

static void print_params(FILE *f, const struct jls_opts *o, const struct jls_jail *jj)
{
	static char buf[JAIL_MAX_ADDRS * (INET6_ADDRSTRLEN + 1) + 65536 * 12];
	bool spc = false;

	for (int i = 0; i < o->nparams; i++) {
		const struct param_def *p = &param_table[o->params[i]];
		if ((o->pflags & JLS_PRINT_SKIP) &&
		    (!p->writable || (o->parent[i] >= 0 &&
				      strcmp(jailsys_value(param_table[o->parent[i]].key, jj->jail), "new") != 0)))
			continue;
		if (spc)
			fputc(' ', f);
		spc = true;
		if (p->type == P_BOOL) {
			bool v = bool_value(p->key, jj);
			if (o->pflags & JLS_PRINT_NAMEVAL) {
				char nb[80];
				fputs(v ? p->name : noname(p->name, nb, sizeof(nb)), f);
			} else {
				fputs(v ? "true" : "false", f);
			}
			continue;
		}
		if (o->pflags & JLS_PRINT_NAMEVAL)
			fprintf(f, "%s=", p->name);
		if (p->type == P_IP4 || p->type == P_IP6 || p->type == P_PIDS) {
			int count;
			list_value(p->key, jj, buf, sizeof(buf), &count);
			if (count == 0) {
				if (o->pflags & JLS_PRINT_QUOTED)
					fputs("\"\"", f);
				else if (!(o->pflags & JLS_PRINT_NAMEVAL))
					fputc('-', f);
			} else {
				quoted_print(f, o->pflags, buf);
			}
		} else if (p->type == P_INT) {
			fprintf(f, "%d", int_value(p->key, jj));
		} else if (p->type == P_JAILSYS) {
			quoted_print(f, o->pflags, jailsys_value(p->key, jj->jail));
		} else {
			quoted_print(f, o->pflags, string_value(p->key, jj));
		}
	}
	fputc('\n', f);
}

void jls_print_jail(FILE *f, const struct jls_opts *o, const struct jls_jail *jj)
{
	const struct jail *j = jj->jail;
	char ip[INET6_ADDRSTRLEN];

	if (o->pflags & JLS_PRINT_VERBOSE) {
		fprintf(f, "%6d  %-29.29s %.74s\n", j->jid, j->hostname, j->path);
		fprintf(f, "        %-29.29s %.74s\n", j->name, jj->dying ? "DYING" : "ACTIVE");
		fprintf(f, "        %d\n", 0);
		for (int i = 0; i < j->ip4_count; i++)
			fprintf(f, "        %s\n", inet_ntop(AF_INET, &j->ip4[i], ip, sizeof(ip)));
		for (int i = 0; i < j->ip6_count; i++)
			fprintf(f, "        %s\n", inet_ntop(AF_INET6, &j->ip6[i], ip, sizeof(ip)));
	} else if (o->pflags & JLS_PRINT_DEFAULT) {
		if (o->pflags & JLS_PRINT_JAIL_NAME)
			fprintf(f, " %-15s ", j->name);
		else
			fprintf(f, "%6d  ", j->jid);
		ip[0] = '\0';
		if (j->ip4_count)
			inet_ntop(AF_INET, &j->ip4[0], ip, sizeof(ip));
		fprintf(f, "%-15.15s %-29.29s %.74s\n", ip, j->hostname, j->path);
	} else {
		print_params(f, o, jj);
	}
}

void jls_fields(const struct jls_opts *o, const struct jls_jail *jj, jls_field_fn fn, void *ctx)
{
	static char buf[JAIL_MAX_ADDRS * (INET6_ADDRSTRLEN + 1) + 65536 * 12];
	const struct jail *j = jj->jail;
	char num[32], ip[INET6_ADDRSTRLEN];
	int count;

	snprintf(num, sizeof(num), "%d", j->jid);
	if (o->pflags & (JLS_PRINT_VERBOSE | JLS_PRINT_DEFAULT)) {
		fn(ctx, "jid", JLS_F_INT, num);
		if (o->pflags & JLS_PRINT_DEFAULT) {
			ip[0] = '\0';
			if (j->ip4_count)
				inet_ntop(AF_INET, &j->ip4[0], ip, sizeof(ip));
			fn(ctx, "ipv4", JLS_F_STRING, ip);
		}
		fn(ctx, "hostname", JLS_F_STRING, j->hostname);
		fn(ctx, "path", JLS_F_STRING, j->path);
		if (o->pflags & JLS_PRINT_VERBOSE) {
			fn(ctx, "name", JLS_F_STRING, j->name);
			fn(ctx, "state", JLS_F_STRING, jj->dying ? "DYING" : "ACTIVE");
			fn(ctx, "cpusetid", JLS_F_INT, "0");
			list_value(K_IP4ADDR, jj, buf, sizeof(buf), &count);
			fn(ctx, "ipv4_addrs", JLS_F_LIST, buf);
			list_value(K_IP6ADDR, jj, buf, sizeof(buf), &count);
			fn(ctx, "ipv6_addrs", JLS_F_LIST, buf);
		}
		return;
	}
	for (int i = 0; i < o->nparams; i++) {
		const struct param_def *p = &param_table[o->params[i]];
		if ((o->pflags & JLS_PRINT_SKIP) &&
		    (!p->writable || (o->parent[i] >= 0 &&
				      strcmp(jailsys_value(param_table[o->parent[i]].key, jj->jail), "new") != 0)))
			continue;
		if (p->type == P_BOOL) {
			fn(ctx, p->name, JLS_F_BOOL, bool_value(p->key, jj) ? "true" : "false");
		} else if (p->type == P_IP4 || p->type == P_IP6 || p->type == P_PIDS) {
			list_value(p->key, jj, buf, sizeof(buf), &count);
			fn(ctx, p->name, JLS_F_LIST, buf);
		} else if (p->type == P_INT) {
			snprintf(num, sizeof(num), "%d", int_value(p->key, jj));
			fn(ctx, p->name, JLS_F_INT, num);
		} else if (p->type == P_JAILSYS) {
			fn(ctx, p->name, JLS_F_STRING, jailsys_value(p->key, jj->jail));
		} else {
			fn(ctx, p->name, JLS_F_STRING, string_value(p->key, jj));
		}
	}
}

void jls_not_found(const struct jls_opts *o, char *err, size_t errlen)
{
	if (o->jname)
		snprintf(err, errlen, "jail \"%s\" not found", o->jname);
	else
		snprintf(err, errlen, "jail %d not found", o->jid);
}
