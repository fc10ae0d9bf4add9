/* The generated seccomp filters, run in a small classic-BPF interpreter on
 * made-up syscalls of every ABI: what the kernel would decide, including
 * for ABIs this machine cannot execute (i386). Actions of stacked filters
 * combine by the kernel's precedence. */
#include <check.h>
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../arch/abi.h"
#include "../../policy/jail.h"
#include "../../supervisor/filter.h"

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

static void build(const struct jail *j)
{
	struct filter_set f;
	ck_assert_int_eq(filter_build(&f, j, false), 0);
	for (int i = 0; i < f.count; i++)
		export(f.ctx[i], &progs[i]);
	nprogs = f.count;
	filter_free(&f);
}

/* The kernel's decision over all filters: the lowest action value, as s32. */
static uint32_t decide(uint32_t arch, int nr, uint64_t a0, uint64_t a1)
{
	struct seccomp_data d = {.nr = nr, .arch = arch, .args = {a0, a1}};
	uint32_t best = SECCOMP_RET_ALLOW;
	for (int i = 0; i < nprogs; i++) {
		uint32_t r = run(&progs[i], &d);
		if ((int32_t)(r & SECCOMP_RET_ACTION_FULL) < (int32_t)(best & SECCOMP_RET_ACTION_FULL))
			best = r;
	}
	return best;
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
	for (int i = 0; abi_supported[i]; i++) {
		const struct abi *abi = abi_supported[i];
		uint32_t got = decide(abi->audit_arch, nr_of(abi, "munmap"), 0, 0);
		uint32_t seal = decide(abi->audit_arch, nr_of(abi, "mseal"), 0, 0);
		/* an ABI whose filter lets mseal through does not trap munmap; one
		 * that cannot (mseal gives ENOSYS) traps it */
		if (seal == SECCOMP_RET_ALLOW)
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

int main(void)
{
	Suite *s = suite_create("filter");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, same_policy_on_every_abi);
	tcase_add_test(tc, other_abis_kill_the_process);
	tcase_add_test(tc, native_abi_covers_calls_newer_than_libseccomp);
	tcase_add_test(tc, unsealed_abis_guard_the_scratch_area);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
