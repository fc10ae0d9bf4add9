/* SPDX-License-Identifier: BSD-2-Clause */
/* The hot path: seccomp user notification. The filter answers the path
 * family and the /proc guard with SECCOMP_RET_USER_NOTIF; a pool of
 * supervisor threads (one per CPU, more while all of them are busy in a
 * call that may block) waits in SECCOMP_IOCTL_NOTIF_RECV on each listener
 * and emulates the call in full through the handler table (handlers with
 * .notify): a result, or a descriptor installed with ADDFD + SEND. See
 * docs/engine.md. */
#ifndef JAIL_SUPERVISOR_NOTIFY_H
#define JAIL_SUPERVISOR_NOTIFY_H

#include <stdbool.h>

struct supervisor_ops;

/* The handler table the threads serve calls with (struct supervisor_ops:
 * report_denials: jail -v, each static denial reported;
 * the engine calls no layer above it directly); set before any
 * notify_serve. Without it every notified call fails with ENOSYS. */
void notify_set_ops(const struct supervisor_ops *ops, bool report_denials);

/* Serves listener fd (takes it). primary: the jail's own listener, which
 * lives as long as the supervisor; others (jexec's) end when no process
 * uses their filter any more. 0 or -errno. */
int notify_serve(int fd, bool primary);

/* Receives one listener descriptor on socket sock (SCM_RIGHTS) in a
 * thread of its own and serves it; closes sock. 0 or -errno. */
int notify_serve_from(int sock, bool primary);

/* Sends listener fd over socket sock (SCM_RIGHTS). 0 or -errno. */
int notify_send_listener(int sock, int fd);
/* Receives a descriptor sent with notify_send_listener; fd or -errno. */
int notify_recv_listener(int sock);

/* In a notification thread: is the notification being served still
 * pending (its caller alive, in the call)? Check after reading the
 * caller's memory or /proc entries and before acting on what they said.
 * Always true outside a notification thread. */
bool notify_still_valid(void);

/* In a notification thread, around a call that may block for long (the
 * open of a FIFO, a slow file system):
 *   if (!notify_block_begin()) return -ENFILE;
 *   do fd = open(...); while (fd < 0 && errno == EINTR && notify_still_valid());
 *   notify_block_end();
 * begin makes sure another thread is free to serve the rest of the jail
 * (false: none could be had, as MAX_THREADS are busy or no thread could
 * start: the call must fail rather than block the jail's last free
 * thread), and arms a timer that interrupts the call (EINTR) every
 * NOTIFY_BLOCK_CHECK_MS so that a caller that died meanwhile does not
 * keep the thread forever. Outside a notification thread begin does
 * nothing and returns true. */
bool notify_block_begin(void);
void notify_block_end(void);
/* Before a long read (no wait on another process): makes sure another
 * thread is free, if one can be had. */
void notify_may_block(void);

#endif
