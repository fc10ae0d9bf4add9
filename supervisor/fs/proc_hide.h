/* SPDX-License-Identifier: BSD-2-Clause */
/* /proc shows only the jail's processes: path checks (proc_hide.c). */
#ifndef JAIL_SUPERVISOR_PROC_HIDE_H
#define JAIL_SUPERVISOR_PROC_HIDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tracee;

#define PROC_SUPER_MAGIC 0x9fa0
#define PROC_ROOT_INO 1

/* Is fd the root directory of a procfs? */
bool proc_is_fd_proc_root(int fd);

/* A process of the jail called chroot(2): absolute paths resolve from
 * each process's own root from now on. */
void proc_hide_chroot_seen(void);

/* Resolves path of t (relative to dirfd when not absolute) in the
 * supervisor; -ENOENT if it is, or lies under, /proc/<pid> of a process
 * outside t's jail (on any procfs, however reached), else 0. When it is on
 * a procfs, canon gets its canonical path (else ""). A path that does not
 * resolve is judged by its deepest ancestor that does. */
int proc_hide_check(const struct tracee *t, int dirfd, const char *path, bool follow, char *canon, size_t size);

/* Opens (O_PATH, close-on-exec) what path of t names, resolved from t's
 * root, cwd or dirfd as t would ("self" is t), and judged as above: the
 * descriptor, or -errno (-ENOENT for another process's entry). */
int proc_hide_open(const struct tracee *t, int dirfd, const char *path, bool follow);

/* The same, resolved under the caller's openat2 RESOLVE_* flags (BENEATH,
 * IN_ROOT, NO_SYMLINKS, NO_MAGICLINKS, NO_XDEV; CACHED gives EAGAIN), in
 * the supervisor's own walk, one component at a time. */
int proc_hide_open_resolve(const struct tracee *t, int dirfd, const char *path, bool follow, uint64_t resolve);

/* For a jail with its own root: host is an absolute translated path;
 * -ENOENT if it names another process's /proc entry, else 0. */
int proc_hide_host_path(const struct tracee *t, const char *host, bool follow);

/* fd: a supervisor descriptor of an object t reached; -ENOENT if it lies
 * under another process's /proc/<pid> (on any procfs), else 0. */
int proc_hide_fd(const struct tracee *t, int fd);

/* Top-level /proc entries that list other processes' pids (host pids
 * included) and that a jail therefore does not have: locks (the holder of
 * every file lock), sched_debug and timer_list (tasks), sysvipc (creator
 * and last pid of every IPC object). Cgroup files listing members
 * (cgroup.procs, tasks, cgroup.threads) are judged absent too.
 * docs/visibility.md. */
bool proc_hide_lists_pids(const char *name, size_t n);

#endif
