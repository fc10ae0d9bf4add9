/* Syscall handlers: one table indexed by arch-neutral id. A syscall with an
 * enter handler (wanted by the jail) stops at its seccomp stop; every other
 * known syscall runs in the kernel without stopping (see filter.c). */
#ifndef JAIL_SUPERVISOR_HANDLERS_H
#define JAIL_SUPERVISOR_HANDLERS_H

#include <stdbool.h>
#include <stdint.h>

#include "../arch/abi.h"

struct jail;
struct tracee;

struct syscall_stop {
	struct tracee *t;
	const struct abi *abi;
	enum sc_id id;
	uint64_t args[6];
	long retval; /* enter: the value to return with ACT_RETURN; exit: the result */
};

enum action {
	ACT_CONTINUE,  /* run the syscall as it is */
	ACT_RETURN,    /* do not run it; the tracee gets s->retval */
	ACT_EXIT_STOP, /* run it, then call the exit handler with the result */
};

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
};

extern const struct handler handlers[SC_COUNT];

/* Does this jail trap id on an ABI whose filter has mseal (sealed) or not? */
bool handler_wanted(enum sc_id id, const struct jail *j, bool sealed);

/* handle_uts.c */
enum action handle_uname(struct syscall_stop *s);
enum action handle_sethostname(struct syscall_stop *s);
enum action handle_setdomainname(struct syscall_stop *s);

/* handle_path.c */
enum action handle_path(struct syscall_stop *s);
enum action handle_openat2(struct syscall_stop *s);
enum action handle_getcwd(struct syscall_stop *s);
enum action handle_readlink(struct syscall_stop *s);
enum action handle_chroot(struct syscall_stop *s);
enum action handle_path_denied(struct syscall_stop *s);
enum action handle_creds_change(struct syscall_stop *s);

/* handle_exec.c */
enum action handle_execve(struct syscall_stop *s);

/* handle_net.c */
enum action handle_net_socket(struct syscall_stop *s);
enum action handle_net_setsockopt(struct syscall_stop *s);
enum action handle_net_bind(struct syscall_stop *s);
enum action handle_net_connect(struct syscall_stop *s);
enum action handle_net_listen(struct syscall_stop *s);
enum action handle_net_sendto(struct syscall_stop *s);
enum action handle_net_sendmsg(struct syscall_stop *s);
enum action handle_net_sendmmsg(struct syscall_stop *s);
long handle_net_sendmmsg_exit(struct syscall_stop *s);
enum action handle_net_name_out(struct syscall_stop *s);
long handle_net_name_out_exit(struct syscall_stop *s);
enum action handle_socketcall(struct syscall_stop *s);

/* handle_vm_guard.c */
enum action handle_vm_guard(struct syscall_stop *s);

#endif
