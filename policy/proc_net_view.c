/* SPDX-License-Identifier: BSD-2-Clause */
#include "proc_net_view.h"

#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define RTF_HOST_FLAG 0x0004 /* route.h's RTF_HOST */
#define MAX_LINE 4096
#define MAX_TOKENS 12

const struct proc_net_file proc_net_files[] = {
	{"if_inet6", PROC_NET_IF_INET6, false}, {"tcp", PROC_NET_INET4, true},	  {"tcp6", PROC_NET_INET6, true},
	{"udp", PROC_NET_INET4, false},		{"udp6", PROC_NET_INET6, false},  {"udplite", PROC_NET_INET4, false},
	{"udplite6", PROC_NET_INET6, false},	{"raw", PROC_NET_INET4, false},	  {"raw6", PROC_NET_INET6, false},
	{"unix", PROC_NET_UNIX, false},		{"route", PROC_NET_ROUTE4, false}, {"ipv6_route", PROC_NET_IPV6_ROUTE, false},
	{"fib_trie", PROC_NET_FIB_TRIE, false}, {NULL, PROC_NET_INET4, false},
};

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Exactly w hex digits at s: their value. */
static bool hex_word(const char *s, size_t w, uint32_t *v)
{
	uint32_t x = 0;
	for (size_t i = 0; i < w; i++) {
		int d = hexval(s[i]);
		if (d < 0)
			return false;
		x = x << 4 | (uint32_t)d;
	}
	*v = x;
	return true;
}

/* 32 hex digits at s, one byte after another (%pi6): the address. */
static bool hex_bytes16(const char *s, unsigned char a[16])
{
	for (int i = 0; i < 16; i++) {
		uint32_t b;
		if (!hex_word(s + 2 * i, 2, &b))
			return false;
		a[i] = (unsigned char)b;
	}
	return true;
}

/* The socket files print an address as 32-bit words, each as the host
 * reads the raw bytes (%08X of a __be32): the raw bytes back. */
static bool hex_words(const char *s, size_t words, unsigned char *a)
{
	for (size_t i = 0; i < words; i++) {
		uint32_t w;
		if (!hex_word(s + 8 * i, 8, &w))
			return false;
		memcpy(a + 4 * i, &w, 4);
	}
	return true;
}

static bool is_jail_addr(const struct jail *j, int family, const unsigned char *a)
{
	if (family == AF_INET) {
		for (int i = 0; i < j->ip4_count; i++)
			if (!memcmp(&j->ip4[i], a, 4))
				return true;
	} else {
		for (int i = 0; i < j->ip6_count; i++)
			if (!memcmp(j->ip6[i].s6_addr, a, 16))
				return true;
	}
	return false;
}

static bool owns(const struct proc_net_owned *o, unsigned long inode)
{
	size_t lo = 0, hi = o ? o->count : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (o->inodes[mid] == inode)
			return true;
		if (o->inodes[mid] < inode)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Splits line (NUL-terminated, changed) at blanks: the number of tokens. */
static size_t tokens(char *line, char *tok[MAX_TOKENS])
{
	size_t n = 0;
	char *save = NULL;
	for (char *p = strtok_r(line, " \t", &save); p && n < MAX_TOKENS; p = strtok_r(NULL, " \t", &save))
		tok[n++] = p;
	return n;
}

static bool parse_inode(const char *s, unsigned long *inode)
{
	char *end;
	if (*s < '0' || *s > '9')
		return false;
	*inode = strtoul(s, &end, 10);
	return *end == '\0';
}

/* A socket line of an IPv4 or IPv6 file: sl local remote st tx:rx tr:when
 * retrnsmt uid timeout inode ... */
static bool keep_inet(const struct jail *j, int family, const struct proc_net_owned *owned, char *line)
{
	char *tok[MAX_TOKENS];
	if (tokens(line, tok) < 10)
		return false;
	unsigned long inode;
	if (!parse_inode(tok[9], &inode))
		return false;
	if (inode)
		return owns(owned, inode);
	/* no process holds it: the jail's if its local address is */
	size_t words = family == AF_INET ? 1 : 4;
	unsigned char a[16];
	if (strlen(tok[1]) != 8 * words + 5 || tok[1][8 * words] != ':' || !hex_words(tok[1], words, a))
		return false;
	return is_jail_addr(j, family, a);
}

/* Num RefCount Protocol Flags Type St Inode [Path] */
static bool keep_unix(const struct proc_net_owned *owned, char *line)
{
	char *tok[MAX_TOKENS];
	unsigned long inode;
	return tokens(line, tok) >= 7 && parse_inode(tok[6], &inode) && inode && owns(owned, inode);
}

/* Iface Destination Gateway Flags ...: a host route to the jail's address */
static bool keep_route4(const struct jail *j, char *line)
{
	char *tok[MAX_TOKENS];
	unsigned char dst[4];
	uint32_t flags;
	return tokens(line, tok) >= 4 && strlen(tok[1]) == 8 && hex_words(tok[1], 1, dst) && strlen(tok[3]) == 4 &&
	       hex_word(tok[3], 4, &flags) && (flags & RTF_HOST_FLAG) && is_jail_addr(j, AF_INET, dst);
}

/* dest dest_plen src src_plen next_hop metric refcnt use flags dev: a /128
 * route to the jail's address */
static bool keep_route6(const struct jail *j, char *line)
{
	char *tok[MAX_TOKENS];
	unsigned char dst[16];
	uint32_t plen;
	return tokens(line, tok) >= 2 && strlen(tok[0]) == 32 && hex_bytes16(tok[0], dst) && strlen(tok[1]) == 2 &&
	       hex_word(tok[1], 2, &plen) && plen == 128 && is_jail_addr(j, AF_INET6, dst);
}

/* address ifindex prefixlen scope flags name: the jail address shown in
 * the host address's place (written over line's first 32 digits), or
 * false. */
static bool keep_if_inet6(const struct jail *j, const struct net_host_addr *hosts, size_t n, char *line, char *orig)
{
	char *tok[MAX_TOKENS];
	unsigned char a[16];
	uint32_t ifindex;
	if (tokens(line, tok) < 6 || strlen(tok[0]) != 32 || !hex_bytes16(tok[0], a) || strlen(tok[1]) > 8 ||
	    !hex_word(tok[1], strlen(tok[1]), &ifindex))
		return false;
	const unsigned char *shown = net_view_shown(j, hosts, n, AF_INET6, ifindex, a);
	if (!shown)
		return false;
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < 16; i++) {
		orig[2 * i] = digits[shown[i] >> 4];
		orig[2 * i + 1] = digits[shown[i] & 15];
	}
	return true;
}

static bool has_header(enum proc_net_kind k)
{
	return k == PROC_NET_INET4 || k == PROC_NET_INET6 || k == PROC_NET_UNIX || k == PROC_NET_ROUTE4;
}

/* tcp's "%4d: ...": the count of lines shown in place of the kernel's,
 * in the same width (never wider: the count is at most the kernel's). */
static size_t renumber(const char *line, size_t len, unsigned count, char *out)
{
	const char *colon = memchr(line, ':', len);
	if (!colon)
		return 0;
	size_t width = (size_t)(colon - line);
	char num[32];
	if (width >= sizeof(num))
		return 0; /* not the kernel's "%4d" */
	int w = snprintf(num, sizeof(num), "%*u", (int)width, count);
	if (w < 0 || (size_t)w > width)
		return 0;
	memcpy(out, num, (size_t)w);
	memcpy(out + w, colon, len - width);
	return (size_t)w + len - width;
}

/* fib_trie: a table's name line (no indentation), then the jail's local
 * addresses as leaves, while they fit in room. */
static size_t fib_table(const struct jail *j, const struct net_host_addr *hosts, size_t n, const char *line,
			size_t llen, char *out, size_t room)
{
	if (llen > room)
		return 0;
	memcpy(out, line, llen);
	size_t at = llen;
	for (int i = 0; i < j->ip4_count; i++) {
		if (net_view_place(j, AF_INET, i, hosts, n) < 0)
			continue;
		const unsigned char *a = (const unsigned char *)&j->ip4[i];
		char leaf[96];
		int w = snprintf(leaf, sizeof(leaf), "  |-- %u.%u.%u.%u\n     /32 host LOCAL\n", a[0], a[1], a[2], a[3]);
		if (w <= 0 || (size_t)w > room - at)
			break;
		memcpy(out + at, leaf, (size_t)w);
		at += (size_t)w;
	}
	return at;
}

size_t proc_net_filter(const struct proc_net_file *f, const struct jail *j, const struct net_host_addr *hosts,
		       size_t n, const struct proc_net_owned *owned, const char *in, size_t len, char *out)
{
	size_t at = 0, pos = 0;
	unsigned shown = 0;
	bool first = true;
	char copy[MAX_LINE];
	while (pos < len) {
		const char *nl = memchr(in + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - in) + 1 : len; /* with its newline */
		const char *line = in + pos;
		size_t llen = end - pos;
		pos = end;
		if (first && has_header(f->kind)) {
			first = false;
			memcpy(out + at, line, llen);
			at += llen;
			continue;
		}
		first = false;
		if (f->kind == PROC_NET_FIB_TRIE) {
			/* the room left: what the input has not used yet */
			if (line[0] != ' ' && line[0] != '\n')
				at += fib_table(j, hosts, n, line, llen, out + at, len - at);
			continue;
		}
		if (llen >= MAX_LINE)
			continue; /* not a line of these files: left out */
		memcpy(copy, line, llen);
		copy[llen] = '\0';
		char *text = out + at; /* the line as shown, if it stays */
		memcpy(text, line, llen);
		bool keep = false;
		switch (f->kind) {
		case PROC_NET_IF_INET6:
			keep = keep_if_inet6(j, hosts, n, copy, text);
			break;
		case PROC_NET_INET4:
		case PROC_NET_INET6:
			keep = keep_inet(j, f->kind == PROC_NET_INET4 ? AF_INET : AF_INET6, owned, copy);
			break;
		case PROC_NET_UNIX:
			keep = keep_unix(owned, copy);
			break;
		case PROC_NET_ROUTE4:
			keep = keep_route4(j, copy);
			break;
		case PROC_NET_IPV6_ROUTE:
			keep = keep_route6(j, copy);
			break;
		case PROC_NET_FIB_TRIE: /* above */
		default:
			break;
		}
		if (!keep)
			continue;
		if (f->renumber) {
			memcpy(copy, line, llen);
			size_t w = renumber(copy, llen, shown, text);
			if (!w)
				continue;
			at += w;
		} else {
			at += llen;
		}
		shown++;
	}
	return at;
}
