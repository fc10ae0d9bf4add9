/* SPDX-License-Identifier: BSD-2-Clause */
/* The generated seccomp filters, run in a small classic-BPF interpreter on
 * made-up syscalls of every ABI: what the kernel would decide, including
 * for ABIs a machine may not execute (i386). Actions of stacked filters
 * combine by the kernel's precedence. */
#include <check.h>
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../arch/abi.h"
#include "../../policy/jail.h"
#include "../../policy/net.h"
#include "../../policy/static_deny.h"
#include "../../supervisor/confine/filter.h"
#include "../../supervisor/handlers/handlers.h"
#include "run_suite.h"

struct prog {
	struct sock_filter insn[4096];
	size_t len;
};

/* Runs p on d; the interpreter knows the instructions libseccomp emits. */
static uint32_t run(const struct prog *p, const struct seccomp_data *d)
{
	uint32_t a = 0, x = 0, mem[BPF_MEMWORDS] = {0};
	for (size_t pc = 0; pc < p->len; pc++) {
		const struct sock_filter *f = &p->insn[pc];
		switch (f->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			ck_assert(f->k + 4 <= sizeof(*d));
			memcpy(&a, (const char *)d + f->k, 4);
			break;
		case BPF_LD | BPF_IMM:
			a = f->k;
			break;
		case BPF_LDX | BPF_IMM:
			x = f->k;
			break;
		case BPF_LD | BPF_MEM:
			a = mem[f->k];
			break;
		case BPF_LDX | BPF_MEM:
			x = mem[f->k];
			break;
		case BPF_ST:
			mem[f->k] = a;
			break;
		case BPF_STX:
			mem[f->k] = x;
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			a &= f->k;
			break;
		case BPF_ALU | BPF_OR | BPF_K:
			a |= f->k;
			break;
		case BPF_MISC | BPF_TAX:
			x = a;
			break;
		case BPF_MISC | BPF_TXA:
			a = x;
			break;
		case BPF_JMP | BPF_JA:
			pc += f->k;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
			pc += a == f->k ? f->jt : f->jf;
			break;
		case BPF_JMP | BPF_JGT | BPF_K:
			pc += a > f->k ? f->jt : f->jf;
			break;
		case BPF_JMP | BPF_JGE | BPF_K:
			pc += a >= f->k ? f->jt : f->jf;
			break;
		case BPF_JMP | BPF_JSET | BPF_K:
			pc += (a & f->k) ? f->jt : f->jf;
			break;
		case BPF_RET | BPF_K:
			return f->k;
		default:
			ck_abort_msg("BPF opcode %#x not interpreted", f->code);
		}
	}
	ck_abort_msg("filter fell off its end");
	return 0;
}

static struct prog progs[FILTER_MAX];
static int nprogs;
static bool trace_denials; /* build the filters of jail -v */

static void build(const struct jail *j)
{
	struct filter_set f;
	ck_assert_int_eq(filter_build(&f, j, false, trace_denials), 0);
	ck_assert_int_eq(filter_export(&f), 0);
	for (int i = 0; i < f.progs.count; i++) {
		memcpy(progs[i].insn, f.progs.prog[i], f.progs.len[i] * sizeof(progs[i].insn[0]));
		progs[i].len = f.progs.len[i];
	}
	nprogs = f.progs.count;
	filter_free(&f);
}

/* The kernel's decision over all filters: the lowest action value, as s32;
 * among equal actions the most recently loaded filter's (the kernel runs
 * them newest first and keeps a result only if strictly lower). */
static uint32_t decide_args(uint32_t arch, int nr, const uint64_t args[6])
{
	struct seccomp_data d = {.nr = nr, .arch = arch};
	memcpy(d.args, args, sizeof(d.args));
	uint32_t best = SECCOMP_RET_ALLOW;
	for (int i = nprogs - 1; i >= 0; i--) {
		uint32_t r = run(&progs[i], &d);
		if ((int32_t)(r & SECCOMP_RET_ACTION_FULL) < (int32_t)(best & SECCOMP_RET_ACTION_FULL))
			best = r;
	}
	return best;
}

static uint32_t decide(uint32_t arch, int nr, uint64_t a0, uint64_t a1)
{
	const uint64_t args[6] = {a0, a1};
	return decide_args(arch, nr, args);
}

static int nr_of(const struct abi *abi, const char *name)
{
	return abi_nr(abi, sc_lookup(name));
}

START_TEST(same_policy_on_every_abi)
{
	struct jail j;
	jail_init(&j);
	build(&j);
	for (int i = 0; abi_supported[i]; i++) {
		const struct abi *abi = abi_supported[i];
		uint32_t arch = abi->audit_arch;
		/* untrapped calls run */
		ck_assert_uint_eq(decide(arch, nr_of(abi, "getpid"), 0, 0), SECCOMP_RET_ALLOW);
		/* handled calls stop, tagged with their id */
		ck_assert_uint_eq(decide(arch, nr_of(abi, "uname"), 0, 0), SECCOMP_RET_TRACE | SC_uname);
		ck_assert_uint_eq(decide(arch, nr_of(abi, "sethostname"), 0, 0),
				  SECCOMP_RET_TRACE | SC_sethostname);
		/* register-only denials */
		ck_assert_uint_eq(decide(arch, nr_of(abi, "clone"), CLONE_UNTRACED | 17, 0), SECCOMP_RET_ERRNO | EPERM);
		ck_assert_uint_eq(decide(arch, nr_of(abi, "clone"), 17, 0), SECCOMP_RET_ALLOW);
		ck_assert_uint_eq(decide(arch, nr_of(abi, "clone3"), 0, 0), SECCOMP_RET_ERRNO | ENOSYS);
		ck_assert_uint_eq(decide(arch, nr_of(abi, "seccomp"), 1, SECCOMP_FILTER_FLAG_NEW_LISTENER),
				  SECCOMP_RET_ERRNO | EPERM);
		ck_assert_uint_eq(decide(arch, nr_of(abi, "seccomp"), 1, 0), SECCOMP_RET_ALLOW);
		ck_assert_uint_eq(decide(arch, nr_of(abi, "io_uring_setup"), 0, 0), SECCOMP_RET_ERRNO | EPERM);
		/* numbers no call has: not executed */
		ck_assert_uint_eq(decide(arch, 1000, 0, 0), SECCOMP_RET_ERRNO | ENOSYS);
	}
}
END_TEST

START_TEST(other_abis_kill_the_process)
{
	struct jail j;
	jail_init(&j);
	build(&j);
#ifdef __x86_64__
	/* x32: x86_64's audit arch with bit 30 in the number */
	ck_assert_uint_eq(decide(AUDIT_ARCH_X86_64, 0x40000000 | 39, 0, 0), SECCOMP_RET_KILL_PROCESS);
#endif
	ck_assert_uint_eq(decide(AUDIT_ARCH_ARMEB, 20, 0, 0), SECCOMP_RET_KILL_PROCESS);
}
END_TEST

START_TEST(unsealed_abis_guard_the_scratch_area)
{
	struct jail j;
	jail_init(&j);
	build(&j);
	/* a kernel before 6.10 has no mseal (or a container's filter refuses
	 * it): every ABI guards the area */
	bool kernel_seals = abi_kernel_has_mseal();
	for (int i = 0; abi_supported[i]; i++) {
		const struct abi *abi = abi_supported[i];
		uint32_t got = decide(abi->audit_arch, nr_of(abi, "munmap"), 0, 0);
		uint32_t seal = decide(abi->audit_arch, nr_of(abi, "mseal"), 0, 0);
		/* an ABI whose filter lets mseal through does not trap munmap; one
		 * that cannot (mseal gives ENOSYS) traps it */
		if (seal == SECCOMP_RET_ALLOW && kernel_seals)
			ck_assert_uint_eq(got, SECCOMP_RET_ALLOW);
		else
			ck_assert_uint_eq(got, SECCOMP_RET_TRACE | SC_munmap);
	}
}
END_TEST

START_TEST(every_abi_covers_calls_newer_than_libseccomp)
{
	struct jail j;
	jail_init(&j);
	build(&j);
	/* mseal (462) is unknown to libseccomp 2.5.4 but in our table, on
	 * every ABI: the filter goes by our numbers */
	for (int i = 0; abi_supported[i]; i++)
		ck_assert_uint_eq(decide(abi_supported[i]->audit_arch, nr_of(abi_supported[i], "mseal"), 0, 0),
				  SECCOMP_RET_ALLOW);
}
END_TEST

/* A value for argument arg of a call that probes its rules' conditions on
 * it: each compared value, its neighbours, its words swapped or repeated,
 * junk in the high word; else a random value or 0. */
static uint64_t probe_value(const struct plan_call *c, unsigned arg, unsigned seed)
{
	uint64_t v = (seed + 1) * 0x9e3779b97f4a7c15ull;
	const struct deny_cond *k = NULL;
	for (unsigned i = 0, n = 0; c && i < c->count; i++)
		for (unsigned j = 0; j < c->rules[i].ncond; j++)
			if (c->rules[i].cond[j].arg == arg && n++ % 2 == 0)
				k = &c->rules[i].cond[j]; /* one of them, by the seed below */
	if (!k || seed % 9 == 8)
		return seed % 3 ? v : 0;
	uint64_t base = k->value | (v & ~k->mask);
	switch (seed % 8) {
	case 0: return k->value;
	case 1: return base;
	case 2: return k->value ^ (1ull << (seed % 64));
	case 3: return (uint32_t)k->value | (v << 32);
	case 4: return (k->value << 32) | (k->value >> 32); /* the words swapped */
	case 5: return (k->value << 32) | (uint32_t)k->value;
	case 6: return base ^ (1ull << ((seed / 8) % 64));
	default: return ~k->value;
	}
}

static void program_follows(const struct filter_plan *p, const struct prog *prog)
{
	unsigned seed = 1;
	for (unsigned ai = 0; ai <= p->nabi; ai++) {
		const struct plan_abi *a = ai < p->nabi ? &p->abi[ai] : NULL;
		uint32_t arch = a ? a->audit_arch : AUDIT_ARCH_ARMEB;
		unsigned top = a ? a->ncalls + 3 : 3;
		for (unsigned nr = 0; nr < top + 4; nr++) {
			uint32_t n = nr < top ? nr : (uint32_t[]){0x40000000u, 0x40000001u, 0x7fffffffu, 0xffffffffu}[nr - top];
			const struct plan_call *c = a && n < a->ncalls ? &a->calls[n] : NULL;
			int tries = c && c->count > 1 ? 400 : 8;
			for (int k = 0; k < tries; k++) {
				struct seccomp_data d = {.nr = (int)n, .arch = arch};
				for (unsigned i = 0; i < 6; i++)
					d.args[i] = k ? probe_value(c, i, seed++ * 7 + i) : 0;
				uint32_t want = plan_decide(p, &d), got = run(prog, &d);
				if (want != got)
					ck_abort_msg("arch %#x nr %u args %#llx %#llx %#llx: the program says %#x, the plan %#x",
						     arch, n, (unsigned long long)d.args[0], (unsigned long long)d.args[1],
						     (unsigned long long)d.args[2], got, want);
			}
		}
	}
}

/* The program decides as its plan says, for the jail's plans. */
START_TEST(program_follows_the_plan)
{
	for (int cfg = 0; cfg < 3; cfg++) {
		struct jail j;
		jail_init(&j);
		for (int a = 0; cfg == 2 && a < JAIL_ALLOW_COUNT; a++)
			j.allow[a] = true;
		struct filter_set f;
		ck_assert_int_eq(filter_build(&f, &j, false, cfg == 1), 0);
		ck_assert_int_eq(filter_export(&f), 0);
		struct prog *prog = calloc(1, sizeof(*prog));
		memcpy(prog->insn, f.progs.prog[0], f.progs.len[0] * sizeof(prog->insn[0]));
		prog->len = f.progs.len[0];
		program_follows(&f.plan, prog);
		free(prog);
		filter_free(&f);
	}
}
END_TEST

/* A made-up plan that takes every branch of the generator: 64- and 32-bit
 * arguments, NE on either word, masks on the high word, conditions that
 * cannot hold, precedence over the order rules were added in, and enough
 * distinct numbers that the search needs long jumps. */
START_TEST(generator_edge_cases)
{
	struct filter_plan p = {.unknown = ACT_ERRNO(ENOSYS), .other_arch = ACT_KILL_PROCESS};
	ck_assert_int_eq(plan_add_abi(&p, AUDIT_ARCH_X86_64, false, 0x40000000, 1200), 0);
	ck_assert_int_eq(plan_add_abi(&p, AUDIT_ARCH_I386, true, 0, 700), 1);
	for (unsigned ai = 0; ai < 2; ai++) {
		for (unsigned nr = 0; nr < p.abi[ai].ncalls; nr += 1 + nr % 3) {
			/* many runs: alternate actions */
			ck_assert_int_eq(plan_add_rule(&p, ai, nr, nr % 2 ? ACT_ALLOW : ACT_TRACE(nr), 0, NULL), 0);
		}
		struct deny_cond ne_high = DC_NE(1, 0x500000007ull), hi_mask = DC_MASKED(2, 0xff00000000ull, 0x4200000000ull),
				 never = DC_MASKED(3, 0xff, 0x100), low = DC_EQ32(0, 7), big_ne = DC_NE(4, 0x100000000ull);
		struct deny_cond two[2] = {low, ne_high};
		ck_assert_int_eq(plan_add_rule(&p, ai, 5, ACT_TRACE(1), 1, &ne_high), 0);
		ck_assert_int_eq(plan_add_rule(&p, ai, 5, ACT_ERRNO(EPERM), 2, two), 0);
		ck_assert_int_eq(plan_add_rule(&p, ai, 5, ACT_NOTIFY, 1, &hi_mask), 0);
		ck_assert_int_eq(plan_add_rule(&p, ai, 6, ACT_ERRNO(EACCES), 1, &never), 0);
		ck_assert_int_eq(plan_add_rule(&p, ai, 6, ACT_TRACE(6), 1, &big_ne), 0);
		ck_assert_int_eq(plan_add_rule(&p, ai, 7, ACT_ERRNO(EPERM), 1, &low), 0);
		ck_assert_int_eq(plan_add_rule(&p, ai, 7, ACT_ERRNO(EACCES), 1, &low), 0); /* the first of equals wins */
		ck_assert_int_eq(plan_add_rule(&p, ai, 7, ACT_KILL_PROCESS, 2, two), 0);
		ck_assert_int_eq(plan_add_rule(&p, ai, 400, ACT_TRACE(2), 1, &low), 0); /* beside an ALLOW */
	}
	ck_assert_int_eq(plan_add_rule(&p, 0, 1200, ACT_ALLOW, 0, NULL), -EDOM);
	struct sock_filter *insn;
	unsigned short len;
	ck_assert_int_eq(plan_bpf(&p, &insn, &len), 0);
	struct prog *prog = calloc(1, sizeof(*prog));
	memcpy(prog->insn, insn, len * sizeof(*insn));
	prog->len = len;
	free(insn);
	program_follows(&p, prog);
	/* a few by hand */
	struct seccomp_data d = {.arch = AUDIT_ARCH_X86_64, .nr = 7, .args = {7, 0x500000007ull}};
	ck_assert_uint_eq(run(prog, &d), SECCOMP_RET_ERRNO | EPERM); /* NE fails: the first ERRNO */
	d.args[1] = 7; /* only the high word differs: NE holds */
	ck_assert_uint_eq(run(prog, &d), ACT_KILL_PROCESS);
	d.args[0] = 0xffffffff00000007ull; /* junk above an int: still 7 */
	ck_assert_uint_eq(run(prog, &d), ACT_KILL_PROCESS);
	d.args[0] = 8; /* no condition holds: the call's own ALLOW */
	ck_assert_uint_eq(run(prog, &d), ACT_ALLOW);
	d.arch = AUDIT_ARCH_I386; /* a 32-bit argument is never 0x500000007 */
	d.args[0] = 7;
	d.args[1] = 0x500000007ull;
	ck_assert_uint_eq(run(prog, &d), ACT_KILL_PROCESS);
	d.arch = AUDIT_ARCH_X86_64;
	d.nr = 5;
	d.args[1] = 1;
	ck_assert_uint_eq(run(prog, &d), SECCOMP_RET_ERRNO | EPERM);
	d.args[0] = 0;
	d.args[2] = 0x4212345678ull;
	ck_assert_uint_eq(run(prog, &d), ACT_NOTIFY);
	d.nr = 0x40000000 | 5;
	ck_assert_uint_eq(run(prog, &d), ACT_KILL_PROCESS);
	free(prog);
	plan_free(&p);
}
END_TEST

/* The whole program is the filter: one, whatever the jail. */
START_TEST(one_filter_per_jail)
{
	struct jail j;
	jail_init(&j);
	build(&j);
	ck_assert_int_eq(nprogs, 1);
	trace_denials = true;
	build(&j);
	trace_denials = false;
	ck_assert_int_eq(nprogs, 1);
}
END_TEST


/* Does the kernel filter of this ABI know the call at all? */
static bool known_on(const struct abi *abi, enum sc_id id)
{
	return abi_nr(abi, id) >= 0;
}

/* Arguments that satisfy every condition of row d. */
static void matching_args(const struct static_deny *d, uint64_t args[6])
{
	memset(args, 0, 6 * sizeof(args[0]));
	for (int i = 0; i < DENY_MAX_CONDS; i++) {
		const struct deny_cond *c = &d->cond[i];
		if (c->cmp == DENY_CMP_MASKED_EQ)
			args[c->arg] = (args[c->arg] & ~c->mask) | c->value;
		else if (c->cmp == DENY_CMP_NE)
			args[c->arg] = c->value + 1;
	}
}

static const char *row_name(const struct static_deny *d)
{
	static char buf[128];
	snprintf(buf, sizeof(buf), "%s (%s) a%u=%#llx", sc_info[d->id].name, d->reason, d->cond[0].arg,
		 (unsigned long long)d->cond[0].value);
	return buf;
}

/* Every row, on every ABI it covers: the caller gets the row's errno (or
 * ENOSYS where the filter cannot name the call: not run either). */
START_TEST(every_row_denies_on_every_abi)
{
	struct jail j;
	jail_init(&j);
	build(&j);
	unsigned checked[8] = {0};
	for (const struct static_deny *d = NULL; (d = static_deny_next(d));) {
		if (!static_deny_applies(d, &j))
			continue;
		for (int i = 0; abi_supported[i] && i < 8; i++) {
			const struct abi *abi = abi_supported[i];
			if (!static_deny_on_abi(d, abi->table) || abi_nr(abi, d->id) < 0)
				continue;
			uint64_t args[6];
			matching_args(d, args);
			uint32_t want = SECCOMP_RET_ERRNO | (uint32_t)(known_on(abi, d->id) ? d->err : ENOSYS);
			uint32_t got = decide_args(abi->audit_arch, abi_nr(abi, d->id), args);
			ck_assert_msg(got == want, "%s on %s: got %#x, want %#x", row_name(d), abi->name, got, want);
			checked[i]++;
		}
	}
	/* each ABI (aarch64 alone has no legacy calls: about 150 rows) */
	for (int i = 0; abi_supported[i] && i < 8; i++)
		ck_assert_msg(checked[i] > 100, "%s: only %u rows checked", abi_supported[i]->name, checked[i]);
}
END_TEST

/* The allow.* flag of a row lifts it: the call runs (or stops for its
 * handler, at a ptrace stop or from user notification) on every ABI. */
START_TEST(allow_flags_lift_their_rows)
{
	for (int flag = 0; flag < JAIL_ALLOW_COUNT; flag++) {
		struct jail j;
		jail_init(&j);
		j.allow[flag] = true;
		build(&j);
		for (const struct static_deny *d = NULL; (d = static_deny_next(d));) {
			if (d->allow != flag)
				continue;
			for (int i = 0; abi_supported[i]; i++) {
				const struct abi *abi = abi_supported[i];
				if (!known_on(abi, d->id))
					continue;
				uint64_t args[6];
				matching_args(d, args);
				uint32_t got = decide_args(abi->audit_arch, abi_nr(abi, d->id), args);
				ck_assert_msg(got == SECCOMP_RET_ALLOW || (got & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_TRACE ||
						      got == SECCOMP_RET_USER_NOTIF,
					      "%s on %s with allow.%s: got %#x", row_name(d), abi->name,
					      jail_allow_name((enum jail_allow)flag), got);
			}
		}
	}
}
END_TEST

/* Rows that hold only under some arguments let the other calls through. */
START_TEST(conditional_rows_spare_other_arguments)
{
	struct jail j;
	jail_init(&j);
	build(&j);
	static const struct {
		const char *name;
		uint64_t a[6];
	} ok[] = {
		{"mknod", {0, S_IFIFO | 0600, 0}},
		{"mknod", {0, S_IFSOCK | 0600, 0}},
		{"mknod", {0, S_IFREG | 0600, 0}},
		{"mknodat", {(uint64_t)-100, 0, S_IFIFO | 0600, 0}},
		{"ioctl", {1, 0x5401 /* TCGETS */}},
		{"ioctl", {3, 0x8913 /* SIOCGIFFLAGS */}},
		{"ioctl", {3, 0x8902 /* SIOCSPGRP: owner of a socket, not network configuration */}},
		{"clone", {17 /* SIGCHLD */}},
		{"clone", {0x3d0f00 /* pthread_create's flags */}},
		{"unshare", {0x200 /* CLONE_FILES */}},
		{"syslog", {0}},
		{"syslog", {1}},
		{"setpriority", {0, 0, 5}},
		{"sched_setscheduler", {0, 0 /* SCHED_OTHER */}},
		{"sched_setscheduler", {0, 3 /* SCHED_BATCH */}},
		{"sched_setscheduler", {0, 5 /* SCHED_IDLE */}},
		{"ioprio_set", {1, 0, (2 << 13) | 4 /* best effort */}},
		{"keyctl", {0 /* GET_KEYRING_ID */, (uint64_t)-3 /* session */}},
		{"keyctl", {1 /* JOIN_SESSION_KEYRING */, 0 /* anonymous */}},
		{"add_key", {0, 0, 0, 0, (uint64_t)-3}},
		{"request_key", {0, 0, 0, (uint64_t)-2}},
		{"mmap", {0, 4096, 3, 0x22 /* MAP_PRIVATE|MAP_ANONYMOUS */, (uint64_t)-1, 0}},
		{"seccomp", {1, 0}},
	};
	for (int i = 0; abi_supported[i]; i++) {
		const struct abi *abi = abi_supported[i];
		for (size_t k = 0; k < sizeof(ok) / sizeof(ok[0]); k++) {
			int nr = nr_of(abi, ok[k].name);
			if (nr < 0)
				continue;
			uint32_t got = decide_args(abi->audit_arch, nr, ok[k].a);
			ck_assert_msg((got & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_ERRNO, "%s(%#llx, %#llx) on %s: %#x",
				      ok[k].name, (unsigned long long)ok[k].a[0], (unsigned long long)ok[k].a[1],
				      abi->name, got);
		}
	}
}
END_TEST

/* The kernel reads an ioctl number as 32 bits: high bits do not hide it. */
START_TEST(ioctl_numbers_compare_on_32_bits)
{
	struct jail j;
	jail_init(&j);
	build(&j);
	const struct abi *native = abi_supported[0];
	ck_assert_uint_eq(decide(native->audit_arch, nr_of(native, "ioctl"), 0, 0x5412 /* TIOCSTI */),
			  SECCOMP_RET_ERRNO | EPERM);
	ck_assert_uint_eq(decide(native->audit_arch, nr_of(native, "ioctl"), 0, UINT64_C(0xdead00000000) | 0x5412),
			  SECCOMP_RET_ERRNO | EPERM);
	ck_assert_uint_eq(decide(native->audit_arch, nr_of(native, "ioctl"), 0, UINT64_C(0x100000000) | 0x8916),
			  SECCOMP_RET_ERRNO | EPERM);
	/* so do the high bits of clone flags and of a mknod mode */
	ck_assert_uint_eq(decide(native->audit_arch, nr_of(native, "clone"), UINT64_C(0x100000000) | CLONE_NEWUSER, 0),
			  SECCOMP_RET_ERRNO | EPERM);
}
END_TEST

#ifdef __x86_64__
/* i386: the ipc multiplexer is SysV IPC; old mmap takes its arguments in
 * memory, so MAP_LOCKED is judged on mmap2 only. */
START_TEST(i386_multiplexers_and_old_mmap)
{
	struct jail j;
	jail_init(&j);
	build(&j);
	const struct abi *i386 = abi_from_audit(AUDIT_ARCH_I386);
	ck_assert_ptr_nonnull(i386);
	for (uint64_t call = 1; call <= 24; call++)
		ck_assert_uint_eq(decide(AUDIT_ARCH_I386, nr_of(i386, "ipc"), call, 0), SECCOMP_RET_ERRNO | ENOSYS);
	ck_assert_uint_eq(decide(AUDIT_ARCH_I386, nr_of(i386, "shmget"), 0, 0), SECCOMP_RET_ERRNO | ENOSYS);
	const uint64_t locked[6] = {0, 4096, 3, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, (uint64_t)-1, 0};
	ck_assert_uint_eq(decide_args(AUDIT_ARCH_I386, nr_of(i386, "mmap2"), locked), SECCOMP_RET_ERRNO | EPERM);
	uint32_t old = decide_args(AUDIT_ARCH_I386, nr_of(i386, "mmap"), locked);
	ck_assert_uint_ne(old & SECCOMP_RET_ACTION_FULL, SECCOMP_RET_ERRNO);
	/* direct socket calls (i386 has had them since Linux 4.3) are known calls */
	ck_assert_uint_ne(decide(AUDIT_ARCH_I386, nr_of(i386, "socket"), 2, 1), SECCOMP_RET_ERRNO | ENOSYS);
	ck_assert_uint_ne(decide(AUDIT_ARCH_I386, nr_of(i386, "socketcall"), 1, 0), SECCOMP_RET_ERRNO | ENOSYS);
	/* with allow.sysvipc the multiplexer runs again */
	j.allow[JAIL_ALLOW_sysvipc] = true;
	build(&j);
	ck_assert_uint_ne(decide(AUDIT_ARCH_I386, nr_of(i386, "ipc"), 23, 0) & SECCOMP_RET_ACTION_FULL,
			  SECCOMP_RET_ERRNO);
	/* one family of its own (or one disabled next to others): the
	 * multiplexer stops for its handler (handle_sysv.c), which sorts the
	 * calls by family; the direct calls of a disabled family stay ENOSYS */
	j.allow[JAIL_ALLOW_sysvipc] = false;
	j.sysvshm = JAIL_SYS_NEW;
	build(&j);
	ck_assert_uint_eq(decide(AUDIT_ARCH_I386, nr_of(i386, "ipc"), 23, 0) & SECCOMP_RET_ACTION_FULL,
			  SECCOMP_RET_TRACE);
	ck_assert_uint_eq(decide(AUDIT_ARCH_I386, nr_of(i386, "msgget"), 0, 0), SECCOMP_RET_ERRNO | ENOSYS);
	ck_assert_uint_eq(decide(AUDIT_ARCH_I386, nr_of(i386, "shmget"), 0, 0) & SECCOMP_RET_ACTION_FULL,
			  SECCOMP_RET_TRACE);
	j.sysvshm = JAIL_SYS_INHERIT;
	j.sysvmsg = JAIL_SYS_DISABLE;
	j.sysvsem = JAIL_SYS_INHERIT;
	build(&j);
	ck_assert_uint_eq(decide(AUDIT_ARCH_I386, nr_of(i386, "ipc"), 13, 0) & SECCOMP_RET_ACTION_FULL,
			  SECCOMP_RET_TRACE);
}
END_TEST
#endif

/* The tables themselves: a reason on every row; no argument rows on calls
 * that i386 multiplexes through socketcall or ipc (arguments in memory). */
START_TEST(rows_are_well_formed)
{
	static const char *const ipc_calls[] = {"shmget", "shmat", "shmdt", "shmctl", "msgget", "msgsnd",
						"msgrcv", "msgctl", "semget", "semop", "semtimedop", "semctl", NULL};
	for (const struct static_deny *d = NULL; (d = static_deny_next(d));) {
		ck_assert_msg(d->id > SC_NONE && d->id < SC_COUNT, "row with no syscall");
		ck_assert_msg(d->reason && strlen(d->reason) > 10, "%s: no reason", sc_info[d->id].name);
		ck_assert_msg(d->err > 0, "%s: no errno", sc_info[d->id].name);
		if (static_deny_always(d) || !static_deny_on_abi(d, SCT_I386))
			continue;
		ck_assert_msg(!(sc_info[d->id].flags & F_NET), "%s: argument row on a socketcall call",
			      sc_info[d->id].name);
		for (int k = 0; ipc_calls[k]; k++)
			ck_assert_msg(strcmp(ipc_calls[k], sc_info[d->id].name) != 0, "%s: argument row on an ipc call",
				      ipc_calls[k]);
		for (int i = 0; i < DENY_MAX_CONDS; i++)
			ck_assert_uint_lt(d->cond[i].arg, 6);
	}
}
END_TEST

/* jail -v: each denial stops the process tagged with its row (or, for a
 * call served from user notification, notifies), so the supervisor can
 * report it and fail the call with the row's errno. */
START_TEST(report_mode_tags_every_row)
{
	struct jail j;
	jail_init(&j);
	trace_denials = true;
	build(&j);
	trace_denials = false;
	for (const struct static_deny *d = NULL; (d = static_deny_next(d));) {
		ck_assert_ptr_eq(static_deny_at(static_deny_index(d)), d);
		if (!static_deny_applies(d, &j))
			continue;
		for (int i = 0; abi_supported[i]; i++) {
			const struct abi *abi = abi_supported[i];
			if (!static_deny_on_abi(d, abi->table) || !known_on(abi, d->id))
				continue;
			uint64_t args[6];
			matching_args(d, args);
			uint32_t got = decide_args(abi->audit_arch, abi_nr(abi, d->id), args);
			/* a call served from user notification arrives there (a
			 * notification outranks TRACE): notify.c fails it with
			 * the row's errno and reports it */
			ck_assert_msg(got == (SECCOMP_RET_TRACE | FILTER_DENY_TAG | static_deny_index(d)) ||
					      (handlers[d->id].notify && got == SECCOMP_RET_USER_NOTIF),
				      "%s on %s: got %#x", row_name(d), abi->name, got);
		}
	}
	/* handled and allowed calls are as without -v */
	for (int i = 0; abi_supported[i]; i++) {
		const struct abi *abi = abi_supported[i];
		ck_assert_uint_eq(decide(abi->audit_arch, nr_of(abi, "uname"), 0, 0), SECCOMP_RET_TRACE | SC_uname);
		ck_assert_uint_eq(decide(abi->audit_arch, nr_of(abi, "getpid"), 0, 0), SECCOMP_RET_ALLOW);
		ck_assert_uint_eq(decide(abi->audit_arch, nr_of(abi, "clone"), 17, 0), SECCOMP_RET_ALLOW);
	}
}
END_TEST

/* Sockets (filter_net.c): on the native ABI the filter gives socket() and
 * setsockopt() the answers of policy/net.c for every family, type and
 * option, with no stop, except that an allowed AF_NETLINK socket is served
 * from user notification (a NETLINK_ROUTE socket is a proxy's end,
 * handle_netlink.c) and setsockopt at SOL_NETLINK stops; sendto stops only
 * with an address. i386 stops at all of them (socketcall's arguments are
 * in memory). */
START_TEST(socket_rules_match_the_policy)
{
	static const int types[] = {SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, SOCK_SEQPACKET,
				    SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, SOCK_RAW | SOCK_CLOEXEC};
	static const int protos[] = {0, 1 /* ICMP */, 6, 17, 4 /* NETLINK_SOCK_DIAG */, 255 /* IPPROTO_RAW */};
	static const char *const addrs[] = {"", "127.0.0.2", "::1", "127.0.0.2,::1"};
	const struct abi *native = abi_supported[0];
	for (unsigned a = 0; a < 4; a++)
		for (int flags = 0; flags < 4; flags += a == 1 ? 1 : 3) {
			struct jail j;
			char err[128];
			jail_init(&j);
			ck_assert_int_eq(jail_parse_addrs(&j, addrs[a], err, sizeof(err)), 0);
			j.allow[JAIL_ALLOW_raw_sockets] = flags & 1;
			j.allow[JAIL_ALLOW_socket_af] = flags & 2;
			build(&j);
			for (int f = 0; f < NET_FAMILY_LIMIT; f++)
				for (unsigned t = 0; t < sizeof(types) / sizeof(types[0]); t++)
					for (unsigned p = 0; p < sizeof(protos) / sizeof(protos[0]); p++) {
						/* junk in the high half of int arguments changes nothing */
						const uint64_t args[6] = {UINT64_C(0x500000000) | (uint32_t)f, (uint32_t)types[t],
									  (uint32_t)protos[p]};
						int want = net_socket_check(&j, f, types[t], protos[p]);
						uint32_t got = decide_args(native->audit_arch, nr_of(native, "socket"), args);
						uint32_t exp = want ? SECCOMP_RET_ERRNO | (uint32_t)-want
							       : f == AF_NETLINK ? SECCOMP_RET_USER_NOTIF
										 : SECCOMP_RET_ALLOW;
						ck_assert_msg(got == exp, "jail '%s' flags %d: socket(%d, %#x, %d): got %#x, want %#x",
							      addrs[a], flags, f, types[t], protos[p], got, exp);
					}
		}
	struct jail j;
	jail_init(&j);
	j.ip4[0].s_addr = htonl(0x7f000002);
	j.ip4_count = 1;
	build(&j);
	for (unsigned i = 0; i < net_sockopt_deny_count; i++) {
		const uint64_t args[6] = {3, (uint32_t)net_sockopt_denies[i].level, (uint32_t)net_sockopt_denies[i].optname};
		ck_assert_uint_eq(decide_args(native->audit_arch, nr_of(native, "setsockopt"), args),
				  SECCOMP_RET_ERRNO | EPERM);
	}
	const uint64_t netlink[6] = {3, UINT64_C(0x700000000) | 270 /* SOL_NETLINK */, 1};
	ck_assert_uint_eq(decide_args(native->audit_arch, nr_of(native, "setsockopt"), netlink),
			  SECCOMP_RET_TRACE | SC_setsockopt);
	const uint64_t reuse[6] = {3, 1 /* SOL_SOCKET */, 2 /* SO_REUSEADDR */};
	ck_assert_uint_eq(decide_args(native->audit_arch, nr_of(native, "setsockopt"), reuse), SECCOMP_RET_ALLOW);
	const uint64_t send_null[6] = {3, 0x1000, 10, 0, 0, 0}, send_addr[6] = {3, 0x1000, 10, 0, 0x2000, 16};
	ck_assert_uint_eq(decide_args(native->audit_arch, nr_of(native, "sendto"), send_null), SECCOMP_RET_ALLOW);
	ck_assert_uint_eq(decide_args(native->audit_arch, nr_of(native, "sendto"), send_addr),
			  SECCOMP_RET_TRACE | SC_sendto);
	static const char *const stop[] = {"bind", "connect", "listen", "sendmsg", "sendmmsg", NULL};
	for (int i = 0; abi_supported[i]; i++)
		for (int k = 0; stop[k]; k++)
			ck_assert_uint_eq(decide(abi_supported[i]->audit_arch, nr_of(abi_supported[i], stop[k]), 3, 0) &
						  SECCOMP_RET_ACTION_FULL,
					  SECCOMP_RET_TRACE);
#ifdef __x86_64__
	const struct abi *i386 = abi_from_audit(AUDIT_ARCH_I386);
	static const char *const i386_stop[] = {"socketcall", "setsockopt", "sendto", NULL};
	for (int k = 0; i386_stop[k]; k++)
		ck_assert_uint_eq(decide_args(AUDIT_ARCH_I386, nr_of(i386, i386_stop[k]), send_null) &
					  SECCOMP_RET_ACTION_FULL,
				  SECCOMP_RET_TRACE);
	/* socket(2) itself is served from user notification there */
	ck_assert_uint_eq(decide_args(AUDIT_ARCH_I386, nr_of(i386, "socket"), send_null), SECCOMP_RET_USER_NOTIF);
	/* every socketcall operation stops, whatever its number */
	for (uint64_t call = 0; call <= 21; call++)
		ck_assert_uint_eq(decide(AUDIT_ARCH_I386, nr_of(i386, "socketcall"), call, 0) & SECCOMP_RET_ACTION_FULL,
				  SECCOMP_RET_TRACE);
#endif
}
END_TEST

int main(void)
{
	Suite *s = suite_create("filter");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60); /* every test builds whole filter sets: slow under ASan */
	tcase_add_test(tc, same_policy_on_every_abi);
	tcase_add_test(tc, other_abis_kill_the_process);
	tcase_add_test(tc, every_abi_covers_calls_newer_than_libseccomp);
	tcase_add_test(tc, one_filter_per_jail);
	tcase_add_test(tc, program_follows_the_plan);
	tcase_add_test(tc, generator_edge_cases);
	tcase_add_test(tc, unsealed_abis_guard_the_scratch_area);
	tcase_add_test(tc, every_row_denies_on_every_abi);
	tcase_add_test(tc, allow_flags_lift_their_rows);
	tcase_add_test(tc, conditional_rows_spare_other_arguments);
	tcase_add_test(tc, ioctl_numbers_compare_on_32_bits);
#ifdef __x86_64__
	tcase_add_test(tc, i386_multiplexers_and_old_mmap);
#endif
	tcase_add_test(tc, rows_are_well_formed);
	tcase_add_test(tc, report_mode_tags_every_row);
	suite_add_tcase(s, tc);
	TCase *net = tcase_create("net"); /* many filters built: more time */
	tcase_set_timeout(net, 120);
	tcase_add_test(net, socket_rules_match_the_policy);
	suite_add_tcase(s, net);
	return run_suite(s, true);
}
