/* SPDX-License-Identifier: BSD-2-Clause */
/* Syscall handlers: one table indexed by arch-neutral id. A syscall with an
 * enter handler (wanted by the jail) stops at its seccomp stop; every other
 * known syscall runs in the kernel without stopping (see filter.c). */
#ifndef JAIL_SUPERVISOR_HANDLERS_H
#define JAIL_SUPERVISOR_HANDLERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../arch/abi.h"
#include "../../policy/static_deny.h"
#include "../engine/stop.h"

struct jail;
struct tracee;

extern const struct handler handlers[SC_COUNT];

/* Does this jail trap id on an ABI whose filter has mseal (sealed) or not? */
bool handler_wanted(enum sc_id id, const struct jail *j, bool sealed);
/* The enter handler of id in jail j (NULL: none). */
enum action (*handler_enter(enum sc_id id, const struct jail *j))(struct syscall_stop *s);
/* Is id trapped only under conditions (handlers[id].trap_if)? */
bool handler_conditional(enum sc_id id);

/* handle_uts.c */
enum action handle_uname(struct syscall_stop *s);
enum action handle_sethostname(struct syscall_stop *s);
/* mq_open, mq_unlink: no queues in a jail with its own root (handle_mqueue.c) */
enum action handle_mq_name(struct syscall_stop *s);
enum action handle_setdomainname(struct syscall_stop *s);

/* handle_path.c */
enum action handle_path(struct syscall_stop *s);
enum action handle_getcwd(struct syscall_stop *s);
enum action handle_readlink(struct syscall_stop *s);
enum action handle_chroot(struct syscall_stop *s);
enum action handle_path_denied(struct syscall_stop *s);
enum action handle_creds_change(struct syscall_stop *s);

/* handle_meta.c */
enum action handle_meta_stat(struct syscall_stop *s);
enum action handle_meta_stat64(struct syscall_stop *s);
enum action handle_meta_access(struct syscall_stop *s);
enum action handle_meta_chmod(struct syscall_stop *s);
enum action handle_meta_chown(struct syscall_stop *s);
enum action handle_meta_utimens(struct syscall_stop *s);
enum action handle_meta_utime(struct syscall_stop *s);
enum action handle_meta_inotify(struct syscall_stop *s);
/* Path calls newer than the engine's object routes (getxattrat & co.,
 * file_getattr, file_setattr): ENOSYS, as a kernel without them; the
 * kernel never walks their path after a check. */
enum action handle_meta_absent(struct syscall_stop *s);
enum action handle_meta_truncate(struct syscall_stop *s);
enum action handle_meta_statfs(struct syscall_stop *s);
enum action handle_meta_xattr(struct syscall_stop *s);
/* A path call at a ptrace stop: translated in a jail with a root, the
 * /proc guard at the host's / */
enum action handle_path_ptrace(struct syscall_stop *s);
/* chdir and O_PATH opens: translated, the object checked at the exit stop */
enum action handle_chdir(struct syscall_stop *s);
enum action handle_opath(struct syscall_stop *s);
long handle_expect_exit(struct syscall_stop *s);

/* handle_names.c: mkdir, mknod, rmdir, unlink, rename, link, symlink */
enum action handle_names(struct syscall_stop *s);

/* handle_open.c */
enum action handle_open(struct syscall_stop *s);

/* handle_exec.c */
enum action handle_execve(struct syscall_stop *s);
long handle_execve_exit(struct syscall_stop *s);

/* handle_net.c */
enum action handle_net_socket(struct syscall_stop *s);
enum action handle_net_setsockopt(struct syscall_stop *s);
enum action handle_net_getsockopt(struct syscall_stop *s);
enum action handle_net_bind(struct syscall_stop *s);
enum action handle_net_connect(struct syscall_stop *s);
enum action handle_net_listen(struct syscall_stop *s);
enum action handle_net_sendto(struct syscall_stop *s);
enum action handle_net_sendmsg(struct syscall_stop *s);
enum action handle_net_sendmmsg(struct syscall_stop *s);
/* connect, sendto, sendmsg: the exit stop of a call that ran with an
 * AF_UNIX object the caller opened (unix_object.h) */
long handle_net_object_exit(struct syscall_stop *s);
long handle_net_sendmmsg_exit(struct syscall_stop *s);
enum action handle_net_name_out(struct syscall_stop *s);
long handle_net_name_out_exit(struct syscall_stop *s);
/* handle_net_view.c */
enum action handle_netlink_recvmsg(struct syscall_stop *s);
long handle_netlink_recvmsg_exit(struct syscall_stop *s);
enum action handle_net_recvfrom(struct syscall_stop *s);
long handle_net_recvfrom_exit(struct syscall_stop *s);
enum action handle_net_ioctl(struct syscall_stop *s);
long handle_net_ioctl_exit(struct syscall_stop *s);
enum action handle_socketcall(struct syscall_stop *s);

/* handle_vm_guard.c */
enum action handle_vm_guard(struct syscall_stop *s);

/* visibility.c */
enum action handle_pid_arg0(struct syscall_stop *s);
enum action handle_tgkill(struct syscall_stop *s);
enum action handle_kcmp(struct syscall_stop *s);
enum action handle_pidfd_arg0(struct syscall_stop *s);
enum action handle_kill(struct syscall_stop *s);
enum action handle_setpgid(struct syscall_stop *s);
enum action handle_priority(struct syscall_stop *s);
enum action handle_ioprio(struct syscall_stop *s);
enum action handle_fcntl_owner(struct syscall_stop *s);
enum action handle_ioctl_owner(struct syscall_stop *s);
enum action handle_capget(struct syscall_stop *s);

/* handle_ptrace.c: ptrace emulated for a jailed tracer (docs/ptrace-emulation.md) */
enum action handle_ptrace(struct syscall_stop *s);
/* handle_wait.c: wait4, waitpid, waitid of a virtual tracer */
enum action handle_wait(struct syscall_stop *s);

/* handle_sysv.c: SysV IPC in the jail's own key space (docs/sysvipc.md) */
enum action handle_sysv(struct syscall_stop *s);
long handle_sysv_exit(struct syscall_stop *s);
bool sysv_wanted_msg(const struct jail *j);
bool sysv_wanted_sem(const struct jail *j);
bool sysv_wanted_shm(const struct jail *j);
bool sysv_wanted_ipc(const struct jail *j);

/* handle_proc.c */
enum action handle_proc_guard(struct syscall_stop *s);
enum action handle_getdents(struct syscall_stop *s);

#endif
