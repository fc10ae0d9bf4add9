/* SPDX-License-Identifier: BSD-2-Clause */
/* The filter that makes a virtual tracer's waits stop (wait_trap.h). */
#include "wait_trap.h"

#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>

#include "inject.h"
#include "memory.h"
#include "tracee.h"

#define MAX_INSNS 32
#define STACK_GAP 4096 /* below the stack pointer (and any red zone) */

static const enum sc_id waits[] = {SC_wait4, SC_waitid, SC_waitpid};

/* arch ? (nr in waits ? TRACE : ALLOW) for every supported ABI */
static unsigned build(struct sock_filter *f)
{
	unsigned n = 0;
	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	for (const struct abi *const *a = abi_supported; *a; a++) {
		int nrs[3], k = 0;
		for (unsigned i = 0; i < sizeof(waits) / sizeof(waits[0]); i++)
			if (abi_nr(*a, waits[i]) >= 0)
				nrs[k++] = abi_nr(*a, waits[i]);
		/* block: ld nr; k compares; ret ALLOW; ret TRACE (the arch is
		 * still loaded where the jump skips it) */
		unsigned block = 1 + (unsigned)k + 2;
		f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (*a)->audit_arch, 0, block);
		f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
		for (int i = 0; i < k; i++)
			f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nrs[i],
							      (unsigned char)(k - i), 0);
		f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
		f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
	}
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	return n;
}

static void mark(struct tracee *t)
{
	t->wait_trapped = true;
	t->wait_trap_wanted = false;
}

int wait_trap_install(struct tracee *t, const struct abi *abi)
{
	struct sock_filter f[MAX_INSNS];
	unsigned n = build(f);
	struct injection inj;
	int err = inject_begin(&inj, t, abi);
	if (err)
		return err;
	/* the program and its sock_fprog, in the caller's layout, on its
	 * stack below the pointer: read once by the kernel during the call */
	uint64_t at = (abi_regs_sp(&inj.saved) - STACK_GAP - sizeof(f) - 16) & ~(uint64_t)15;
	unsigned char prog[16] = {0};
	uint16_t len = (uint16_t)n;
	memcpy(prog, &len, sizeof(len));
	if (abi->word_size == 4) {
		uint32_t p = (uint32_t)(at + 16);
		memcpy(prog + 4, &p, sizeof(p));
	} else {
		uint64_t p = at + 16;
		memcpy(prog + 8, &p, sizeof(p));
	}
	if (mem_write(t->tid, at, prog, sizeof(prog)) || mem_write(t->tid, at + 16, f, n * sizeof(f[0])))
		err = -EFAULT;
	long r = 0;
	long nr_seccomp = abi_nr(abi, SC_seccomp);
	uint64_t a[6] = {SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, at, 0, 0, 0};
	if (!err)
		err = inject_call(&inj, nr_seccomp, a, &r);
	if (!err && r == -EACCES) {
		/* neither no_new_privs nor CAP_SYS_ADMIN: a tracer gains no
		 * set-id privileges by exec afterwards (docs/ptrace-emulation.md) */
		uint64_t p[6] = {PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0, 0};
		long ignored;
		err = inject_call(&inj, abi_nr(abi, SC_prctl), p, &ignored);
		if (!err)
			err = inject_call(&inj, nr_seccomp, a, &r);
	}
	if (!err && r > 0) {
		/* a thread with other filters: this thread only */
		a[1] = 0;
		err = inject_call(&inj, nr_seccomp, a, &r);
	}
	if (err == -ESRCH)
		return err;
	int end = inj.at_exit ? inject_end(&inj) : 0;
	if (err)
		return err;
	if (r < 0)
		return (int)r;
	mark(t);
	return end;
}

void wait_trap_request(struct tracee *t)
{
	if (t->wait_trapped || t->wait_trap_wanted)
		return;
	t->wait_trap_wanted = true;
	ptrace(PTRACE_INTERRUPT, t->tid, 0, 0);
}
