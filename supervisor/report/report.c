/* SPDX-License-Identifier: BSD-2-Clause */
#include "report.h"

#include <errno.h>
#include <libunwind-ptrace.h>
#include <stdio.h>
#include <string.h>
#include <uthash.h>
#include <unistd.h>

#include "../../policy/jail.h"
#include "../../policy/static_deny.h"
#include "../handlers/handlers.h"
#include "report_args.h"
#include "../engine/tracee.h"

#define MAX_FRAMES 16

/* (process, syscall) pairs already reported */
struct reported {
	struct {
		pid_t tgid;
		enum sc_id id;
	} key;
	UT_hash_handle hh;
};
static struct reported *reported;
static FILE *report_out; /* where reports go; NULL: stderr */

void report_set_output(FILE *f)
{
	report_out = f;
}

static bool first_time(pid_t tgid, enum sc_id id)
{
	struct reported probe, *r;
	memset(&probe, 0, sizeof(probe));
	probe.key.tgid = tgid;
	probe.key.id = id;
	HASH_FIND(hh, reported, &probe.key, sizeof(probe.key), r);
	if (r)
		return false;
	r = calloc(1, sizeof(*r));
	if (!r)
		return true;
	r->key = probe.key;
	HASH_ADD(hh, reported, key, sizeof(r->key), r);
	return true;
}

static void program_name(pid_t pid, char *out, size_t len)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	ssize_t n = readlink(path, out, len - 1);
	if (n < 0) {
		snprintf(out, len, "?");
		return;
	}
	out[n] = '\0';
}

static const char *errno_name(int err)
{
	switch (err) {
	case EPERM:
		return "EPERM";
	case ENOSYS:
		return "ENOSYS";
	case EACCES:
		return "EACCES";
	case EPROTONOSUPPORT:
		return "EPROTONOSUPPORT";
	case EADDRNOTAVAIL:
		return "EADDRNOTAVAIL";
	default:
		return "?";
	}
}

static void backtrace(pid_t tid)
{
	unw_addr_space_t as = unw_create_addr_space(&_UPT_accessors, 0);
	void *ui = as ? _UPT_create(tid) : NULL;
	unw_cursor_t c;
	if (!ui || unw_init_remote(&c, as, ui) < 0) {
		fprintf(report_out ? report_out : stderr, "jail:   (no backtrace)\n");
	} else {
		for (int i = 0; i < MAX_FRAMES; i++) {
			unw_word_t ip = 0, off = 0;
			char name[128];
			unw_get_reg(&c, UNW_REG_IP, &ip);
			if (unw_get_proc_name(&c, name, sizeof(name), &off) == 0)
				fprintf(report_out ? report_out : stderr, "jail:   #%d 0x%llx %s+0x%llx\n", i, (unsigned long long)ip, name,
					(unsigned long long)off);
			else
				fprintf(report_out ? report_out : stderr, "jail:   #%d 0x%llx ?\n", i, (unsigned long long)ip);
			if (unw_step(&c) <= 0)
				break;
		}
	}
	if (ui)
		_UPT_destroy(ui);
	if (as)
		unw_destroy_addr_space(as);
}

void report_denial(const struct syscall_stop *s, const struct static_deny *d)
{
	const struct jail *j = s->t->jail;
	if (!d || !first_time(s->t->tgid, s->id))
		return;
	char prog[256], jid[16];
	if (s->t->exe) /* the jail's name for it */
		snprintf(prog, sizeof(prog), "%s", s->t->exe);
	else
		program_name(s->t->tgid, prog, sizeof(prog));
	snprintf(jid, sizeof(jid), "%d", j->jid);
	bool named = j->name[0] && strcmp(j->name, jid) != 0; /* the default name is the jid */
	char args[512];
	report_format_args(s, args, sizeof(args));
	FILE *f = report_out ? report_out : stderr;
	fprintf(f, "jail: denied in jail %d%s%s: pid %d (%s): %s(%s) -> %s: %s\n", j->jid, named ? " " : "",
		named ? j->name : "", (int)s->t->tid, prog, sc_name(s->id), args, errno_name(d->err), d->reason);
	/* libunwind here unwinds native frames only */
	if (s->abi == abi_supported[0])
		backtrace(s->t->tid);
	else
		fprintf(f, "jail:   (no backtrace for the %s ABI)\n", s->abi->name);
}
