/* SPDX-License-Identifier: BSD-2-Clause */
/* x86_64 host: the native x86_64 ABI and the i386 compat ABI (32-bit programs
 * and `int $0x80` from 64-bit ones). Both use the 64-bit register file as
 * seen through PTRACE_GETREGS; they differ in which registers hold the
 * arguments. x32 shares x86_64's audit arch (numbers with bit 30 set) and is
 * killed by the filter. */
#include "abi.h"

#include <errno.h>
#include <linux/audit.h>
#include <seccomp.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>

static const struct abi abi_x86_64 = {
	.name = "x86_64",
	.audit_arch = AUDIT_ARCH_X86_64,
	.scmp_arch = SCMP_ARCH_X86_64,
	.table = SCT_X86_64,
	.word_size = 8,
	.killed_from = 0x40000000, /* __X32_SYSCALL_BIT */
};

static const struct abi abi_i386 = {
	.name = "i386",
	.audit_arch = AUDIT_ARCH_I386,
	.scmp_arch = SCMP_ARCH_X86,
	.table = SCT_I386,
	.word_size = 4,
};

const struct abi *const abi_supported[] = {&abi_x86_64, &abi_i386, NULL};

static int get_regs(pid_t tid, struct user_regs_struct *r)
{
	return ptrace(PTRACE_GETREGS, tid, 0, r) < 0 ? -errno : 0;
}

static int set_regs(pid_t tid, const struct user_regs_struct *r)
{
	return ptrace(PTRACE_SETREGS, tid, 0, r) < 0 ? -errno : 0;
}

static void put_args(const struct abi *abi, struct user_regs_struct *r, const uint64_t a[6])
{
	if (abi->table == SCT_I386) {
		r->rbx = a[0], r->rcx = a[1], r->rdx = a[2];
		r->rsi = a[3], r->rdi = a[4], r->rbp = a[5];
	} else {
		r->rdi = a[0], r->rsi = a[1], r->rdx = a[2];
		r->r10 = a[3], r->r8 = a[4], r->r9 = a[5];
	}
}

int abi_skip_syscall(pid_t tid, const struct abi *abi, long retval)
{
	(void)abi;
	/* two words: cheaper than reading and writing the whole register file */
	if (ptrace(PTRACE_POKEUSER, tid, offsetof(struct user_regs_struct, orig_rax), -1L) < 0 ||
	    ptrace(PTRACE_POKEUSER, tid, offsetof(struct user_regs_struct, rax), retval) < 0)
		return -errno;
	return 0;
}

int abi_set_arg(pid_t tid, const struct abi *abi, int index, uint64_t value)
{
	static const size_t x86_64_regs[6] = {
		offsetof(struct user_regs_struct, rdi), offsetof(struct user_regs_struct, rsi),
		offsetof(struct user_regs_struct, rdx), offsetof(struct user_regs_struct, r10),
		offsetof(struct user_regs_struct, r8),  offsetof(struct user_regs_struct, r9),
	};
	static const size_t i386_regs[6] = {
		offsetof(struct user_regs_struct, rbx), offsetof(struct user_regs_struct, rcx),
		offsetof(struct user_regs_struct, rdx), offsetof(struct user_regs_struct, rsi),
		offsetof(struct user_regs_struct, rdi), offsetof(struct user_regs_struct, rbp),
	};
	if (index < 0 || index > 5)
		return -EINVAL;
	size_t off = abi->table == SCT_I386 ? i386_regs[index] : x86_64_regs[index];
	/* one word: cheaper than reading and writing the whole register file */
	return ptrace(PTRACE_POKEUSER, tid, off, value) < 0 ? -errno : 0;
}

int abi_set_syscall(pid_t tid, const struct abi *abi, long nr, const uint64_t args[6])
{
	struct user_regs_struct r;
	int err = get_regs(tid, &r);
	if (err)
		return err;
	r.orig_rax = (unsigned long long)nr;
	put_args(abi, &r, args);
	return set_regs(tid, &r);
}

static void get_args(const struct abi *abi, const struct user_regs_struct *r, uint64_t a[6])
{
	if (abi->table == SCT_I386) {
		a[0] = r->rbx, a[1] = r->rcx, a[2] = r->rdx;
		a[3] = r->rsi, a[4] = r->rdi, a[5] = r->rbp;
	} else {
		a[0] = r->rdi, a[1] = r->rsi, a[2] = r->rdx;
		a[3] = r->r10, a[4] = r->r8, a[5] = r->r9;
	}
}

/* x86 restarts a call from orig_rax and the argument registers (rax is
 * the result until then). */
int abi_restore_call(pid_t tid, const struct abi *abi, const struct abi_call *set,
		     const struct abi_call *orig, bool only_if_set)
{
	struct user_regs_struct r;
	int err = get_regs(tid, &r);
	if (err)
		return err;
	if (only_if_set) {
		uint64_t now[6];
		get_args(abi, &r, now);
		if ((long)r.orig_rax != set->nr || memcmp(now, set->args, sizeof(now)) != 0)
			return 0;
	}
	r.orig_rax = (unsigned long long)orig->nr;
	put_args(abi, &r, orig->args);
	err = set_regs(tid, &r);
	return err ? err : 1;
}

int abi_get_result(pid_t tid, const struct abi *abi, long *retval)
{
	struct user_regs_struct r;
	int err = get_regs(tid, &r);
	if (err)
		return err;
	*retval = abi->word_size == 4 ? (long)(int)r.rax : (long)r.rax;
	return 0;
}

int abi_set_result(pid_t tid, const struct abi *abi, long retval)
{
	struct user_regs_struct r;
	int err = get_regs(tid, &r);
	if (err)
		return err;
	(void)abi;
	r.rax = (unsigned long long)retval;
	return set_regs(tid, &r);
}

_Static_assert(sizeof(struct user_regs_struct) <= sizeof(struct abi_regs), "abi_regs too small");

#define X86_SYSCALL_INSN_LEN 2 /* syscall (0f 05), int $0x80 (cd 80), sysenter (0f 34) */
#define X86_CS_32BIT 0x23

int abi_regs_get(pid_t tid, struct abi_regs *r)
{
	memset(r, 0, sizeof(*r));
	return get_regs(tid, (struct user_regs_struct *)r->raw);
}

int abi_regs_set(pid_t tid, const struct abi_regs *r)
{
	return set_regs(tid, (const struct user_regs_struct *)r->raw);
}

const struct abi *abi_regs_abi(const struct abi_regs *r)
{
	const struct user_regs_struct *u = (const struct user_regs_struct *)r->raw;
	return u->cs == X86_CS_32BIT ? &abi_i386 : &abi_x86_64;
}

void abi_regs_rewind(const struct abi *abi, struct abi_regs *r)
{
	struct user_regs_struct *u = (struct user_regs_struct *)r->raw;
	(void)abi;
	u->rip -= X86_SYSCALL_INSN_LEN;
	u->rax = u->orig_rax;
}

void abi_regs_reissue(const struct abi *abi, struct abi_regs *r, long nr, const uint64_t args[6])
{
	struct user_regs_struct *u = (struct user_regs_struct *)r->raw;
	u->rip -= X86_SYSCALL_INSN_LEN;
	u->rax = (unsigned long long)nr;
	u->orig_rax = (unsigned long long)nr;
	put_args(abi, u, args);
}

long abi_regs_result(const struct abi *abi, const struct abi_regs *r)
{
	const struct user_regs_struct *u = (const struct user_regs_struct *)r->raw;
	return abi->word_size == 4 ? (long)(int)u->rax : (long)u->rax;
}

uint64_t abi_regs_sp(const struct abi_regs *r)
{
	const struct user_regs_struct *u = (const struct user_regs_struct *)r->raw;
	return u->rsp;
}

uint64_t abi_regs_pc(const struct abi_regs *r)
{
	const struct user_regs_struct *u = (const struct user_regs_struct *)r->raw;
	return u->rip;
}

unsigned abi_syscall_insn(const struct abi *abi, uint8_t insn[4])
{
	/* a 32-bit image: int $0x80 (syscall is not valid in compat mode on Intel) */
	insn[0] = abi->word_size == 4 ? 0xcd : 0x0f;
	insn[1] = abi->word_size == 4 ? 0x80 : 0x05;
	return X86_SYSCALL_INSN_LEN;
}
