/* SPDX-License-Identifier: BSD-2-Clause */
/* The process table: the jail's processes keyed by thread-group id, each
 * holding its threads; every traced thread is also found by its tid. */
#ifndef JAIL_SUPERVISOR_TRACEE_H
#define JAIL_SUPERVISOR_TRACEE_H

#include <stdbool.h>
#include <sys/types.h>
#include <uthash.h>

#include <stdint.h>

#include "../../arch/abi.h"
#include "creds.h"

struct jail;
struct addr_space;
struct fs_root;
struct process;

struct tracee {
	pid_t tid;
	pid_t tgid;             /* read only: tracee_set_tgid() changes it */
	struct process *proc;   /* its process (tgid) in the table */
	struct tracee *proc_prev, *proc_next; /* the process's threads */
	struct jail *jail;
	bool attached;          /* false until its initial attach stop was seen */
	const struct abi *abi;  /* ABI of its current (or last) syscall stop */
	struct addr_space *as;  /* its address space (scratch.c); shared by threads */
	int slot;               /* its slot in the scratch area, or -1 */
	struct fs_root *root;   /* its root directory (NULL: the host's /) */
	char *exe;              /* the guest path of the program it runs, when the
	                         * kernel's /proc/<pid>/exe would say otherwise */
	char *pending_exe;      /* exe if the execve it is in succeeds */
	char *pending_comm;     /* that execve runs on a descriptor or through
	                         * the root's loader: the program's name
	                         * (exec_image.c) */
	bool pending_loader;    /* through the root's loader */
	/* Whether its credentials give it the supervisor's rights in path
	 * lookups (handle_path.c): unknown until checked in /proc, and again
	 * after an exec or a set*id, setgroups or capset call. */
	enum { CREDS_UNKNOWN = 0, CREDS_SAME, CREDS_OTHER } creds;
	/* Its credentials as read from /proc by a notification thread
	 * (valid until an exec or a set*id, setgroups or capset call). */
	bool pcreds_valid;
	struct proc_creds pcreds;
	uint64_t serial; /* unique per entry: a reused tid is another entry */
	/* The object a translated chdir or O_PATH open must reach (checked at
	 * its exit stop: handle_path.c); valid when expect_set. */
	bool expect_set;
	dev_t expect_dev;
	ino_t expect_ino;
	/* The syscall whose exit stop is awaited (SC_NONE if none), with what
	 * its exit handler needs from the enter stop. */
	enum sc_id exit_handler;
	const struct abi *exit_abi;
	uint64_t exit_args[6];
	/* Its current syscall's registers as the filter saw them (orig) and
	 * as the handler left them (set), if it changed them: put back at the
	 * exit stop, or at a signal that interrupts the call, so a restart is
	 * handled anew (event_loop.c, docs/design-notes.md). */
	bool regs_changed; /* (of the ABI in abi) */
	struct abi_call regs_orig, regs_set;
	/* A descriptor the supervisor had this thread open for the call it
	 * issues again (placed_call, as the filter saw it), or -1: an AF_UNIX
	 * name resolved inside the root (handlers/unix_object.c). Closed by
	 * exec (close-on-exec). */
	int placed_fd;
	struct abi_call placed_call;
	/* An exec on its object (handle_exec.c): placed_fd is the program the
	 * caller opened, placed_call the execveat on it, placed_orig the
	 * caller's own call (its registers are put back if the exec fails). */
	bool placed_exec;
	dev_t placed_dev;
	ino_t placed_ino;
	struct abi_call placed_orig;
	/* Virtual tracing (ptrace_virtual.h): its record if a jailed tracer
	 * traces it; as a tracer, parked in a wait (its call rewritten to a
	 * ppoll that an interrupt ends) and the event generation its last
	 * real wait saw; held at its first stop until its parent's fork event
	 * says whether it is traced. */
	struct vtrace *vt;
	bool vparked;
	bool vwait_checked;
	uint64_t vwait_gen;
	bool vnewborn;
	/* Its process has the wait filter (wait_trap.h); it is wanted at the
	 * next syscall entry (interrupted for it: wait_trap_entry). */
	bool wait_trapped;
	bool wait_trap_wanted;
	bool wait_trap_entry;
	/* The supervisor rewound its current call (injection, scratch area):
	 * the entry stop of the call issued again is not a new one. */
	bool reissued;
	/* The loader fix-up after its exec (exec_image.c) ran it on to its
	 * execve's syscall-exit stop: the stop a virtual tracer resuming with
	 * PTRACE_SYSCALL from the exec event expects next is already behind. */
	bool exec_exit_passed;
	UT_hash_handle hh; /* by tid */
};

/* The table is written only by the ptrace thread, under the write lock
 * (the functions below take it); notification threads read it under the
 * read lock, through tracee_snapshot() and vis_pid(). */
void tracee_rdlock(void);
void tracee_wrlock(void);
void tracee_unlock(void);
/* A copy of tid's entry for a notification thread, holding a reference
 * to its root (release it with tracee_snapshot_done); false if tid is not
 * traced. The copy's pointers to other entries' data (exe, as) are NULL. */
bool tracee_snapshot(pid_t tid, struct tracee *out);
void tracee_snapshot_done(struct tracee *snap);
/* Caches credentials read for entry (tid, serial), if it is still there. */
void tracee_store_creds(pid_t tid, uint64_t serial, const struct proc_creds *c);
/* Forgets them (exec, set*id ...): read again when next needed. */
void tracee_forget_creds(struct tracee *t);

/* A duplicate, in the supervisor, of the thread's descriptor fd: the same
 * open file (and offset). -errno (-EBADF: not a descriptor of it). */
int tracee_dup_fd(const struct tracee *t, int fd);
/* Closes the pidfd the calling thread keeps for tracee_dup_fd (a thread
 * that ends). */
void tracee_forget_pidfd(void);
/* open(2) / readlink(2) of a tracee's /proc/<pid>/{cwd,root,fd/N} link,
 * with the supervisor's own rights even from a thread acting as a
 * tracee. The descriptor / length, or -errno. */
int tracee_proc_open(const char *link, int flags);
ssize_t tracee_proc_readlink(const char *link, char *buf, size_t size);
/* Finds a traced thread; NULL if not traced. */
struct tracee *tracee_find(pid_t tid);
/* Adds (or returns the existing) entry for tid, a thread of process tgid. */
struct tracee *tracee_add(pid_t tid, pid_t tgid, struct jail *jail);
/* Moves t to process tgid (its thread group became known after it was
 * added). */
void tracee_set_tgid(struct tracee *t, pid_t tgid);
void tracee_remove(struct tracee *t);
/* Removes every thread of tgid except the one with tid keep (exec from a
 * non-leader thread: the other threads are gone). */
void tracee_remove_group_except(pid_t tgid, pid_t keep);
/* Gives every thread of tgid the root r (chroot); takes a new reference. */
void tracee_set_root(pid_t tgid, struct fs_root *r);
/* A child starts with its parent's root and program. */
void tracee_inherit_fs(struct tracee *child, const struct tracee *parent);
/* For readlink of host path /proc/P/exe (or /proc/P/task/T/exe) of a traced
 * process whose exe is recorded: true and that path in out. */
bool tracee_exe_for_link(const struct tracee *asker, const char *host, char *out, size_t size);
/* Sets t->exe (takes ownership of exe, may be NULL). */
void tracee_set_exe(struct tracee *t, char *exe);
/* Number of traced threads. */
unsigned tracee_count(void);
/* How many entries were ever added: changes when a thread joins. */
uint64_t tracee_added(void);
/* Number of processes (thread groups) with a traced thread. */
unsigned tracee_process_count(void);
/* The processes with a traced thread of jail j (NULL: of any jail), by
 * thread-group id ascending, at most max of them in out. Their number. */
unsigned tracee_tgids(const struct jail *j, pid_t *out, unsigned max);

#endif
