/* SPDX-License-Identifier: BSD-2-Clause */
#include "handlers.h"
#include "caller_open.h"
#include "handle_mount.h"

#include <fcntl.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <linux/sockios.h>

#include "../../policy/jail.h"

/* Path handlers translate only in a jail whose root is not the host's /;
 * at the host's / the /proc guard (handle_proc.c) checks them instead. */
/* Not in the jail's filter: trapped only by a filter of the process's own
 * (the waits of a virtual tracer: engine/wait_trap.c). */
static bool own_filter_only(const struct jail *j)
{
	(void)j;
	return false;
}

#define PATH(fn) {.enter = fn, .wanted = jail_has_root, .uses_scratch = true, .enter_at_host_root = handle_proc_guard}
/* exec on the object the caller opened; its exit closes that if it failed */
#define EXEC {.enter = handle_execve, .exit = handle_execve_exit, .wanted = jail_has_root, .uses_scratch = true, \
	      .enter_at_host_root = handle_proc_guard}
#define PATH_NOSCRATCH(fn) {.enter = fn, .wanted = jail_has_root}
/* Served from user notification, everywhere (handle_open.c) */
#define OPEN(fn) {.enter = fn, .notify = true}
#define NAMES {.enter = handle_names, .notify = true}
#define OPEN_PATH_TRACED(fn, n) {.enter = fn, .exit = handle_expect_exit, .notify = true, .uses_scratch = true, \
				 .ptrace_if = {DENY_CMP_MASKED_EQ, (n), O_PATH, O_PATH}}
/* Metadata calls from user notification (handle_meta.c), everywhere;
 * _N: other ABIs' layouts stop for ptrace (handle_path.c) */
#define META(fn) {.enter = fn, .notify = true}
#define META_N(fn) {.enter = fn, .notify = true, .notify_native_only = true}
/* Trapped when argument n is not 0 (a pid other than the caller's). */
#define PID_NONZERO(fn, n) {.enter = fn, .trap_if = {DC_NE(n, 0)}}
/* Sockets (handle_net.c): every jail is bound to its addresses. */
#define NET(fn) {.enter = fn, .uses_scratch = true}
/* ... whose AF_UNIX name may be an object opened for it (unix_object.h) */
#define NET_OBJ(fn) {.enter = fn, .exit = handle_net_object_exit, .uses_scratch = true}
#define NET_OUT {.enter = handle_net_name_out, .exit = handle_net_name_out_exit, .wanted = jail_has_root}

const struct handler handlers[SC_COUNT] = {
	/* hostname (handle_uts.c) */
	[SC_uname] = {.enter = handle_uname},
	[SC_olduname] = {.enter = handle_uname},
	[SC_oldolduname] = {.enter = handle_uname},
	[SC_sethostname] = {.enter = handle_sethostname},
	[SC_setdomainname] = {.enter = handle_setdomainname},
	/* POSIX message queues: none in a jail with its own root (handle_mqueue.c) */
	[SC_mq_open] = {.enter = handle_mq_name, .wanted = jail_has_root},
	[SC_mq_unlink] = {.enter = handle_mq_name, .wanted = jail_has_root},

	/* credentials change: the credentials the supervisor acts with for
	 * the thread are read again (handle_path.c, act_as.c) */
	[SC_setuid] = {.enter = handle_creds_change},
	[SC_setuid32] = {.enter = handle_creds_change},
	[SC_setgid] = {.enter = handle_creds_change},
	[SC_setgid32] = {.enter = handle_creds_change},
	[SC_setreuid] = {.enter = handle_creds_change},
	[SC_setreuid32] = {.enter = handle_creds_change},
	[SC_setregid] = {.enter = handle_creds_change},
	[SC_setregid32] = {.enter = handle_creds_change},
	[SC_setresuid] = {.enter = handle_creds_change},
	[SC_setresuid32] = {.enter = handle_creds_change},
	[SC_setresgid] = {.enter = handle_creds_change},
	[SC_setresgid32] = {.enter = handle_creds_change},
	[SC_setfsuid] = {.enter = handle_creds_change},
	[SC_setfsuid32] = {.enter = handle_creds_change},
	[SC_setfsgid] = {.enter = handle_creds_change},
	[SC_setfsgid32] = {.enter = handle_creds_change},
	[SC_setgroups] = {.enter = handle_creds_change},
	[SC_setgroups32] = {.enter = handle_creds_change},
	[SC_capset] = {.enter = handle_creds_change},

	/* paths (handle_path.c, handle_exec.c) */
	[SC_open] = OPEN_PATH_TRACED(handle_open, 1),
	[SC_creat] = OPEN(handle_open),
	[SC_openat] = OPEN_PATH_TRACED(handle_open, 2),
	/* a size with bit 64 (the supervisor's own injected openat2,
	 * caller_open.h) stops for ptrace, where it runs; a program's gets
	 * ENOSYS there */
	[SC_openat2] = {.enter = handle_open, .notify = true,
			.ptrace_if = {DENY_CMP_MASKED_EQ, 3, CALLER_OPEN_HOW_BIT, CALLER_OPEN_HOW_BIT}},
	[SC_stat] = META(handle_meta_stat), /* i386's: the compat struct stat */
	[SC_stat64] = META(handle_meta_stat64), /* i386 */
	[SC_oldstat] = META(handle_meta_stat64), /* i386 */
	[SC_lstat] = META(handle_meta_stat),
	[SC_lstat64] = META(handle_meta_stat64),
	[SC_oldlstat] = META(handle_meta_stat64),
	[SC_newfstatat] = META_N(handle_meta_stat),
	[SC_fstatat64] = META(handle_meta_stat64),
	[SC_statx] = META(handle_meta_stat),
	[SC_statfs] = META(handle_meta_statfs),
	[SC_statfs64] = META(handle_meta_statfs), /* i386 */
	[SC_access] = META(handle_meta_access),
	[SC_faccessat] = META(handle_meta_access),
	[SC_faccessat2] = META(handle_meta_access),
	[SC_chdir] = {.enter = handle_chdir, .exit = handle_expect_exit, .uses_scratch = true},
	/* names made, removed, renamed (handle_names.c): on the directory's
	 * object, everywhere; linkat with AT_EMPTY_PATH links the object of
	 * the caller's descriptor */
	[SC_mkdir] = NAMES,
	[SC_mkdirat] = NAMES,
	[SC_rmdir] = NAMES,
	[SC_unlink] = NAMES,
	[SC_unlinkat] = NAMES,
	[SC_rename] = NAMES,
	[SC_renameat] = NAMES,
	[SC_renameat2] = NAMES,
	[SC_link] = NAMES,
	[SC_linkat] = NAMES,
	[SC_symlink] = NAMES,
	[SC_symlinkat] = NAMES,
	[SC_mknod] = NAMES,
	[SC_mknodat] = NAMES,
	[SC_chmod] = META(handle_meta_chmod),
	[SC_fchmodat] = META(handle_meta_chmod),
	[SC_fchmodat2] = META(handle_meta_chmod),
	[SC_chown] = META(handle_meta_chown), /* i386: 16-bit ids */
	[SC_chown32] = META(handle_meta_chown),
	[SC_lchown] = META(handle_meta_chown),
	[SC_lchown32] = META(handle_meta_chown),
	[SC_fchownat] = META(handle_meta_chown),
	[SC_utime] = META(handle_meta_utime),
	[SC_utimes] = META(handle_meta_utime),
	[SC_futimesat] = META(handle_meta_utime),
	[SC_utimensat] = META_N(handle_meta_utimens),
	[SC_utimensat_time64] = META(handle_meta_utimens),
	[SC_truncate] = META(handle_meta_truncate),
	[SC_truncate64] = META(handle_meta_truncate), /* i386 */
	/* Linux 6.17's: as on a kernel without them (handle_meta.c) */
	[SC_file_getattr] = META(handle_meta_absent),
	[SC_file_setattr] = META(handle_meta_absent),
	[SC_getxattr] = META(handle_meta_xattr),
	[SC_setxattr] = META(handle_meta_xattr),
	[SC_listxattr] = META(handle_meta_xattr),
	[SC_removexattr] = META(handle_meta_xattr),
	[SC_lgetxattr] = META(handle_meta_xattr),
	[SC_lsetxattr] = META(handle_meta_xattr),
	[SC_llistxattr] = META(handle_meta_xattr),
	[SC_lremovexattr] = META(handle_meta_xattr),
	/* Linux 6.13's: as on a kernel without them; callers use the
	 * {,l,f}*xattr calls, which run on the object */
	[SC_getxattrat] = META(handle_meta_absent),
	[SC_setxattrat] = META(handle_meta_absent),
	[SC_listxattrat] = META(handle_meta_absent),
	[SC_removexattrat] = META(handle_meta_absent),
	[SC_inotify_add_watch] = META(handle_meta_inotify),
	[SC_acct] = PATH(handle_path),
	[SC_quotactl] = PATH(handle_path),
	[SC_uselib] = PATH(handle_path),
	[SC_swapon] = PATH(handle_path),
	[SC_swapoff] = PATH(handle_path),
	[SC_execve] = EXEC,
	[SC_execveat] = EXEC,
	/* emulated in full (the link read through an object): from user
	 * notification, with or without a root */
	[SC_readlink] = {.enter = handle_readlink, .notify = true},
	[SC_readlinkat] = {.enter = handle_readlink, .notify = true},
	[SC_getcwd] = PATH_NOSCRATCH(handle_getcwd),
	[SC_chroot] = PATH(handle_chroot),
	/* mounts, handles and fanotify would reach the host by path or id */
	/* allow.mount (handle_mount.c, which checks it); without it the deny
	 * table's EPERM comes first */
	[SC_mount] = {.enter = handle_mount, .notify = true},
	[SC_umount] = {.enter = handle_umount, .notify = true},
	[SC_umount2] = {.enter = handle_umount, .notify = true},
	[SC_pivot_root] = PATH_NOSCRATCH(handle_path_denied),
	[SC_fsopen] = PATH_NOSCRATCH(handle_path_denied),
	[SC_fspick] = PATH_NOSCRATCH(handle_path_denied),
	[SC_move_mount] = PATH_NOSCRATCH(handle_path_denied),
	[SC_open_tree] = PATH_NOSCRATCH(handle_path_denied),
	[SC_open_tree_attr] = PATH_NOSCRATCH(handle_path_denied),
	[SC_mount_setattr] = PATH_NOSCRATCH(handle_path_denied),
	[SC_name_to_handle_at] = PATH_NOSCRATCH(handle_path_denied),
	[SC_open_by_handle_at] = PATH_NOSCRATCH(handle_path_denied),
	[SC_fanotify_mark] = PATH_NOSCRATCH(handle_path_denied),
	[SC_quotactl_fd] = PATH_NOSCRATCH(handle_path_denied),

	/* process visibility (visibility.c): pids outside the jail are ESRCH */
	[SC_kill] = {.enter = handle_kill},
	/* debugging inside the jail (docs/ptrace-emulation.md): every request
	 * is emulated; a tracer's waits see the stops it holds, and only a
	 * tracer's waits stop */
	[SC_ptrace] = {.enter = handle_ptrace},
	[SC_wait4] = {.enter = handle_wait, .wanted = own_filter_only},
	[SC_waitpid] = {.enter = handle_wait, .wanted = own_filter_only},
	[SC_waitid] = {.enter = handle_wait, .wanted = own_filter_only},
	[SC_tkill] = {.enter = handle_pid_arg0},
	[SC_tgkill] = {.enter = handle_tgkill},
	[SC_rt_sigqueueinfo] = {.enter = handle_pid_arg0},
	[SC_rt_tgsigqueueinfo] = {.enter = handle_tgkill},
	[SC_pidfd_open] = {.enter = handle_pid_arg0},
	[SC_pidfd_send_signal] = {.enter = handle_pidfd_arg0},
	[SC_pidfd_getfd] = {.enter = handle_pidfd_arg0},
	[SC_process_madvise] = {.enter = handle_pidfd_arg0},
	[SC_process_mrelease] = {.enter = handle_pidfd_arg0},
	[SC_getpgid] = PID_NONZERO(handle_pid_arg0, 0),
	[SC_getsid] = PID_NONZERO(handle_pid_arg0, 0),
	[SC_setpgid] = {.enter = handle_setpgid},
	[SC_getpriority] = {.enter = handle_priority},
	[SC_setpriority] = {.enter = handle_priority},
	[SC_sched_getaffinity] = PID_NONZERO(handle_pid_arg0, 0),
	[SC_sched_setaffinity] = PID_NONZERO(handle_pid_arg0, 0),
	[SC_sched_getattr] = PID_NONZERO(handle_pid_arg0, 0),
	[SC_sched_setattr] = PID_NONZERO(handle_pid_arg0, 0),
	[SC_sched_getparam] = PID_NONZERO(handle_pid_arg0, 0),
	[SC_sched_setparam] = PID_NONZERO(handle_pid_arg0, 0),
	[SC_sched_getscheduler] = PID_NONZERO(handle_pid_arg0, 0),
	[SC_sched_setscheduler] = PID_NONZERO(handle_pid_arg0, 0),
	[SC_sched_rr_get_interval] = PID_NONZERO(handle_pid_arg0, 0),
	[SC_sched_rr_get_interval_time64] = PID_NONZERO(handle_pid_arg0, 0),
	[SC_prlimit64] = PID_NONZERO(handle_pid_arg0, 0),
	[SC_ioprio_get] = {.enter = handle_ioprio},
	[SC_ioprio_set] = {.enter = handle_ioprio},
	[SC_process_vm_readv] = {.enter = handle_pid_arg0},
	[SC_process_vm_writev] = {.enter = handle_pid_arg0},
	[SC_kcmp] = {.enter = handle_kcmp},
	[SC_capget] = {.enter = handle_capget, .uses_scratch = true},
	[SC_get_robust_list] = PID_NONZERO(handle_pid_arg0, 0),
	[SC_migrate_pages] = PID_NONZERO(handle_pid_arg0, 0),
	[SC_move_pages] = PID_NONZERO(handle_pid_arg0, 0),
	[SC_fcntl] = {.enter = handle_fcntl_owner, .uses_scratch = true,
		      .trap_if = {DC_EQ32(1, F_SETOWN), DC_EQ32(1, F_SETOWN_EX)}},
	[SC_fcntl64] = {.enter = handle_fcntl_owner, .uses_scratch = true,
			.trap_if = {DC_EQ32(1, F_SETOWN), DC_EQ32(1, F_SETOWN_EX)}},
	/* TIOCSPGRP, FIOSETOWN, SIOCSPGRP (visibility.c); SIOCGIFCONF,
	 * SIOCGIFADDR, SIOCGIFNETMASK, SIOCGIFBRDADDR, SIOCGIFDSTADDR (the
	 * jail's addresses, handle_net_view.c) */
	[SC_ioctl] = {.enter = handle_net_ioctl, .exit = handle_net_ioctl_exit, .uses_scratch = true,
		      .trap_if = {DC_EQ32(1, TIOCSPGRP), DC_EQ32(1, FIOSETOWN), DC_EQ32(1, SIOCSPGRP),
				  DC_EQ32(1, SIOCGIFCONF), DC_EQ32(1, SIOCGIFADDR), DC_EQ32(1, SIOCGIFNETMASK),
				  DC_EQ32(1, SIOCGIFBRDADDR), DC_EQ32(1, SIOCGIFDSTADDR)}},
	/* /proc listings show the jail's processes only (handle_proc.c) */
	[SC_getdents] = {.enter = handle_getdents},
	/* emulated in full on the native ABI: from user notification */
	[SC_getdents64] = {.enter = handle_getdents, .notify = true, .notify_native_only = true},
	[SC_readdir] = {.enter = handle_getdents},

	/* sockets (handle_net.c; register-only decisions are in filter_net.c) */
	[SC_socket] = {.enter = handle_net_socket, .notify = true},
	[SC_setsockopt] = {.enter = handle_net_setsockopt},
	/* what a netlink proxy's end is (handle_netlink.c) */
	[SC_getsockopt] = {.enter = handle_net_getsockopt,
			   .trap_if = {DC_EQ32(2, SO_TYPE), DC_EQ32(2, SO_PROTOCOL), DC_EQ32(2, SO_DOMAIN)}},
	[SC_bind] = NET(handle_net_bind),
	[SC_connect] = NET_OBJ(handle_net_connect),
	[SC_listen] = {.enter = handle_net_listen},
	[SC_sendto] = NET_OBJ(handle_net_sendto),
	[SC_sendmsg] = NET_OBJ(handle_net_sendmsg),
	[SC_sendmmsg] = {.enter = handle_net_sendmmsg, .exit = handle_net_sendmmsg_exit, .uses_scratch = true},
	[SC_socketcall] = NET(handle_socketcall),
	/* at the host's / too: a netlink proxy's name (handle_netlink.c) */
	[SC_getsockname] = {.enter = handle_net_name_out, .exit = handle_net_name_out_exit, .wanted = jail_has_root,
			    .enter_at_host_root = handle_net_name_out},
	[SC_getpeername] = NET_OUT,
	[SC_accept] = NET_OUT,
	[SC_accept4] = NET_OUT,
	/* with a source address (recv() passes none): its AF_UNIX name in a
	 * jail with its own root (handle_net.c); a NETLINK_ROUTE socket's
	 * bytes, as recvmsg's (handle_net_view.c) */
	[SC_recvfrom] = {.enter = handle_net_recvfrom, .exit = handle_net_recvfrom_exit, .trap_if = {DC_NE(4, 0)}},
	/* the jail's own addresses in netlink route dumps (handle_net_view.c) */
	[SC_recvmsg] = {.enter = handle_netlink_recvmsg, .exit = handle_netlink_recvmsg_exit},

	/* the scratch area where mseal is not available (handle_vm_guard.c) */
	[SC_munmap] = {.enter = handle_vm_guard, .unsealed_abis_only = true},
	[SC_mprotect] = {.enter = handle_vm_guard, .unsealed_abis_only = true},
	[SC_pkey_mprotect] = {.enter = handle_vm_guard, .unsealed_abis_only = true},
	[SC_mremap] = {.enter = handle_vm_guard, .unsealed_abis_only = true},
	[SC_madvise] = {.enter = handle_vm_guard, .unsealed_abis_only = true},
	[SC_mmap] = {.enter = handle_vm_guard, .unsealed_abis_only = true},
	[SC_mmap2] = {.enter = handle_vm_guard, .unsealed_abis_only = true},
	[SC_remap_file_pages] = {.enter = handle_vm_guard, .unsealed_abis_only = true},
	/* ... and SysV IPC in a jail's own key space (handle_sysv.c), which
	 * runs that guard first: trapped where unsealed, or when wanted */
	[SC_shmat] = {.enter = handle_sysv, .unsealed_abis_only = true, .wanted = sysv_wanted_shm},
	[SC_ipc] = {.enter = handle_sysv, .exit = handle_sysv_exit, .unsealed_abis_only = true,
		    .wanted = sysv_wanted_ipc},
	[SC_shmget] = {.enter = handle_sysv, .wanted = sysv_wanted_shm},
	[SC_shmctl] = {.enter = handle_sysv, .exit = handle_sysv_exit, .wanted = sysv_wanted_shm},
	[SC_semget] = {.enter = handle_sysv, .wanted = sysv_wanted_sem},
	[SC_semop] = {.enter = handle_sysv, .wanted = sysv_wanted_sem},
	[SC_semtimedop] = {.enter = handle_sysv, .wanted = sysv_wanted_sem},
	[SC_semtimedop_time64] = {.enter = handle_sysv, .wanted = sysv_wanted_sem},
	[SC_semctl] = {.enter = handle_sysv, .exit = handle_sysv_exit, .wanted = sysv_wanted_sem},
	[SC_msgget] = {.enter = handle_sysv, .wanted = sysv_wanted_msg},
	[SC_msgsnd] = {.enter = handle_sysv, .wanted = sysv_wanted_msg},
	[SC_msgrcv] = {.enter = handle_sysv, .wanted = sysv_wanted_msg},
	[SC_msgctl] = {.enter = handle_sysv, .exit = handle_sysv_exit, .wanted = sysv_wanted_msg},
};

bool handler_wanted(enum sc_id id, const struct jail *j, bool sealed)
{
	if ((int)id <= 0 || id >= SC_COUNT || !handlers[id].enter)
		return false;
	if (handlers[id].unsealed_abis_only) /* wanted(): also where sealed, when it says so */
		return !sealed || (handlers[id].wanted && handlers[id].wanted(j));
	if (handlers[id].enter_at_host_root && !jail_has_root(j))
		return true;
	return !handlers[id].wanted || handlers[id].wanted(j);
}

enum action (*handler_enter(enum sc_id id, const struct jail *j))(struct syscall_stop *s)
{
	if ((int)id <= 0 || id >= SC_COUNT)
		return NULL;
	if (handlers[id].enter_at_host_root && !jail_has_root(j))
		return handlers[id].enter_at_host_root;
	return handlers[id].enter;
}

bool handler_conditional(enum sc_id id)
{
	return (int)id > 0 && id < SC_COUNT && handlers[id].trap_if[0].cmp != DENY_CMP_NONE;
}
