/* SPDX-License-Identifier: BSD-2-Clause */
/* The control socket: how jls, jexec, jkill and jail -r talk to the
 * supervisor of a jail. AF_UNIX SOCK_SEQPACKET in the user's private
 * registry directory; the supervisor accepts only peers with its own uid
 * (SO_PEERCRED) that are not traced (every jailed process is: a jail cannot
 * drive its own or another jail's supervisor), and checks with a pidfd that
 * the peer it seizes is the process that connected.
 *
 *   INFO        -> ctl_info (the jail's live parameters, process count)
 *   PIDS        -> ctl_reply{value = n}, then the n pids in messages
 *   KILL sig    -> ctl_reply{value = processes signalled}
 *   REMOVE      -> SIGTERM to every process, SIGKILL after stop.timeout;
 *                  ctl_reply once they are all gone and the entry removed
 *   ATTACH      -> ctl_info (status -errno if the jail cannot take it)
 *   ATTACH_GO   -> the supervisor PTRACE_SEIZEs the peer (jexec), which
 *                  then loads the jail's filters itself; ctl_reply
 *   LISTENER    -> (after ATTACH_GO, with the seccomp listener of those
 *                  filters in SCM_RIGHTS; once) the supervisor serves it;
 *                  no reply
 *   FILTERS     -> ctl_reply{value = n}, then the jail's n seccomp filters
 *                  as BPF programs, one message each, in load order: what
 *                  jexec loads (it builds none itself, so it links no
 *                  handler table) */
#ifndef JAIL_SUPERVISOR_CONTROL_H
#define JAIL_SUPERVISOR_CONTROL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "../../policy/jail.h"

#define CTL_MAGIC 0x4a4c3031u /* "JL01" */
#define CTL_PIDS_PER_MSG 1024

enum ctl_op {
	CTL_INFO = 1,
	CTL_PIDS,
	CTL_KILL,
	CTL_REMOVE,
	CTL_ATTACH,
	CTL_ATTACH_GO,
	CTL_MODIFY = 100,
	CTL_LISTENER,
	CTL_FILTERS,
};

struct ctl_request {
	uint32_t magic;
	uint32_t op;
	int32_t arg;
	uint32_t jail_size; /* sizeof(struct jail): both sides built alike */
};

struct ctl_modify {
	struct ctl_request req; /* op CTL_MODIFY */
	struct jail jail;
};

struct ctl_reply {
	uint32_t magic;
	int32_t status; /* 0 or -errno */
	int32_t value;
};

struct ctl_info {
	uint32_t magic;
	int32_t status;
	int32_t supervisor_pid;
	int32_t nproc;
	int32_t dying;
	int32_t stop_timeout;
	struct jail jail;
	char shm_dir[64]; /* the jail's private /dev/shm (fs/dev_shm.h), or "" */
};

/* --- client side (jls, jexec, jkill, jail -r) --- */

/* Connects to the socket at path and checks that the supervisor runs as
 * our euid. The fd, or -errno. timeout_s bounds each reply (0: none). */
int ctl_connect(const char *path, int timeout_s);
/* Sends a request; 0 or -errno. */
int ctl_send(int fd, enum ctl_op op, int32_t arg);
/* Sends LISTENER with descriptor lfd; 0 or -errno. */
int ctl_send_listener(int fd, int lfd);
/* Receives a reply / an info; 0 or -errno (-EPROTO for a bad message,
 * -ECONNRESET when the supervisor closed the socket). */
int ctl_recv_reply(int fd, struct ctl_reply *r);
int ctl_recv_info(int fd, struct ctl_info *info);
/* After CTL_REMOVE: waits until the supervisor at the other end of fd has
 * closed it (it closes it when it exits), then, with a pidfd of it (or
 * -1), until it is gone (at most 5 s); closes both (-1: not open). */
void ctl_wait_gone(int fd, int pidfd);
/* MODIFY: sends the new parameters; 0 or -errno. */
int ctl_send_modify(int fd, const struct jail *j);
struct filter_progs;
/* FILTERS: the programs in *p (free with filter_progs_free); 0 or -errno. */
int ctl_get_filters(int fd, struct filter_progs *p);
/* PIDS: *pids is malloc'ed (free it); count or -errno. */
int ctl_get_pids(int fd, pid_t **pids);

/* --- supervisor side --- */

struct supervisor;

/* Takes over the listening socket (non-blocking). The control thread
 * starts at the first control_idle, on the ptrace thread, after the
 * command is spawned. 0 or -errno. */
int control_init(struct supervisor *sv, int listen_fd);
/* ops->idle: run by the ptrace thread before it sleeps. Starts the
 * control thread; ends a jail that does not persist with its last
 * process; runs the stop.timeout clock of a jail being removed. */
void control_idle(struct supervisor *sv);
/* Nothing left to wait for (no tracee, no child): may the supervisor stop?
 * Yes unless the jail persists and nobody asked for its removal. */
bool control_may_exit(struct supervisor *sv);
/* The ptrace thread has ended: stops the control thread (before the
 * listening socket is closed). */
void control_stop(struct supervisor *sv);
/* The supervisor stops: answers the pending removals (call it after
 * unregistering the jail, which closes the listening socket). */
void control_finish(struct supervisor *sv);

#endif
