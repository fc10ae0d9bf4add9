/* SPDX-License-Identifier: BSD-2-Clause */
/* jail(8)'s command line, parsed into a struct jail and a command. */
#ifndef JAIL_POLICY_CMDLINE_H
#define JAIL_POLICY_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "jail.h"
#include "jail_mount.h"

enum jail_op {
	JAIL_OP_CREATE,  /* old syntax, or -c */
	JAIL_OP_REMOVE,  /* -r / -R */
	JAIL_OP_MODIFY,  /* -m: change a running jail */
	JAIL_OP_CREATE_OR_MODIFY, /* -cm */
	JAIL_OP_RESTART, /* -rc: remove, then create */
	JAIL_OP_EXHIBIT, /* -e separator: print the file's jails */
};

#define JAIL_STOP_TIMEOUT_DEFAULT 10 /* stop.timeout, seconds */

/* The exec.* commands of jail.conf(5), in the order a start or stop runs them. */
enum jail_exec {
	JAIL_EXEC_PREPARE,   /* host, before anything (FreeBSD: before mounts) */
	JAIL_EXEC_PRESTART,  /* host, before the jail exists */
	JAIL_EXEC_CREATED,   /* host, once the jail exists, before exec.start */
	JAIL_EXEC_START,     /* in the jail (sh -c), as its command */
	JAIL_EXEC_POSTSTART, /* host, once exec.start has finished */
	JAIL_EXEC_PRESTOP,   /* host, before exec.stop */
	JAIL_EXEC_STOP,      /* in the jail, before its processes get SIGTERM */
	JAIL_EXEC_POSTSTOP,  /* host, once the jail is gone */
	JAIL_EXEC_RELEASE,   /* host, last (FreeBSD: after unmounting) */
	JAIL_EXEC_COUNT
};
extern const char *const jail_exec_names[JAIL_EXEC_COUNT]; /* "exec.prestart" ... */
#define JAIL_EXEC_MAX 32 /* commands per hook (jail.conf's +=) */

struct jail_cmdline {
	struct jail jail;
	char **command;   /* NULL-terminated argv to run in the jail; points into argv; NULL: none */
	bool quiet;       /* -q */
	bool verbose;     /* -v: report denials */
	const char *report_log; /* -L file: report denials to file (implies -v) */
	enum jail_op op;
	bool old_syntax;  /* path hostname ip command ... */
	bool print_jid;   /* -i: print the new jail's jid */
	bool name_given;  /* name= or -n (else the name is the jid) */
	int stop_timeout; /* stop.timeout */
	char **targets;   /* -r: the jails to remove (jid, name or "*"), NULL-terminated;
			   * -c from jail.conf: the jails to create (NULL: all) */
	const char *conf_file; /* -f (NULL: /etc/jail.conf) */
	bool from_conf;   /* -c NAME... or -c alone: the jails come from jail.conf */
	/* exec.* commands (jail.conf or param=value; the strings are the
	 * caller's), each hook a NULL-terminated list run in order */
	const char *exec[JAIL_EXEC_COUNT][JAIL_EXEC_MAX + 1];
	bool exec_clean;  /* exec.clean: commands in the jail get a clean environment */
	int exec_timeout; /* exec.timeout: seconds a hook may run (0: no limit) */
	const char *exec_jail_user;   /* exec.jail_user: in-jail hooks run as (NULL: root/caller) */
	const char *exec_system_user; /* exec.system_user: host hooks run as */
	bool exec_system_jail_user;   /* exec.system_jail_user: look exec.jail_user up on the host */
	const char *exec_consolelog;  /* exec.consolelog: hooks' output appended here */
	const char *depend;           /* depend: jails created first / removed after (comma list) */
	/* mount: fstab(5) lines mounted before the jail starts (each mount=
	 * or jail.conf value one line); mount.fstab: a file of such lines */
	const char *mount[JAIL_MOUNT_MAX + 1];
	const char *mount_fstab;
	const char *label; /* how "created"/"removed" name the jail (a jail.conf block's name);
			    * NULL: its name, else its jid */
	bool no_hooks;     /* -R: remove without the file's stop hooks */
	char **params;     /* -c/-m: the param=value words as given (modify applies only these) */
	int nparams;
	const char *jid_file;  /* -J: where to write the new jail's parameters */
	const char *separator; /* -e */
};

/* The usage text FreeBSD's jail(8) prints (several lines, no trailing newline). */
extern const char jail_usage[];

/* Parses `jail [-qv] [-n name] path hostname ip[,ip...] command [arg...]`.
 * Returns 0; 1 if the usage should be printed; -1 with a one-line message
 * (without the "jail: " prefix) in err. Checks the path exists and is a
 * directory, and stores it canonical (realpath). */
int jail_parse_old_syntax(int argc, char **argv, struct jail_cmdline *out, char *err, size_t errlen);

/* Parses any command line jail(8) accepts here (options: -c -m -r -R, -cm,
 * -rc, -d (accepted: a dying jail is never modified here), -e separator,
 * -f file, -h (ip_hostname), -i, -J file, -l (exec.clean), -n name,
 * -p limit (accepted: jails start one at a time), -q, -s securelevel,
 * -u user (exec.jail_user + exec.system_jail_user), -U user
 * (exec.jail_user), -v, -L file):
 *   jail [-iqv] [-L logfile] [-n name] path hostname ip[,...] command ...  (old syntax)
 *   jail -c [-iqv] param=value ... [command=command ...]          (create)
 *   jail -r [-qv] jail ...                                        (remove; jid, name or *)
 * Parameters: jid, name, path, host.hostname, host.domainname, ip4.addr,
 * ip6.addr (comma lists, may repeat), persist, allow.* (booleans: `x`,
 * `nox`, `x=true|false|N`), stop.timeout, command (takes the rest of argv;
 * argv[i] is rewritten to point past "command="). Same returns as above;
 * messages as FreeBSD words them ("unknown parameter: x",
 * "persist: unknown boolean value \"x\"", "stop.timeout: non-integer value \"x\""). */
int jail_parse_cmdline(int argc, char **argv, struct jail_cmdline *out, char *err, size_t errlen);

/* Sets one parameter (name=value, value NULL for a bare boolean) as -c
 * param=value would, also the exec.* parameters and what jail.conf files
 * commonly hold (mount.devfs is accepted: the jail's /dev is the safe set
 * of docs/path-confinement.md). value is kept, not copied. 0, or -1 with
 * FreeBSD's message. */
int jail_cmdline_set_param(struct jail_cmdline *out, const char *name, const char *value, char *err, size_t errlen);

/* Adds one command to an exec.* hook (jail.conf's lists and +=). 1 if name
 * is a hook (the command added, "" skipped), 0 if it is not, -1 when the
 * hook is full (message in err). */
int jail_cmdline_add_exec(struct jail_cmdline *out, const char *name, const char *value, char *err, size_t errlen);
/* Adds one fstab line to the mount parameter (jail.conf's lists and +=,
 * or each mount= given). 0, or -1 when there are too many. */
int jail_cmdline_add_mount(struct jail_cmdline *out, const char *value, char *err, size_t errlen);

/* Sets j->path from a path argument (absolute, existing directory; stored
 * canonical). 0, or -1 with FreeBSD's message ("path x: not an absolute
 * pathname", "path x: No such file or directory"). */
int jail_cmdline_set_path(struct jail *j, const char *path, char *err, size_t errlen);
/* The output flags both syntaxes take: -i, -q, -v, -L logfile. true if opt
 * was one of them (and is now in out). */
bool jail_cmdline_output_flag(int opt, const char *arg, struct jail_cmdline *out);

#endif
