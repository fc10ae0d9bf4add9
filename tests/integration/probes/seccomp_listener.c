/* SPDX-License-Identifier: BSD-2-Clause */
/* A tracee's own filter with SECCOMP_FILTER_FLAG_NEW_LISTENER would return
 * USER_NOTIF, which outranks the supervisor's TRACE: the supervisor would
 * never see those syscalls. The jail refuses the flag with EPERM. */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#include "probe.h"

int main(void)
{
	/* allow everything except uname, which goes to the listener */
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_uname, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {sizeof(code) / sizeof(code[0]), code};

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		fail("no_new_privs: %s", strerror(errno));
	long fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
	if (fd >= 0)
		fail("seccomp(NEW_LISTENER) gave listener fd %ld", fd);
	if (errno != EPERM)
		fail("seccomp(NEW_LISTENER): %s, want EPERM", strerror(errno));
	/* a filter without a listener is fine */
	code[2] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
		fail("a plain seccomp filter was refused: %s", strerror(errno));
	pass("seccomp(NEW_LISTENER) gives EPERM, plain filters work");
}
