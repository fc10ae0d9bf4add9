/* SPDX-License-Identifier: BSD-2-Clause */
#include "creds.h"

#include <errno.h>
#include <pthread.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int parse_ids(const char *v, unsigned long out[4])
{
	return sscanf(v, "%lu %lu %lu %lu", &out[0], &out[1], &out[2], &out[3]) == 4 ? 0 : -EIO;
}

int creds_read(pid_t tid, struct proc_creds *c, mode_t *umask_out)
{
	char path[64], line[4096];
	if (tid)
		snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	else
		snprintf(path, sizeof(path), "/proc/thread-self/status");
	FILE *f = fopen(path, "re");
	if (!f)
		return -errno;
	unsigned found = 0;
	memset(c, 0, sizeof(*c));
	while (fgets(line, sizeof(line), f)) {
		char *v = strchr(line, ':');
		if (!v)
			continue;
		*v++ = '\0';
		unsigned long ids[4];
		if (strcmp(line, "Uid") == 0 && parse_ids(v, ids) == 0) {
			c->fsuid = (uid_t)ids[3];
			found |= 1;
		} else if (strcmp(line, "Gid") == 0 && parse_ids(v, ids) == 0) {
			c->fsgid = (gid_t)ids[3];
			found |= 2;
		} else if (strcmp(line, "Groups") == 0) {
			char *p = v, *end;
			c->ngroups = 0;
			for (;;) {
				unsigned long g = strtoul(p, &end, 10);
				if (end == p)
					break;
				if (c->ngroups == CREDS_MAX_GROUPS) {
					c->ngroups = -1;
					break;
				}
				c->groups[c->ngroups++] = (gid_t)g;
				p = end;
			}
			found |= 4;
		} else if (strcmp(line, "CapEff") == 0) {
			c->caps = strtoull(v, NULL, 16);
			found |= 8;
		} else if (strcmp(line, "Umask") == 0 && umask_out) {
			*umask_out = (mode_t)strtoul(v, NULL, 8);
			found |= 16;
		}
	}
	fclose(f);
	unsigned want = umask_out ? 31u : 15u;
	if ((found & want) != want)
		return -EIO;
	return c->ngroups < 0 ? -E2BIG : 0;
}

/* The supervisor's own credentials, read once by a thread that acts as
 * nobody else (creds_global_init); per thread, what it has now. A thread
 * created by a thread that was acting as a tracee inherits the tracee's
 * credentials: creds_thread_init puts the supervisor's back first. */
static struct proc_creds own;
static mode_t own_umask;
static bool privileged;
static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static __thread struct proc_creds now;
static __thread mode_t now_umask;
static __thread bool ready;
/* `now` is exact (see apply) */
static __thread bool now_known;
/* A notification thread may keep a caller's capabilities after a call
 * (creds_release); `kept` says it does. */
static __thread bool may_keep;
static __thread bool kept;

static void global_init(void)
{
	if (creds_read(0, &own, NULL)) {
		fprintf(stderr, "jail: cannot read the supervisor's credentials\n");
		abort();
	}
	own_umask = umask(0);
	umask(own_umask);
	privileged = geteuid() == 0;
}

void creds_global_init(void)
{
	pthread_once(&global_once, global_init);
}

static int apply(const struct proc_creds *c);

void creds_thread_init(void)
{
	creds_global_init();
	if (creds_read(0, &now, NULL)) {
		fprintf(stderr, "jail: cannot read a thread's credentials\n");
		abort();
	}
	umask(own_umask);
	now_umask = own_umask;
	now_known = true;
	ready = true;
	if (memcmp(&now, &own, sizeof(now)) != 0) {
		if (apply(&own)) {
			fprintf(stderr, "jail: cannot take the supervisor's credentials\n");
			abort();
		}
		now = own;
	}
}

static bool same_groups(const struct proc_creds *a, const struct proc_creds *b)
{
	return a->ngroups >= 0 && a->ngroups == b->ngroups &&
	       memcmp(a->groups, b->groups, sizeof(gid_t) * (size_t)a->ngroups) == 0;
}

static bool same(const struct proc_creds *a, const struct proc_creds *b)
{
	return a->fsuid == b->fsuid && a->fsgid == b->fsgid && a->caps == b->caps && same_groups(a, b);
}

static int set_caps(uint64_t eff, uint64_t perm)
{
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
	struct __user_cap_data_struct d[2] = {
		{.effective = (uint32_t)eff, .permitted = (uint32_t)perm},
		{.effective = (uint32_t)(eff >> 32), .permitted = (uint32_t)(perm >> 32)},
	};
	return syscall(SYS_capset, &h, d) < 0 ? -errno : 0;
}

/* Each credential switch costs a prepare_creds/commit_creds in the kernel
 * (about 1.6 µs here, with the LSM hooks), and a notified call switches
 * twice. So apply() changes only what differs from what the thread has
 * (`now`); jailed root acting for the root supervisor differs only in its
 * capabilities: one capset each way instead of seven calls. `now_known`
 * says `now` is exact: any failure clears it, and the next apply() sets
 * everything. */
static int apply(const struct proc_creds *c)
{
	bool known = now_known;
	bool groups = !known || !same_groups(c, &now);
	bool gid = !known || c->fsgid != now.fsgid;
	bool uid = !known || c->fsuid != now.fsuid;
	now_known = false;
	if (groups || gid || uid) {
		/* own rights first (setgroups, setfsuid and setfsgid need them),
		 * then the groups and ids */
		if (set_caps(own.caps, own.caps))
			return -EPERM;
		if (groups && syscall(SYS_setgroups, c->ngroups, c->groups) < 0)
			return -EPERM;
		if (gid)
			syscall(SYS_setfsgid, c->fsgid);
		if (uid)
			syscall(SYS_setfsuid, c->fsuid);
		/* setfsuid/setfsgid report no error: read them back (with -1
		 * they change nothing) */
		if ((uid_t)syscall(SYS_setfsuid, -1) != c->fsuid || (gid_t)syscall(SYS_setfsgid, -1) != c->fsgid)
			return -EPERM;
	}
	/* then the effective capabilities (a setfsuid may have changed them) */
	if (set_caps(c->caps & own.caps, own.caps))
		return -EPERM;
	now_known = true;
	return 0;
}

int creds_enter(const struct proc_creds *c, mode_t mask)
{
	kept = false;
	if (!ready)
		creds_thread_init(); /* the ptrace thread, on first use */
	if (mask != (mode_t)-1 && mask != now_umask) {
		umask(mask);
		now_umask = mask;
	}
	if (now_known && same(c, &now))
		return 0;
	if (!privileged || (c->caps & ~own.caps))
		return -EPERM; /* cannot act as someone else: the call fails */
	int err = apply(c);
	if (err) {
		creds_leave();
		return err;
	}
	now = *c;
	return 0;
}

void creds_leave(void)
{
	kept = false;
	if (now_umask != own_umask) {
		umask(own_umask);
		now_umask = own_umask;
	}
	if (now_known && same(&now, &own))
		return;
	if (apply(&own)) {
		fprintf(stderr, "jail: cannot restore the supervisor's credentials\n");
		abort();
	}
	now = own;
}

void creds_thread_may_keep(void)
{
	may_keep = true;
}

/* What the supervisor's own file-system calls need besides its ids: with
 * these, a kept caller's capabilities reach what its own would, except
 * ptrace access and privileged calls, which take creds_suspend or
 * creds_leave first (memory.c, tracee.c, handle_mount.c). */
#define KEEP_NEEDS ((1ull << CAP_CHOWN) | (1ull << CAP_DAC_OVERRIDE) | (1ull << CAP_DAC_READ_SEARCH) | \
		    (1ull << CAP_FOWNER))

void creds_release(void)
{
	if (may_keep && now_known && now.fsuid == own.fsuid && now.fsgid == own.fsgid && same_groups(&now, &own) &&
	    (now.caps & KEEP_NEEDS) == (own.caps & KEEP_NEEDS)) {
		if (now_umask != own_umask) {
			umask(own_umask);
			now_umask = own_umask;
		}
		kept = !same(&now, &own);
		return;
	}
	creds_leave();
}

bool creds_acting(void)
{
	return ready && (!now_known || !same(&now, &own));
}

void creds_suspend(struct creds_saved *s)
{
	s->acting = ready && !kept && (!now_known || !same(&now, &own) || now_umask != own_umask);
	if (!s->acting) {
		if (kept)
			creds_leave(); /* nothing to take again: the call is done */
		return;
	}
	s->c = now;
	s->umask = now_umask;
	creds_leave();
}

int creds_resume(const struct creds_saved *s)
{
	return s->acting ? creds_enter(&s->c, s->umask) : 0;
}
