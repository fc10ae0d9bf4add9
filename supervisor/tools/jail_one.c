/* SPDX-License-Identifier: BSD-2-Clause */
/* jail(8) for one jail: create it from a parsed command line, or remove
 * it (jail -r). Creating splits in two. The supervisor (a
 * child) traces the jailed command and lives as long as the jail has
 * processes; this process waits only for the command's status, mirrors its
 * job-control stops, and exits with it, as FreeBSD's jail(8) does. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../policy/cmdline.h"
#include "../../policy/devfs_rules.h"
#include "../confine/spawn.h"
#include "../engine/notify.h"
#include "../engine/supervisor.h"
#include "../fs/dev_shm.h"
#include "../fs/dev_view.h"
#include "../fs/fs_root.h"
#include "../handlers/caller_open.h"
#include "../handlers/handle_mount.h"
#include "../handlers/handlers.h"
#include "../handlers/unix_link.h"
#include "../handlers/sysv_space.h"
#include "../manage/control.h"
#include "../manage/registry.h"
#include "../report/report.h"
#include "jail_ifaddr.h"
#include "jail_mounts.h"
#include "jail_one.h"
#include "signal_relay.h"

/* The command starts in the current directory if it lies inside the jail's
 * path, else at the jail's root. */
static int enter_start_dir(const struct jail *j)
{
	char cwd[PATH_MAX];
	size_t plen = strlen(j->path);

	if (getcwd(cwd, sizeof(cwd)) && (strcmp(j->path, "/") == 0 ||
	    (strncmp(cwd, j->path, plen) == 0 && (cwd[plen] == '/' || cwd[plen] == '\0'))))
		return 0;
	if (chdir(j->path) < 0) {
		fprintf(stderr, "jail: chdir %s: %s\n", j->path, strerror(errno));
		return -1;
	}
	return 0;
}

static int exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 1;
}

/* A nested jail's root as its parent's view resolved it (nest_create.c):
 * the root the supervisor opens must be that object. */
static int expected_root = -1;

void jail_expect_root(int fd)
{
	expected_root = fd;
}

static bool root_is_expected(const struct fs_root *r)
{
	struct stat a, b;
	if (expected_root < 0)
		return true;
	return fstat(expected_root, &a) == 0 && fstat(r->fd, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* The engine calls the layers above it only through these. */
static const struct supervisor_ops ops = {
	.handlers = handlers,
	.handler_enter = handler_enter,
	.report_denial = report_denial,
	.idle = control_idle,
	.may_exit = control_may_exit,
	.open_program = caller_open_program,
};

static void run_supervisor(struct jail_cmdline *cl, struct registry *reg, struct reg_handle *h, int report_fd,
			   pid_t front)
{
	struct supervisor sv = {.jail = &cl->jail, .front_pid = front, .report_fd = report_fd,
				.stop_timeout = cl->stop_timeout, .report_denials = cl->verbose,
				.ops = &ops};

	for (int i = 0; supervisor_ignored_signals[i]; i++)
		signal(supervisor_ignored_signals[i], SIG_IGN);
	/* orphans of the jail are reparented to us, not to the host's init */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	/* mount, mount.fstab: before the root is opened (a mount may cover it) */
	char mnt_err[PATH_MAX + 512];
	if (jail_mounts_mount(mnt_err, sizeof(mnt_err))) {
		fprintf(stderr, "jail: %s\n", mnt_err);
		registry_remove(reg, h);
		_exit(1);
	}
	if (jail_has_root(&cl->jail)) {
		char msg[PATH_MAX + 128];
		int err = fs_root_open_jail(&cl->jail, &sv.root, msg, sizeof(msg));
		if (!err && !root_is_expected(sv.root)) {
			err = -EPERM; /* moved since it was checked */
			snprintf(msg, sizeof(msg), "path %s: %s", cl->jail.path, strerror(-err));
		}
		if (err) {
			fprintf(stderr, "jail: %s\n", msg);
			registry_remove(reg, h);
			jail_mounts_unmount();
			_exit(1);
		}
	}
	/* the addresses meant for an interface, for the jail's life */
	char ifa_err[256];
	if (jail_ifaddr_add(&cl->jail, ifa_err, sizeof(ifa_err))) {
		fprintf(stderr, "jail: %s\n", ifa_err);
		registry_remove(reg, h);
		jail_mounts_unmount();
		_exit(1);
	}
	notify_set_ops(&ops, cl->verbose);
	/* the terminal the jail starts on is its own (fs/dev_view.h) */
	if (sv.root && sv.root->host_dev) {
		dev_view_init();
		/* its own /dev/shm; without one (no tmpfs /dev/shm nor /tmp
		 * to make it in) /dev/shm is absent, never the host's */
		if (dev_shm_create() < 0) {
			/* absent */
		}
	}
	int rc = control_init(&sv, h->listen_fd);
	if (rc) {
		fprintf(stderr, "jail: control socket: %s\n", strerror(-rc));
		registry_remove(reg, h);
		dev_shm_remove();
		jail_ifaddr_remove();
		jail_mounts_unmount();
		_exit(1);
	}
	if (cl->command) {
		if (supervisor_spawn(&sv, cl->command) < 0) {
			registry_remove(reg, h);
			dev_shm_remove();
			jail_ifaddr_remove();
			jail_mounts_unmount();
			_exit(1);
		}
		/* jail(8) relays the signals it gets to the command (signal_relay.h) */
		if (relay_send_target(report_fd, sv.main_pid) < 0) {
			/* jail(8) is gone: nobody to relay */
		}
	} else {
		/* persist with no command: the jail exists, tell jail(8) so */
		int status = 0;
		if (write(report_fd, &status, sizeof(status)) < 0) {
			/* jail(8) is gone: nobody to tell */
		}
		close(report_fd);
		sv.report_fd = -1;
	}
	/* jailed processes must not be able to read or write our memory (set
	 * after the spawn: the command inherits it until exec, and a
	 * non-dumpable process cannot be seized by a normal user) */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	supervisor_run(&sv);
	control_stop(&sv);
	/* the jail's own SysV objects go with it (docs/sysvipc.md) */
	sysv_space_remove_all();
	/* FreeBSD unmounts before the jail's removal is reported done: the
	 * jail's own mounts (allow.mount), then mount's and mount.fstab's */
	jail_made_mounts_unmount();
	jail_mounts_unmount();
	registry_remove(reg, h);
	control_finish(&sv);
	unix_link_cleanup();
	dev_shm_remove();
	jail_ifaddr_remove();
	supervisor_report(&sv);
	_exit(0);
}

static int wait_for_command(int report_fd, pid_t supervisor)
{
	int status = 0, pidfd = -1, rc;

	signal(SIGTSTP, SIG_IGN);
	relay_install(supervisor);
	while ((rc = relay_recv(report_fd, &pidfd, &status)) == 1)
		relay_set_target(pidfd);
	if (rc < 0)
		return 1; /* the supervisor failed and said why, or was killed */
	return exit_code(status);
}

/* jail -r: asks the supervisor to stop the jail and waits until it is gone. */
static int remove_one(struct registry *reg, const struct reg_entry *e, const char *label, bool quiet)
{
	struct sockaddr_un addr;
	struct ctl_info info;
	struct ctl_reply r;

	if (registry_sock_addr(reg, e->jid, &addr))
		return 1;
	int fd = ctl_connect(addr.sun_path, 10);
	if (fd < 0)
		goto gone; /* its supervisor just died */
	int pidfd = -1;
	int rc = ctl_send(fd, CTL_INFO, 0);
	if (rc == 0)
		rc = ctl_recv_info(fd, &info);
	if (rc == 0) {
		pidfd = (int)syscall(SYS_pidfd_open, info.supervisor_pid, 0);
		struct timeval tv = {.tv_sec = info.stop_timeout + 30};
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		rc = ctl_send(fd, CTL_REMOVE, 0);
	}
	if (rc == 0)
		rc = ctl_recv_reply(fd, &r);
	if (rc && rc != -ECONNRESET) {
		fprintf(stderr, "jail: %s: %s\n", e->name, strerror(-rc));
		close(fd);
		if (pidfd >= 0)
			close(pidfd);
		return 1;
	}
	/* the supervisor has unregistered the jail; wait for it to exit */
	ctl_wait_gone(fd, pidfd);
gone:
	if (label && !quiet)
		printf("%s: removed\n", label);
	return 0;
}

int jail_remove(const struct jail_cmdline *cl)
{
	struct registry reg;
	char err[PATH_MAX + 128];
	int status = 0;
	bool note = cl->targets[1] != NULL;

	if (registry_open(&reg, err, sizeof(err))) {
		fprintf(stderr, "jail: %s\n", err);
		return 1;
	}
	for (char **t = cl->targets; *t; t++) {
		struct reg_entry *list = NULL, one;
		int n;
		if (registry_lock(&reg)) {
			fprintf(stderr, "jail: %s: cannot lock the registry\n", reg.dir);
			return 1;
		}
		if (strcmp(*t, "*") == 0) {
			n = registry_list(&reg, &list);
		} else {
			n = registry_find(&reg, *t, &one) == 0 ? 1 : 0;
			list = n ? &one : NULL;
		}
		registry_unlock(&reg);
		if (n <= 0 && strcmp(*t, "*") != 0) {
			if (!cl->quiet)
				fprintf(stderr, "jail: \"%s\" not found\n", *t);
			status = 1;
		}
		for (int i = 0; i < n; i++) {
			bool wild = list != &one;
			if (remove_one(&reg, &list[i], wild ? list[i].name : *t, cl->quiet || !(note || wild)))
				status = 1;
		}
		if (list != &one)
			free(list);
	}
	return status;
}

/* -J file: the new jail's parameters, as jail -c takes them back. */
static int write_jid_file(const struct jail_cmdline *j, int jid)
{
	FILE *f = fopen(j->jid_file, "we");
	if (!f) {
		fprintf(stderr, "jail: %s: %s\n", j->jid_file, strerror(errno));
		return 1;
	}
	char ip[INET6_ADDRSTRLEN];
	fprintf(f, "jid=%d name=%s path=%s host.hostname=%s", jid, j->jail.name[0] ? j->jail.name : "", j->jail.path,
		j->jail.hostname);
	for (int i = 0; i < j->jail.ip4_count; i++)
		fprintf(f, "%s%s", i ? "," : " ip4.addr=", inet_ntop(AF_INET, &j->jail.ip4[i], ip, sizeof(ip)));
	for (int i = 0; i < j->jail.ip6_count; i++)
		fprintf(f, "%s%s", i ? "," : " ip6.addr=", inet_ntop(AF_INET6, &j->jail.ip6[i], ip, sizeof(ip)));
	if (j->jail.persist)
		fputs(" persist", f);
	fputc('\n', f);
	return fclose(f) ? 1 : 0;
}

/* host.hostuuid and host.hostid by default: the host's machine id
 * (/etc/machine-id, written as a UUID) and gethostid(). */
static void default_hostuuid(struct jail *j)
{
	char id[64] = "";
	FILE *f = fopen("/etc/machine-id", "re");
	if (f) {
		if (!fgets(id, sizeof(id), f))
			id[0] = '\0';
		fclose(f);
	}
	id[strcspn(id, "\n")] = '\0';
	if (strlen(id) == 32)
		snprintf(j->hostuuid, sizeof(j->hostuuid), "%.8s-%.4s-%.4s-%.4s-%.12s", id, id + 8, id + 12, id + 16,
			 id + 20);
	if (!j->hostid)
		j->hostid = (unsigned long)gethostid() & 0xffffffffUL;
}

int jail_create(struct jail_cmdline *cl_in, int jid_fd, jail_created_fn created)
{
	static struct jail_cmdline cl;
	static struct registry reg;
	struct reg_handle h;
	char err[PATH_MAX + 128];
	int report[2];
	int rc;

	cl = *cl_in;
	/* the log file first: a bad one leaves nothing registered */
	FILE *log = NULL;
	if (cl.report_log) {
		int fd = open(cl.report_log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
		if (fd < 0 || !(log = fdopen(fd, "a"))) {
			fprintf(stderr, "jail: %s: %s\n", cl.report_log, strerror(errno));
			return 1;
		}
		setvbuf(log, NULL, _IOLBF, 0);
		report_set_output(log);
	}
	/* FreeBSD: a new jail's names are copied from its parent's (the host's) */
	struct utsname host;
	if (!cl.jail.domainname[0] && uname(&host) == 0)
		jail_set_domainname(&cl.jail, host.domainname, strlen(host.domainname));
	if (!cl.jail.hostname[0] && uname(&host) == 0)
		jail_set_hostname(&cl.jail, host.nodename, strlen(host.nodename));
	if (!cl.jail.osrelease[0] && uname(&host) == 0)
		snprintf(cl.jail.osrelease, sizeof(cl.jail.osrelease), "%.31s", host.release);
	if (!cl.jail.hostuuid[0])
		default_hostuuid(&cl.jail);
	/* mount.devfs: a ruleset that shows the jail no more than its /dev
	 * needs, checked before anything is made (policy/devfs_rules.h) */
	bool devfs;
	unsigned devfs_mask;
	if (jail_devfs(&cl.jail, &devfs, &devfs_mask, err, sizeof(err))) {
		fprintf(stderr, "jail: %s\n", err);
		return 1;
	}
	if (devfs && !cl.jail.devfs_ruleset_set)
		cl.jail.devfs_ruleset = DEVFS_JAIL_RULESET; /* jls shows the one in effect */
	/* interface=, "if|addr/mask": root only, interfaces that exist */
	if (jail_ifaddr_check(&cl.jail, err, sizeof(err))) {
		fprintf(stderr, "jail: %s\n", err);
		return 1;
	}
	/* mount, mount.fstab: root only, mount points as FreeBSD checks them */
	if (jail_mounts_check(&cl, err, sizeof(err))) {
		fprintf(stderr, "jail: %s\n", err);
		return 1;
	}
	if (registry_open(&reg, err, sizeof(err))) {
		fprintf(stderr, "jail: %s\n", err);
		return 1;
	}
	if (registry_lock(&reg)) {
		fprintf(stderr, "jail: %s: cannot lock the registry\n", reg.dir);
		return 1;
	}
	rc = registry_create(&reg, &cl.jail, &h, err, sizeof(err));
	registry_unlock(&reg);
	if (rc) {
		fprintf(stderr, "jail: %s\n", err);
		return 1;
	}
	if (cl.print_jid) {
		printf("%d\n", cl.jail.jid);
		fflush(stdout);
	}
	if (cl.jid_file && write_jid_file(&cl, cl.jail.jid)) {
		registry_remove(&reg, &h);
		return 1;
	}
	if (jid_fd >= 0) {
		if (write(jid_fd, &cl.jail.jid, sizeof(cl.jail.jid)) < 0) {
			/* jail(8)'s front is gone: nobody to tell */
		}
		close(jid_fd);
	}
	if (created && created(&cl, JAIL_EXEC_CREATED, cl.jail.jid)) {
		registry_remove(&reg, &h);
		return 1;
	}
	if (!cl.command && !cl.jail.persist) {
		/* FreeBSD: no process and no persist, the jail is gone at once */
		registry_remove(&reg, &h);
		return 0;
	}
	if (cl.command && enter_start_dir(&cl.jail) < 0) {
		registry_remove(&reg, &h);
		return 1;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, report) < 0) {
		fprintf(stderr, "jail: socketpair: %s\n", strerror(errno));
		registry_remove(&reg, &h);
		return 1;
	}
	pid_t front = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "jail: fork: %s\n", strerror(errno));
		registry_remove(&reg, &h);
		return 1;
	}
	if (pid == 0) {
		close(report[0]);
		run_supervisor(&cl, &reg, &h, report[1], front);
	}
	/* the supervisor holds the registration now */
	close(report[1]);
	close(h.entry_fd);
	close(h.listen_fd);
	return wait_for_command(report[0], pid);
}
