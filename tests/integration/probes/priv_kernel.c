/* SPDX-License-Identifier: BSD-2-Clause */
/* Jailed root may not touch the kernel or the host's hardware: modules,
 * reboot and kexec, quotas, swap, accounting, I/O ports, BPF, perf, kcmp,
 * fanotify, vhangup, uselib, userfaultfd, file handles. Each call is made
 * harmless without the jail: a bad reboot magic, a module that does not
 * exist, missing paths, invalid descriptors or flags, a terminal hangup in
 * a session with no terminal. */
#include <fcntl.h>
#include <sys/quota.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "probe.h"

#ifndef SYS_quotactl_fd
#define SYS_quotactl_fd 443
#endif

#define NOPATH "/nonexistent-jail-probe"

/* vhangup in a child with no controlling terminal (a new session). */
static long vhangup_without_terminal(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		setsid();
		_exit(syscall(SYS_vhangup) == 0 ? 0 : errno == EPERM ? 1 : 2);
	}
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
		errno = ECHILD;
		return -1;
	}
	if (WEXITSTATUS(status) == 0)
		return 0;
	errno = WEXITSTATUS(status) == 1 ? EPERM : EIO;
	return -1;
}

int main(void)
{
	struct {
		unsigned int handle_bytes;
		int handle_type;
		unsigned char f_handle[128];
	} fh = {.handle_bytes = 128};
	int mount_id;
	char dq[256];
	char ldt[16];

	/* modules */
	CHECK_DENIED(syscall(SYS_init_module, NULL, 0, ""), EPERM);
	CHECK_DENIED(syscall(SYS_finit_module, -1, "", 0), EPERM);
	CHECK_DENIED(syscall(SYS_delete_module, "jail_probe_no_such_module", O_NONBLOCK), EPERM);
	/* reboot with an invalid magic; kexec with too many segments */
	CHECK_DENIED(syscall(SYS_reboot, 0, 0, 0, NULL), EPERM);
	CHECK_DENIED(syscall(SYS_kexec_load, 0, 1000, NULL, 0), EPERM);
#ifdef SYS_kexec_file_load
	CHECK_DENIED(syscall(SYS_kexec_file_load, -1, -1, 0, "", 0), EPERM);
#endif
#ifdef SYS_create_module
	CHECK_DENIED(syscall(SYS_create_module, "jail_probe", 0), EPERM); /* gone from the kernel: ENOSYS */
#endif
#ifdef SYS_nfsservctl
	CHECK_DENIED(syscall(SYS_nfsservctl, 0, NULL, NULL), EPERM); /* gone from the kernel: ENOSYS */
#endif
	/* quotas of a device that does not exist, of an invalid descriptor */
	CHECK_DENIED(syscall(SYS_quotactl, QCMD(Q_GETQUOTA, USRQUOTA), NOPATH, 0, dq), EPERM);
	CHECK_DENIED(syscall(SYS_quotactl_fd, -1, QCMD(Q_GETQUOTA, USRQUOTA), 0, dq), EPERM);
	/* swap and accounting on files that do not exist */
	CHECK_DENIED(syscall(SYS_swapon, NOPATH, 0), EPERM);
	CHECK_DENIED(syscall(SYS_swapoff, NOPATH), EPERM);
	CHECK_DENIED(syscall(SYS_acct, NOPATH), EPERM);
#if defined(__x86_64__) || defined(__i386__)
	/* I/O ports: same level (a no-op), an empty range; read 0 LDT bytes */
	CHECK_DENIED(syscall(SYS_iopl, 0), EPERM);
	CHECK_DENIED(syscall(SYS_ioperm, 0, 0, 0), EPERM);
	CHECK_DENIED(syscall(SYS_modify_ldt, 0, ldt, 0), EPERM);
#endif
	(void)ldt;
	/* kernel interfaces, with invalid commands and flags */
	CHECK_DENIED(syscall(SYS_bpf, 9999, NULL, 0), EPERM);
	CHECK_DENIED(syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0), EPERM);
	CHECK_DENIED(syscall(SYS_kcmp, getpid(), getpid(), 9999, 0, 0), EPERM);
	CHECK_DENIED(syscall(SYS_lookup_dcookie, 0, NULL, 0), EPERM);
	CHECK_DENIED(syscall(SYS_fanotify_init, 0x80000000u, 0), EPERM);
	CHECK_DENIED(vhangup_without_terminal(), EPERM);
#ifdef SYS_uselib
	CHECK_DENIED(syscall(SYS_uselib, NOPATH), EPERM);
#endif
	CHECK_DENIED(syscall(SYS_userfaultfd, 0x7fffffff), EPERM);
	/* file handles */
	CHECK_DENIED(syscall(SYS_name_to_handle_at, AT_FDCWD, NOPATH, &fh, &mount_id, 0), EPERM);
	CHECK_DENIED(syscall(SYS_open_by_handle_at, -1, &fh, O_RDONLY), EPERM);
	checks_done("modules, reboot, kexec, quotas, swap, acct, I/O ports, bpf, perf, kcmp, fanotify, vhangup, "
		    "uselib, userfaultfd and file handles give EPERM");
}
