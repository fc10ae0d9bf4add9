/* SPDX-License-Identifier: BSD-2-Clause */
/* The `jail` process relays the signals another process sends it to the
 * jailed command, as sudo(8) does: SIGINT, SIGQUIT, SIGHUP, SIGTERM,
 * SIGUSR1, SIGUSR2, SIGWINCH and SIGCONT (kill, timeout(1), a service
 * manager stopping a backgrounded jailed server). Not relayed:
 *  - signals the kernel sent (si_code SI_KERNEL): the terminal sends ^C,
 *    ^\, SIGWINCH and hangup's SIGHUP to its whole foreground group, which
 *    holds the command too; relaying would deliver them twice;
 *  - signals from the supervisor (it mirrors the command's stops and
 *    continues to this process: relaying them back would loop).
 * The command is named by a pidfd the supervisor passes (no pid reuse
 * can redirect a relayed signal). docs/signals.md. */
#ifndef JAIL_TOOLS_SIGNAL_RELAY_H
#define JAIL_TOOLS_SIGNAL_RELAY_H

#include <sys/types.h>

/* Installs the handlers; signals that come before relay_set_target are
 * kept and sent then. supervisor: the supervisor's pid. */
void relay_install(pid_t supervisor);
/* The command's pidfd (kept open). */
void relay_set_target(int pidfd);

/* The report socket between the supervisor and this process: the
 * supervisor sends the command's pidfd (relay_send_target), then its
 * wait status as an int. */
int relay_send_target(int sock, pid_t command);
/* Reads one message: 1 and *pidfd set, 0 and *status set, or -1 (the
 * supervisor is gone or failed). */
int relay_recv(int sock, int *pidfd, int *status);

#endif
