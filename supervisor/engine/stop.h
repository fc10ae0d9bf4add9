/* SPDX-License-Identifier: BSD-2-Clause */
/* A syscall stop as the engine hands it to a handler, the actions a
 * handler answers with, the handler table's row, and the only ways a
 * handler changes the stopped call (stop.c). The table itself is the
 * handlers layer's (handlers/handler_table.c), given to the engine at
 * start (struct supervisor). */
#ifndef JAIL_SUPERVISOR_STOP_H
#define JAIL_SUPERVISOR_STOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../arch/abi.h"
#include "../../policy/static_deny.h"

struct jail;
struct tracee;

struct syscall_stop {
	struct tracee *t;
	const struct abi *abi;
	enum sc_id id;
	uint64_t args[6];
	long retval; /* enter: the value to return with ACT_RETURN; exit: the result */
	int socketcall; /* i386: the socketcall(2) call this stop came through, or 0 */
	/* With ACT_RETURN: the jail's rule that refused the call, for jail -v
	 * (reported as a static denial is); NULL if not a refusal. */
	const char *refused;
	/* Served from a seccomp user notification (notify.c), not a ptrace
	 * stop: registers cannot change, the scratch area is not used. */
	bool notified;
	bool regs_touched; /* a handler tried to change registers while notified */
	/* The handler injected calls and rewound: the registers are the
	 * original ones and the tracee issues the call again when resumed;
	 * nothing else may change them (i386's socketcall). */
	bool rewound;
	int fd;            /* ACT_FD: the supervisor's descriptor to hand over */
	unsigned fd_flags; /* ACT_FD: O_CLOEXEC or 0 */
};

enum action {
	ACT_CONTINUE,  /* run the syscall as it is */
	ACT_RETURN,    /* do not run it; the tracee gets s->retval */
	ACT_EXIT_STOP, /* run it, then call the exit handler with the result */
	ACT_FD,        /* notified only: the result is s->fd, installed in the
			* caller (seccomp ADDFD with SEND); the supervisor's copy
			* is closed */
};

/* Conditions one conditional trap may have (handler.trap_if). */
#define HANDLER_TRAP_MAX 8

struct handler {
	enum action (*enter)(struct syscall_stop *s);
	/* Sees s->retval; returns the value the tracee gets. */
	long (*exit)(struct syscall_stop *s);
	/* Whether this jail needs the handler; NULL means always. */
	bool (*wanted)(const struct jail *j);
	/* The enter handler may call scratch_put(): the area is mapped first. */
	bool uses_scratch;
	/* Trapped only on ABIs whose filter cannot let mseal through (so the
	 * scratch area cannot be sealed there): see handle_vm_guard.c. */
	bool unsealed_abis_only;
	/* Stop only when one of these conditions holds (each one rule of the
	 * kernel filter, e.g. fcntl's F_SETOWN); none used: always. */
	struct deny_cond trap_if[HANDLER_TRAP_MAX];
	/* Served from seccomp user notification (SECCOMP_RET_USER_NOTIF) by
	 * the notification threads instead of a ptrace stop: the handler
	 * emulates the call in full (ACT_RETURN, ACT_FD), or answers
	 * ACT_CONTINUE only for a decision made from registers alone. */
	bool notify;
	/* With notify: the call stops for ptrace instead when this one-bit
	 * condition holds (DENY_CMP_MASKED_EQ, value == mask): O_PATH opens,
	 * whose descriptors ADDFD cannot pass (the kernel's fget refuses
	 * them). The enter handler then runs at a ptrace stop. */
	struct deny_cond ptrace_if;
	/* With notify: on the native ABI only; another ABI (i386's stat,
	 * 16-bit chown, 32-bit times) stops for ptrace. */
	bool notify_native_only;
	/* The enter handler in a jail whose root is the host's / (when set,
	 * the call is trapped there even if wanted() says no). */
	enum action (*enter_at_host_root)(struct syscall_stop *s);
};

/* The only ways an enter handler changes the stopped call's registers:
 * argument i, or the whole call (number and arguments). The event loop
 * puts the originals back at the exit stop or when a signal interrupts
 * the call (event_loop.c). 0 or -errno. */
int stop_set_arg(struct syscall_stop *s, int i, uint64_t value);
int stop_set_call(struct syscall_stop *s, long nr, const uint64_t args[6]);
/* Argument i, a pointer to len bytes the handler has checked (data), is
 * pointed at a copy of them in the thread's scratch slot: the kernel reads
 * what was checked. ACT_CONTINUE, or ACT_RETURN with s->retval set. */
enum action stop_arg_to_copy(struct syscall_stop *s, int i, const void *data, size_t len);

#endif
