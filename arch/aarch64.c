/* SPDX-License-Identifier: BSD-2-Clause */
/* aarch64 host: the native AArch64 ABI only. The syscall table is the
 * generic one (asm-generic/unistd.h): no open, stat, fork, ... AArch32
 * (compat) programs have another audit arch (AUDIT_ARCH_ARM), which the
 * filter's bad-arch action kills; the jail does not supervise them.
 *
 * Registers: PTRACE_GETREGSET/SETREGSET with NT_PRSTATUS (x0..x30, sp, pc,
 * pstate). The syscall number is not a register: the kernel keeps it in
 * pt_regs.syscallno, read and written with the NT_ARM_SYSTEM_CALL regset.
 * Arguments are x0..x5, the number x8, the result x0; `svc #0` is 4 bytes.
 * A syscall is skipped by setting its number to -1 (the kernel then returns
 * x0 as the result without running anything). */
#include "abi.h"

#include <asm/ptrace.h>
#include <elf.h>
#include <errno.h>
#include <linux/audit.h>
#include <seccomp.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#ifndef NT_ARM_SYSTEM_CALL
#define NT_ARM_SYSTEM_CALL 0x404
#endif

static const struct abi abi_aarch64 = {
	.name = "aarch64",
	.audit_arch = AUDIT_ARCH_AARCH64,
	.scmp_arch = SCMP_ARCH_AARCH64,
	.table = SCT_AARCH64,
	.word_size = 8,
};

const struct abi *const abi_supported[] = {&abi_aarch64, NULL};
/* no ABI shares AArch64's audit arch; AArch32 is killed as a bad arch */

#define AARCH64_SVC_LEN 4   /* svc #0 */
#define AARCH64_NR_REG 8    /* x8 holds the number at the svc */
#define PSR_MODE32 0x10     /* pstate: an AArch32 task */

static int get_regs(pid_t tid, struct user_pt_regs *r)
{
	struct iovec iov = {.iov_base = r, .iov_len = sizeof(*r)};
	return ptrace(PTRACE_GETREGSET, tid, (void *)NT_PRSTATUS, &iov) < 0 ? -errno : 0;
}

static int set_regs(pid_t tid, const struct user_pt_regs *r)
{
	struct iovec iov = {.iov_base = (void *)r, .iov_len = sizeof(*r)};
	return ptrace(PTRACE_SETREGSET, tid, (void *)NT_PRSTATUS, &iov) < 0 ? -errno : 0;
}

/* The number the kernel will run when the tracee resumes from this stop. */
static int set_nr(pid_t tid, long nr)
{
	int n = (int)nr;
	struct iovec iov = {.iov_base = &n, .iov_len = sizeof(n)};
	return ptrace(PTRACE_SETREGSET, tid, (void *)NT_ARM_SYSTEM_CALL, &iov) < 0 ? -errno : 0;
}

static void put_args(struct user_pt_regs *r, const uint64_t a[6])
{
	for (int i = 0; i < 6; i++)
		r->regs[i] = a[i];
}

int abi_skip_syscall(pid_t tid, const struct abi *abi, long retval)
{
	int err = abi_set_result(tid, abi, retval);
	return err ? err : set_nr(tid, -1);
}

/* arm64 has no PTRACE_POKEUSER: the whole regset, one word changed */
int abi_set_arg(pid_t tid, const struct abi *abi, int index, uint64_t value)
{
	struct user_pt_regs r;
	(void)abi;
	if (index < 0 || index > 5)
		return -EINVAL;
	int err = get_regs(tid, &r);
	if (err)
		return err;
	r.regs[index] = value;
	return set_regs(tid, &r);
}

int abi_set_syscall(pid_t tid, const struct abi *abi, long nr, const uint64_t args[6])
{
	struct user_pt_regs r;
	int err = get_regs(tid, &r);
	(void)abi;
	if (err)
		return err;
	put_args(&r, args);
	/* x8 too: a restarted call (-ERESTART*) is issued again from x8 */
	r.regs[AARCH64_NR_REG] = (uint64_t)nr;
	if ((err = set_regs(tid, &r)))
		return err;
	return set_nr(tid, nr);
}

/* arm64 restarts a call from x8 and x0..x5, with x0 taken from orig_x0,
 * which the kernel saved before the seccomp stop (the original argument):
 * x0 is left alone (it is the result, or already orig_x0 again at a
 * signal-delivery stop, where the restart has been set up before it). */
int abi_restore_call(pid_t tid, const struct abi *abi, const struct abi_call *set,
		     const struct abi_call *orig, bool only_if_set)
{
	struct user_pt_regs r;
	int err = get_regs(tid, &r);
	(void)abi;
	if (err)
		return err;
	if (only_if_set) {
		if ((long)r.regs[AARCH64_NR_REG] != set->nr)
			return 0;
		for (int i = 1; i < 6; i++)
			if (r.regs[i] != set->args[i])
				return 0;
	}
	for (int i = 1; i < 6; i++)
		r.regs[i] = orig->args[i];
	r.regs[AARCH64_NR_REG] = (uint64_t)orig->nr;
	err = set_regs(tid, &r);
	return err ? err : 1;
}

int abi_get_result(pid_t tid, const struct abi *abi, long *retval)
{
	struct user_pt_regs r;
	int err = get_regs(tid, &r);
	(void)abi;
	if (err)
		return err;
	*retval = (long)r.regs[0];
	return 0;
}

int abi_set_result(pid_t tid, const struct abi *abi, long retval)
{
	struct user_pt_regs r;
	int err = get_regs(tid, &r);
	(void)abi;
	if (err)
		return err;
	r.regs[0] = (uint64_t)retval;
	return set_regs(tid, &r);
}

_Static_assert(sizeof(struct user_pt_regs) <= sizeof(struct abi_regs), "abi_regs too small");

int abi_regs_get(pid_t tid, struct abi_regs *r)
{
	memset(r, 0, sizeof(*r));
	return get_regs(tid, (struct user_pt_regs *)r->raw);
}

int abi_regs_set(pid_t tid, const struct abi_regs *r)
{
	return set_regs(tid, (const struct user_pt_regs *)r->raw);
}

const struct abi *abi_regs_abi(const struct abi_regs *r)
{
	const struct user_pt_regs *u = (const struct user_pt_regs *)r->raw;
	return (u->pstate & PSR_MODE32) ? NULL : &abi_aarch64;
}

/* At a seccomp stop x0..x5 and x8 still hold the call as issued (the kernel
 * keeps the result apart until the call runs): back over the svc is all. */
void abi_regs_rewind(const struct abi *abi, struct abi_regs *r)
{
	struct user_pt_regs *u = (struct user_pt_regs *)r->raw;
	(void)abi;
	u->pc -= AARCH64_SVC_LEN;
}

void abi_regs_reissue(const struct abi *abi, struct abi_regs *r, long nr, const uint64_t args[6])
{
	struct user_pt_regs *u = (struct user_pt_regs *)r->raw;
	(void)abi;
	u->pc -= AARCH64_SVC_LEN;
	u->regs[AARCH64_NR_REG] = (uint64_t)nr;
	put_args(u, args);
}

long abi_regs_result(const struct abi *abi, const struct abi_regs *r)
{
	const struct user_pt_regs *u = (const struct user_pt_regs *)r->raw;
	(void)abi;
	return (long)u->regs[0];
}

uint64_t abi_regs_sp(const struct abi_regs *r)
{
	const struct user_pt_regs *u = (const struct user_pt_regs *)r->raw;
	return u->sp;
}

uint64_t abi_regs_pc(const struct abi_regs *r)
{
	const struct user_pt_regs *u = (const struct user_pt_regs *)r->raw;
	return u->pc;
}

unsigned abi_syscall_insn(const struct abi *abi, uint8_t insn[4])
{
	(void)abi;
	/* svc #0, little-endian */
	insn[0] = 0x01;
	insn[1] = 0x00;
	insn[2] = 0x00;
	insn[3] = 0xd4;
	return AARCH64_SVC_LEN;
}
