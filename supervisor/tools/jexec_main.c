/* SPDX-License-Identifier: BSD-2-Clause */
/* jexec(8): runs a command inside a running jail, the way jail_attach(2)
 * does on FreeBSD: it keeps its terminal, and its exit status comes back.
 *
 * jexec forks. The parent stays outside the jail: it waits for the child,
 * mirrors its job-control stops (like jail(8)'s front) and exits with its
 * status. The child makes itself safe (credentials, no inherited fds, cwd
 * in the jail), asks the jail's supervisor to seize it (control socket,
 * ATTACH / ATTACH_GO), then installs the jail's seccomp filters, Landlock
 * and no_new_privs exactly as a spawned command does, and execs. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <linux/close_range.h>
#include <linux/openat2.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../fs/openat2_retry.h"
#include "../../policy/priv_caps.h"
#include "../confine/confine.h"
#include "../manage/control.h"
#include "../confine/filter_load.h"
#include "../fs/dev_shm.h"
#include "../fs/fs_root.h"
#include "../manage/jailed.h"
#include "../manage/nest.h"
#include "../manage/registry.h"
#include "../confine/kernel_check.h"
#include "version.h"

static const char usage_text[] =
	"usage: jexec [-l] [-d working-directory] [-u username | -U username] jail [command ...]";

struct opts {
	bool clean;              /* -l */
	const char *dir;         /* -d */
	const char *user;        /* -u / -U */
	bool jail_user;          /* -U: the user is looked up in the jail's passwd */
	const char *key;
	char **command;          /* NULL: the user's shell */
};

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("jexec: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void usage(void)
{
	fprintf(stderr, "%s\n", usage_text);
	exit(1);
}

/* A file of the jail, its name resolved inside the jail's root (a symlink
 * in the jail cannot point jexec at a host file). */
static FILE *fopen_in_root(const char *root, const char *name)
{
	struct open_how how = {.flags = O_RDONLY | O_CLOEXEC, .resolve = RESOLVE_IN_ROOT};
	int dir = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		return NULL;
	int fd = openat2_retry(dir, name, &how);
	close(dir);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "re");
	if (fd >= 0 && !f)
		close(fd);
	return f;
}

/* A user from the jail's own passwd file (or the host's for a jail at /). */
static struct passwd *jail_getpwnam(const char *root, const char *name)
{
	if (strcmp(root, "/") == 0)
		return getpwnam(name);
	FILE *f = fopen_in_root(root, "etc/passwd");
	struct passwd *pw = NULL;
	if (!f)
		return NULL;
	while ((pw = fgetpwent(f)))
		if (strcmp(pw->pw_name, name) == 0)
			break;
	fclose(f);
	return pw;
}

/* The jail user's supplementary groups from the jail's /etc/group. */
static int jail_initgroups(const char *root, const struct passwd *pw)
{
	if (strcmp(root, "/") == 0)
		return initgroups(pw->pw_name, pw->pw_gid);
	gid_t groups[NGROUPS_MAX];
	int n = 0;
	groups[n++] = pw->pw_gid;
	FILE *f = fopen_in_root(root, "etc/group");
	struct group *g;
	while (f && (g = fgetgrent(f)))
		for (char **m = g->gr_mem; *m && n < NGROUPS_MAX; m++)
			if (strcmp(*m, pw->pw_name) == 0 && g->gr_gid != pw->pw_gid) {
				groups[n++] = g->gr_gid;
				break;
			}
	if (f)
		fclose(f);
	return setgroups((size_t)n, groups);
}

static void copy_passwd(struct passwd *dst, const struct passwd *src)
{
	dst->pw_name = strdup(src->pw_name);
	dst->pw_dir = strdup(src->pw_dir);
	dst->pw_shell = strdup(src->pw_shell);
	dst->pw_uid = src->pw_uid;
	dst->pw_gid = src->pw_gid;
	if (!dst->pw_name || !dst->pw_dir || !dst->pw_shell)
		die("malloc: %s", strerror(ENOMEM));
}

static void set_user_env(const struct opts *o, const struct passwd *pw)
{
	if (o->clean) {
		const char *term = getenv("TERM");
		char *keep = term ? strdup(term) : NULL;
		clearenv();
		setenv("PATH", "/bin:/usr/bin", 1);
		if (keep)
			setenv("TERM", keep, 1);
		free(keep);
	}
	setenv("USER", pw->pw_name, 1);
	setenv("HOME", pw->pw_dir, 1);
	setenv("SHELL", *pw->pw_shell ? pw->pw_shell : "/bin/sh", 1);
}

/* A directory inside the jail (called once confined: the name is the
 * jail's, and the supervisor resolves it inside the root). */
static void enter(const char *dir)
{
	if (chdir(dir) < 0)
		die("chdir: %s: %s", dir, strerror(errno));
}

static void attach_and_exec(const struct opts *o, const char *sock_path, int jid)
{
	static struct ctl_info info;
	struct ctl_reply r;
	struct passwd pw = {0};
	bool have_pw = false;
	int rc;

	/* the supervisor seizes the process that connects: this one */
	int sock = ctl_connect(sock_path, 10);
	if (sock < 0)
		die("jail_attach(%d): %s", jid, strerror(sock == -ECONNREFUSED ? ESRCH : -sock));
	if ((rc = ctl_send(sock, CTL_ATTACH, 0)) || (rc = ctl_recv_info(sock, &info)))
		die("jail_attach(%d): %s", jid, strerror(rc == -ECONNRESET ? ESRCH : -rc));
	if (info.status)
		die("jail_attach(%d): %s", jid, strerror(-info.status));
	const char *root = info.jail.path;
	if (chdir(root) < 0)
		die("chdir(): /: %s", strerror(errno));
	struct fs_root *root_fs = NULL;
	char msg[PATH_MAX + 128];
	if (jail_has_root(&info.jail) && (rc = fs_root_open_jail(&info.jail, &root_fs, msg, sizeof(msg))))
		die("jail_attach(%d): %s", jid, msg);
	/* the jail's private /dev/shm, for our Landlock layer (fs/dev_shm.h);
	 * one that is not a directory of ours is refused */
	if (root_fs && root_fs->host_dev && info.shm_dir[0] && (rc = dev_shm_adopt(info.shm_dir)))
		die("jail_attach(%d): %s: %s", jid, info.shm_dir, strerror(-rc));

	/* credentials, before any jailed process can see us */
	if (o->user) {
		struct passwd *p = o->jail_user ? jail_getpwnam(root, o->user) : getpwnam(o->user);
		if (!p)
			die("%s: no such user", o->user);
		copy_passwd(&pw, p);
		have_pw = true;
		if ((o->jail_user ? jail_initgroups(root, &pw) : initgroups(pw.pw_name, pw.pw_gid)) < 0)
			die("initgroups: %s: %s", pw.pw_name, strerror(errno));
		if (setgid(pw.pw_gid) < 0)
			die("setgid: %s", strerror(errno));
		if (setuid(pw.pw_uid) < 0)
			die("setusercontext: %s", strerror(errno));
	} else if (o->clean) {
		struct passwd *p = getpwuid(getuid());
		if (!p)
			die("unknown uid: %d", (int)getuid());
		copy_passwd(&pw, p);
		have_pw = true;
	}
	/* nothing of ours may leak into the jail but the terminal */
	if (dup2(sock, 3) < 0)
		die("dup2: %s", strerror(errno));
	sock = 3;
	syscall(SYS_close_range, 4, ~0U, 0);

	/* the jail's own filters, as its supervisor built them */
	bool set_nnp = geteuid() != 0;
	struct filter_progs filters;
	if ((rc = ctl_get_filters(sock, &filters)))
		die("jail_attach(%d): seccomp filters: %s", jid, strerror(rc == -ECONNRESET ? ESRCH : -rc));
	filters.nnp = set_nnp;
	if (have_pw)
		set_user_env(o, &pw);

	/* Yama (ptrace_scope 1): the supervisor is not our ancestor */
	prctl(PR_SET_PTRACER, (unsigned long)info.supervisor_pid, 0, 0, 0);
	if ((rc = ctl_send(sock, CTL_ATTACH_GO, 0)) || (rc = ctl_recv_reply(sock, &r)))
		die("jail_attach(%d): %s", jid, strerror(rc == -ECONNRESET ? ESRCH : -rc));
	if (r.status)
		die("jail_attach(%d): %s", jid, strerror(-r.status));

	/* traced now: the same restrictions as a spawned command */
	int listener;
	if (confine_self("jexec", &filters, set_nnp, root_fs, jail_kept_capabilities(&info.jail), &listener))
		exit(1);
	/* the supervisor serves our filter's notifications; we never hold it */
	if ((rc = ctl_send_listener(sock, listener)))
		die("jail_attach(%d): %s", jid, strerror(-rc));
	close(listener);
	close(sock);
	/* from here on paths are the jail's, translated by the supervisor */
	if (o->dir)
		enter(o->dir);
	else if (o->clean)
		enter(pw.pw_dir);
	if (o->command) {
		execvp(o->command[0], o->command);
		die("execvp: %s: %s", o->command[0], strerror(errno));
	}
	const char *shell = getenv("SHELL");
	if (!shell || !*shell)
		shell = "/bin/sh";
	execlp(shell, shell, "-i", (char *)NULL);
	die("execlp: %s: %s", shell, strerror(errno));
}

static pid_t child;

static void forward(int sig)
{
	if (child > 0)
		kill(child, sig);
}

/* Outside the jail: the command's status becomes ours; its stops, ours. */
static int relay(void)
{
	int status;
	struct sigaction sa = {.sa_handler = forward, .sa_flags = SA_RESTART};
	sigemptyset(&sa.sa_mask);
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	for (;;) {
		pid_t got = waitpid(child, &status, WUNTRACED | WCONTINUED);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		if (WIFSTOPPED(status)) {
			kill(getpid(), SIGSTOP); /* the shell sees the job stop */
			continue;
		}
		if (WIFEXITED(status))
			return WEXITSTATUS(status);
		if (WIFSIGNALED(status))
			return 128 + WTERMSIG(status);
	}
}

int main(int argc, char **argv)
{
	struct opts o = {0};
	bool uflag = false, Uflag = false;
	int c;

	tool_version_flag("jexec", argc, argv);
	/* inside a jail: its supervisor runs us on the host for its
	 * descendants (docs/nested-jails.md) */
	bool jailed = tool_is_jailed();
	if (jailed) {
		int status = nest_forward(argc, argv);
		if (status >= 0)
			return status;
	}
	bool priv = false;
	bool scoped = !jailed && nest_scope_from_env(&priv) > 0;
	while ((c = getopt(argc, argv, "+d:lnu:U:")) != -1) {
		switch (c) {
		case 'd':
			o.dir = optarg;
			break;
		case 'l':
			o.clean = true;
			break;
		case 'n':
			break; /* FreeBSD: accepted, unused */
		case 'u':
			o.user = optarg;
			uflag = true;
			break;
		case 'U':
			o.user = optarg;
			Uflag = true;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || (uflag && Uflag))
		usage();
	o.jail_user = Uflag;
	o.key = argv[0];
	o.command = argc > 1 ? argv + 1 : NULL;
	if (jailed) /* no jail is reachable from inside one (manage/jailed.h) */
		die("jail \"%s\" not found", o.key);
	/* the supervisor must be able to trace us (Yama: kernel_check.h) */
	if (kernel_check_required("jexec", false))
		return 1;

	struct registry reg;
	struct reg_entry e;
	char err[PATH_MAX + 128];
	if (registry_open(&reg, err, sizeof(err)))
		die("%s", err);
	struct sockaddr_un addr;
	int rc = registry_lock(&reg);
	if (rc == 0) {
		rc = registry_find(&reg, o.key, &e);
		registry_unlock(&reg);
	}
	if (rc == -ENOENT) /* a jid or a name alike (FreeBSD 14's jail_getid) */
		die("jail \"%s\" not found", o.key);
	if (rc)
		die("%s: %s", reg.dir, strerror(-rc));
	if (scoped && !priv)
		die("jail_attach(%d): %s", e.jid, strerror(EPERM));
	if (registry_sock_addr(&reg, e.jid, &addr))
		die("%s: %s", reg.dir, strerror(ENAMETOOLONG));
	fflush(NULL);
	child = fork();
	if (child < 0)
		die("fork: %s", strerror(errno));
	if (child == 0)
		attach_and_exec(&o, addr.sun_path, e.jid);
	return relay();
}
