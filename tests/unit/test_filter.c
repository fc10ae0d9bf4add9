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

static void export(void *ctx, struct prog *p)
{
	int fd = memfd_create("bpf", 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(seccomp_export_bpf(ctx, fd), 0);
	off_t size = lseek(fd, 0, SEEK_END);
	ck_assert(size > 0 && (size_t)size <= sizeof(p->insn));
	ck_assert_int_eq(pread(fd, p->insn, (size_t)size, 0), size);
	p->len = (size_t)size / sizeof(p->insn[0]);
	close(fd);
}

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
	for (int i = 0; i < f.count; i++)
		export(f.ctx[i], &progs[i]);
	nprogs = f.count;
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
	/* a kernel before 6.10 has no mseal: every ABI guards the area */
	bool kernel_seals = !(syscall(abi_nr(abi_supported[0], SC_mseal), 0L, 0L, 0L) < 0 && errno == ENOSYS);
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

START_TEST(native_abi_covers_calls_newer_than_libseccomp)
{
	struct jail j;
	jail_init(&j);
	build(&j);
	const struct abi *native = abi_supported[0];
	/* mseal (462) is unknown to libseccomp 2.5.4 but in our table */
	ck_assert_uint_eq(decide(native->audit_arch, nr_of(native, "mseal"), 0, 0), SECCOMP_RET_ALLOW);
}
END_TEST


/* Does the kernel filter of this ABI know the call at all? Calls libseccomp
 * cannot name on a non-native ABI stay at the default (ENOSYS). */
static bool known_on(const struct abi *abi, enum sc_id id)
{
	if (abi_nr(abi, id) < 0)
		return false;
	if (abi == abi_supported[0])
		return true;
	return seccomp_syscall_resolve_name_arch(abi->scmp_arch, sc_info[id].name) != __NR_SCMP_ERROR;
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
	tcase_add_test(tc, native_abi_covers_calls_newer_than_libseccomp);
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
