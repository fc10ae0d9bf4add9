/* SPDX-License-Identifier: BSD-2-Clause */
/* fake_old_kernel FEATURE COMMAND [ARG...]: runs COMMAND as if the kernel
 * lacked FEATURE, with a seccomp filter that fails the calls that would
 * find it (tests/integration/scripts/kernel_features.sh):
 *   user_notif  seccomp(GET_ACTION_AVAIL) -> EOPNOTSUPP and filters with a
 *               listener -> EINVAL, as before Linux 5.0
 *   landlock    landlock_create_ruleset -> EOPNOTSUPP, as with Landlock
 *               built but not enabled (or ENOSYS: not built)
 * no_new_privs only where needed (a normal user), so root stays root. */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ARCH AUDIT_ARCH_AARCH64
#else
#error "fake_old_kernel: unknown architecture"
#endif

#define LOAD(field) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, field))
#define ERRNO(e) BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (e))
#define ALLOW BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: fake_old_kernel user_notif|landlock command [arg ...]\n");
		return 2;
	}
	struct sock_filter user_notif[] = {
		LOAD(arch),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH, 1, 0),
		ALLOW,
		LOAD(nr),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_seccomp, 1, 0),
		ALLOW,
		LOAD(args[0]),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SECCOMP_GET_ACTION_AVAIL, 0, 1),
		ERRNO(EOPNOTSUPP),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SECCOMP_SET_MODE_FILTER, 0, 3),
		LOAD(args[1]),
		BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, SECCOMP_FILTER_FLAG_NEW_LISTENER, 0, 1),
		ERRNO(EINVAL),
		ALLOW,
	};
	struct sock_filter landlock[] = {
		LOAD(arch),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH, 1, 0),
		ALLOW,
		LOAD(nr),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_landlock_create_ruleset, 0, 1),
		ERRNO(EOPNOTSUPP),
		ALLOW,
	};
	struct sock_fprog prog;
	if (strcmp(argv[1], "user_notif") == 0)
		prog = (struct sock_fprog){.len = sizeof(user_notif) / sizeof(user_notif[0]), .filter = user_notif};
	else if (strcmp(argv[1], "landlock") == 0)
		prog = (struct sock_fprog){.len = sizeof(landlock) / sizeof(landlock[0]), .filter = landlock};
	else {
		fprintf(stderr, "fake_old_kernel: unknown feature %s\n", argv[1]);
		return 2;
	}
	if (geteuid() != 0 && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		perror("fake_old_kernel: prctl");
		return 2;
	}
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0) {
		perror("fake_old_kernel: seccomp");
		return 2;
	}
	execvp(argv[2], argv + 2);
	perror("fake_old_kernel: exec");
	return 127;
}
