/* SPDX-License-Identifier: BSD-2-Clause */
#include "nest_create.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../../policy/cmdline.h"
#include "../manage/control.h"
#include "../manage/registry.h"
#include "jail_one.h"

const char *nest_take_path(int argc, char **argv, char **out)
{
	const char *path = NULL;
	int k = 0;
	bool command = false;
	for (int i = 0; i < argc; i++) {
		if (!command && strncmp(argv[i], "path=", 5) == 0) {
			path = argv[i] + 5;
			continue;
		}
		command |= strncmp(argv[i], "command=", 8) == 0;
		out[k++] = argv[i];
	}
	out[k] = NULL;
	return path;
}

static int fail(int err, const char *what)
{
	if (what)
		fprintf(stderr, "jail: jail_set: %s: %s\n", what, strerror(err));
	else
		fprintf(stderr, "jail: jail_set: %s\n", strerror(err));
	return 1;
}

static int parent_info(struct registry *reg, int scope, struct ctl_info *info)
{
	struct sockaddr_un addr;
	if (registry_sock_addr(reg, scope, &addr))
		return -ENAMETOOLONG;
	int fd = ctl_connect(addr.sun_path, 10);
	if (fd < 0)
		return fd;
	int rc = ctl_send(fd, CTL_INFO, 0);
	if (!rc)
		rc = ctl_recv_info(fd, info);
	close(fd);
	return rc ? rc : info->status;
}

/* The child's root: guest resolved beneath the parent's root (the kernel
 * keeps every component inside it), as an O_PATH descriptor and its host
 * path. 0 or -errno. */
static int resolve_root(const char *root, const char *guest, char *host, size_t size, int *out)
{
	int rfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rfd < 0)
		return -errno;
	struct open_how how = {.flags = O_PATH | O_DIRECTORY | O_CLOEXEC,
			       .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS};
	int fd = guest ? (int)syscall(SYS_openat2, rfd, guest, &how, sizeof(how)) : rfd;
	int err = fd < 0 ? -errno : 0;
	if (guest)
		close(rfd);
	if (err)
		return err;
	char link[64];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, host, size - 1);
	if (n <= 0) {
		close(fd);
		return -EPERM;
	}
	host[n] = '\0';
	size_t rl = strlen(root);
	bool inside = strcmp(root, "/") == 0 ||
		      (strncmp(host, root, rl) == 0 && (host[rl] == '\0' || host[rl] == '/'));
	if (!inside) { /* cannot happen with RESOLVE_IN_ROOT: fail closed */
		close(fd);
		return -EPERM;
	}
	*out = fd;
	return 0;
}

static bool has4(const struct jail *p, const struct in_addr *a)
{
	for (int i = 0; i < p->ip4_count; i++)
		if (p->ip4[i].s_addr == a->s_addr)
			return true;
	return false;
}

static bool has6(const struct jail *p, const struct in6_addr *a)
{
	for (int i = 0; i < p->ip6_count; i++)
		if (memcmp(&p->ip6[i], a, sizeof(*a)) == 0)
			return true;
	return false;
}

/* Addresses: among the parent's, or any when the parent has the host's. */
static bool addresses_allowed(const struct jail *p, const struct jail *c)
{
	enum jail_sys m4 = jail_ip_mode(p, AF_INET), m6 = jail_ip_mode(p, AF_INET6);
	for (int i = 0; i < c->ip4_count; i++)
		if (m4 == JAIL_SYS_DISABLE || (m4 == JAIL_SYS_NEW && !has4(p, &c->ip4[i])))
			return false;
	for (int i = 0; i < c->ip6_count; i++)
		if (m6 == JAIL_SYS_DISABLE || (m6 == JAIL_SYS_NEW && !has6(p, &c->ip6[i])))
			return false;
	return true;
}

/* A child's name: not empty, no dot (it is one level), nothing the
 * registry's entry format or a terminal would take as a separator. */
static bool name_ok(const char *name)
{
	if (!*name)
		return false;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '.' || *p == '/')
			return false;
	return true;
}

/* A host path given for a child made on the host (name=p.x): the path
 * beneath the parent's root it names, in guest (NULL: the parent's root,
 * for "/" or no path). 0, or -EPERM if it lies outside that root. */
static int host_to_guest_path(const char *root, const char *host, char *guest, size_t size, const char **out)
{
	*out = NULL;
	if (!host || strcmp(host, "/") == 0)
		return 0;
	char real[PATH_MAX];
	if (!realpath(host, real))
		return -errno;
	size_t rl = strcmp(root, "/") == 0 ? 0 : strlen(root);
	if (strncmp(real, root, rl) != 0 || (real[rl] != '\0' && real[rl] != '/'))
		return -EPERM;
	snprintf(guest, size, "%s", real[rl] ? real + rl : "/");
	*out = guest;
	return 0;
}

int nest_prepare_create(struct jail_cmdline *cl, int scope, const char *guest_path, bool host_path)
{
	static struct ctl_info info;
	struct registry reg;
	char err[PATH_MAX + 128];
	struct jail *c = &cl->jail;
	const struct jail *p = &info.jail;

	if (registry_open(&reg, err, sizeof(err)))
		return fail(EPERM, NULL);
	if (parent_info(&reg, scope, &info))
		return fail(EPERM, NULL);
	/* children.cur: the parent's children now (the scope's list names
	 * them with parent 0) */
	struct reg_entry *list = NULL;
	int n = registry_lock(&reg) ? -1 : registry_list(&reg, &list);
	registry_unlock(&reg);
	int cur = 0;
	bool exists = false;
	for (int i = 0; i < n; i++) {
		cur += list[i].parent == 0;
		exists |= cl->name_given && strcmp(list[i].name, c->name) == 0;
	}
	free(list);
	if (n < 0 || p->children_max <= 0)
		return fail(EPERM, NULL);
	/* FreeBSD's order (kern_jail.c): a name in use before the limit */
	if (exists) {
		fprintf(stderr, "jail: \"%s\" already exists\n", c->name);
		return 1;
	}
	if (cur >= p->children_max) { /* the kernel's own words (FreeBSD) */
		fprintf(stderr, "jail: prison limit exceeded\n");
		return 1;
	}
	/* a child may be given at most what would remain to its parent */
	if (c->children_max > p->children_max - cur - 1)
		return fail(EPERM, NULL);
	if (!cl->name_given || !name_ok(c->name) || c->jid)
		return fail(EINVAL, NULL);
	if (!addresses_allowed(p, c))
		return fail(EPERM, NULL);
	/* "if|addr": an address on a host interface is the host's to add */
	if (c->ifaddr_count && !host_path)
		return fail(EPERM, NULL);
	/* mount, mount.fstab: a mount would be the host's (jailed root may
	 * not mount, FreeBSD's allow.mount off) */
	if ((cl->mount[0] || cl->mount_fstab) && !host_path)
		return fail(EPERM, "mount");
	char full[JAIL_NAME_MAX];
	if (registry_full_name(&reg, c->name, full, sizeof(full)))
		return fail(ENAMETOOLONG, "name");
	char host[PATH_MAX], given[PATH_MAX];
	int rootfd = -1, rc = 0;
	if (host_path && (rc = host_to_guest_path(p->path, guest_path, given, sizeof(given), &guest_path)) != 0)
		return fail(-rc, "path");
	rc = resolve_root(p->path, guest_path, host, sizeof(host), &rootfd);
	if (rc)
		return fail(-rc, guest_path ? guest_path : "path");
	snprintf(c->path, sizeof(c->path), "%s", host);
	jail_expect_root(rootfd);
	snprintf(c->name, sizeof(c->name), "%s", full);
	c->parent = scope;
	/* never more than the parent: securelevel, statfs, allow.*, SysV */
	if (c->securelevel < p->securelevel)
		c->securelevel = p->securelevel;
	if (c->enforce_statfs < p->enforce_statfs)
		c->enforce_statfs = p->enforce_statfs;
	for (int a = 0; a < JAIL_ALLOW_COUNT; a++)
		c->allow[a] = c->allow[a] && jail_allowed(p, (enum jail_allow)a);
	int *cs[] = {&c->sysvmsg, &c->sysvsem, &c->sysvshm};
	const int ps[] = {p->sysvmsg, p->sysvsem, p->sysvshm};
	for (int i = 0; i < 3; i++)
		if (jail_sysv(p, ps[i]) == JAIL_SYS_DISABLE)
			*cs[i] = JAIL_SYS_DISABLE;
	/* FreeBSD: a new jail's names are its parent's, not the host's */
	if (!c->hostname[0])
		memcpy(c->hostname, p->hostname, sizeof(c->hostname));
	if (!c->domainname[0])
		memcpy(c->domainname, p->domainname, sizeof(c->domainname));
	memcpy(c->osrelease, p->osrelease, sizeof(c->osrelease));
	c->osreldate = p->osreldate;
	if (!c->hostuuid[0])
		memcpy(c->hostuuid, p->hostuuid, sizeof(c->hostuuid));
	if (!c->hostid)
		c->hostid = p->hostid;
	return 0;
}

int nest_prepare_host_child(struct jail_cmdline *cl)
{
	char *dot = strrchr(cl->jail.name, '.');
	if (!dot || cl->jail.parent || registry_scope())
		return 0; /* one level, or made inside a jail already */
	struct registry reg;
	struct reg_entry parent;
	char err[PATH_MAX + 128];
	if (registry_open(&reg, err, sizeof(err))) {
		fprintf(stderr, "jail: %s\n", err);
		return 1;
	}
	*dot = '\0';
	int rc = registry_lock(&reg) ? -EAGAIN : registry_find(&reg, cl->jail.name, &parent);
	registry_unlock(&reg);
	if (rc) { /* the kernel's words (FreeBSD kern_jail.c) */
		fprintf(stderr, "jail: jail \"%s\" not found\n", cl->jail.name);
		return 1;
	}
	memmove(cl->jail.name, dot + 1, strlen(dot + 1) + 1);
	/* checked and named as p would make it, then shown as the host names it */
	registry_set_scope(parent.jid);
	rc = nest_prepare_create(cl, parent.jid, jail_has_root(&cl->jail) ? cl->jail.path : NULL, true);
	registry_set_scope(0);
	return rc;
}

int nest_check_modify(int parent_jid, const struct jail *from, const struct jail *to)
{
	static struct ctl_info info;
	struct registry reg;
	char err[PATH_MAX + 128];
	const struct jail *p = &info.jail;
	if (registry_open(&reg, err, sizeof(err)) || parent_info(&reg, parent_jid, &info))
		return fail(EPERM, NULL);
	/* FreeBSD (kern_jail.c): what a parent sets in its child stays within
	 * its own; a value beyond it is EPERM, never silently lowered */
	bool beyond = (to->securelevel != from->securelevel && to->securelevel < p->securelevel) ||
		      (to->enforce_statfs != from->enforce_statfs && to->enforce_statfs < p->enforce_statfs) ||
		      (to->children_max != from->children_max && to->children_max >= p->children_max);
	for (int a = 0; a < JAIL_ALLOW_COUNT; a++)
		beyond |= to->allow[a] && !from->allow[a] && !jail_allowed(p, (enum jail_allow)a);
	int ts[] = {to->sysvmsg, to->sysvsem, to->sysvshm}, fs[] = {from->sysvmsg, from->sysvsem, from->sysvshm};
	int ps[] = {p->sysvmsg, p->sysvsem, p->sysvshm};
	for (int i = 0; i < 3; i++)
		beyond |= jail_sysv(to, ts[i]) != jail_sysv(from, fs[i]) && jail_sysv(p, ps[i]) == JAIL_SYS_DISABLE &&
			  jail_sysv(to, ts[i]) != JAIL_SYS_DISABLE;
	beyond |= !addresses_allowed(p, to) || to->ifaddr_count != from->ifaddr_count;
	return beyond ? fail(EPERM, NULL) : 0;
}
