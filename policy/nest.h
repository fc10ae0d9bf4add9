/* SPDX-License-Identifier: BSD-2-Clause */
/* Nested jails (docs/nested-jails.md): the channel from a jailed tool to
 * its jail's supervisor, and what a tool run for a jailed caller accepts.
 *
 * A jailed jail/jls/jexec/jkill opens NEST_CHANNEL_PATH. Every jailed
 * process's open() is a seccomp user notification its supervisor serves;
 * for this name the supervisor answers with one end of a socket pair whose
 * other end an agent holds (jail --nest-agent, an untraced process on the
 * host started by that supervisor, bound to that jail's jid). Outside a
 * jail the name does not exist (procfs has no such file): ENOENT.
 *
 * Over the channel: one NEST_RUN message (the tool's argv, NUL-separated,
 * with its descriptors 0, 1, 2 in SCM_RIGHTS); then NEST_SIGNAL messages
 * the agent relays; the agent ends with one NEST_STATUS (the exit code). */
#ifndef JAIL_POLICY_NEST_H
#define JAIL_POLICY_NEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NEST_CHANNEL_PATH "/proc/self/jail"
#define NEST_MAGIC 0x4a4e5354u /* "JNST" */
#define NEST_ARGS_MAX 65536
#define NEST_ARGC_MAX 4096
/* The environment variables the agent gives the tool it runs (never the
 * caller's environment): the jail the caller is in, and whether the
 * caller was the jail's privileged account when it opened the channel. */
#define NEST_ENV_SCOPE "JAIL_NEST_SCOPE"
#define NEST_ENV_PRIV "JAIL_NEST_PRIV"

enum nest_msg {
	NEST_RUN = 1,
	NEST_SIGNAL,
	NEST_STATUS,
};

struct nest_hdr {
	uint32_t magic;
	uint32_t type;
	int32_t value; /* NEST_RUN: argc; NEST_SIGNAL: the signal; NEST_STATUS: the exit code */
	uint32_t len;  /* NEST_RUN: bytes of argv that follow */
};

/* Is tool (jail, jls, jexec, jkill) one a jailed caller may run? */
bool nest_tool_known(const char *tool);

/* May a jailed caller run tool with these arguments (argv[0] is the
 * tool)? Only what cannot reach the host: jail -c with the parameters of
 * nest_param_allowed (no jail.conf, no exec.* hooks run on the host, no
 * files written: -f, -J, -L, -u, -U refused), jail -m with the same
 * (jid= to find the child; no path=, no command), jail -r, jls (any
 * options), jexec jail command (no -l, -u, -U), jkill. false with the
 * offending word in err. */
bool nest_args_allowed(int argc, char *const argv[], char *err, size_t errlen);

/* A parameter a jail may give a child it creates (name without the
 * value, "no" prefix allowed). */
bool nest_param_allowed(const char *param);

/* Signals a jailed jail(8) relays to the command it waits for. */
bool nest_signal_relayed(int sig);

#endif
