/* SPDX-License-Identifier: BSD-2-Clause */
/* execve/execveat in a jail with its own root. The kernel would load the
 * program's ELF interpreter (PT_INTERP) and a script's #! interpreter by
 * host path, so the supervisor finds them inside the root itself and execs
 * what the kernel would have loaded, from the root:
 *   ELF with PT_INTERP  -> execve(<root>/<interp>, [interp, --argv0, argv0, program, args...])
 *   #!interp [arg]      -> the interpreter, with [interp, arg, script, args...]
 *   static ELF          -> execve(<root>/<program>, argv)
 * What the kernel executes is a descriptor the caller opened beneath the
 * root (caller_open.c): execveat(fd, "", AT_EMPTY_PATH), no host path
 * string walked after the check (docs/engine.md). At the exec stop the
 * program is mapped into the loader's image (engine/exec_image.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../fs/fs_root.h"
#include "caller_open.h"
#include "exec_header.h"
#include "handlers.h"
#include "../engine/inject.h"
#include "../engine/memory.h"
#include "../engine/procfs.h"
#include "../engine/scratch.h"
#include "../engine/tracee.h"

#define MAX_SCRIPT_DEPTH 4   /* the kernel's BINPRM_MAX_RECURSION */
#define MAX_PREFIX 8         /* words put before the caller's argv[1..] */
#define MAX_ARGS (1 << 20)
#define OBJECT_OPEN_AREA (2 * PATH_MAX + 128) /* caller_open_in_root's arguments */

struct exec_plan {
	char host[PATH_MAX];              /* what the kernel executes */
	char words[MAX_PREFIX][PATH_MAX]; /* new argv[0..n-1] */
	int nwords;
	char guest_program[PATH_MAX];     /* /proc/self/exe as the guest sees it */
	bool via_loader;                  /* words start with the loader's */
};


/* A dynamic setuid or setgid program runs through the root's loader, so
 * the kernel applies the loader's mode, not the program's (docs/setuid.md):
 * said once per program, where the bit would have changed the caller's
 * ids (a jail started by root; one started by a user has no_new_privs,
 * under which the kernel ignores the bits natively too). */
static void say_setid_lost(const struct tracee *t, const char *guest, const struct stat *st)
{
	static dev_t said_dev[16];
	static ino_t said_ino[16];
	static unsigned nsaid;
	if (!(st->st_mode & (S_ISUID | S_ISGID)) || getuid() != 0)
		return;
	bool uid_differs = (st->st_mode & S_ISUID) && proc_status_field(t->tid, "Uid", 1) != (long)st->st_uid;
	bool gid_differs = (st->st_mode & S_ISGID) && proc_status_field(t->tid, "Gid", 1) != (long)st->st_gid;
	if (!uid_differs && !gid_differs)
		return;
	for (unsigned i = 0; i < nsaid && i < 16; i++)
		if (said_dev[i] == st->st_dev && said_ino[i] == st->st_ino)
			return;
	if (nsaid < 16) {
		said_dev[nsaid] = st->st_dev;
		said_ino[nsaid] = st->st_ino;
	}
	nsaid++;
	fprintf(stderr, "jail: %s: %s bit not honoured: a dynamic program in a jail with its own root runs "
			"through the root's loader (docs/setuid.md)\n",
		guest, uid_differs ? "setuid" : "setgid");
}

static int add_word(struct exec_plan *pl, const char *w)
{
	if (pl->nwords >= MAX_PREFIX || strlen(w) >= PATH_MAX)
		return -E2BIG;
	strcpy(pl->words[pl->nwords++], w);
	return 0;
}

/* Builds the plan for running guest path `program` with the caller's argv0. */
static int plan_exec(struct tracee *t, int dirfd, const char *program, enum fs_follow follow,
		     const char *argv0, struct exec_plan *pl)
{
	static char prefix_words[MAX_PREFIX][PATH_MAX];
	char guest[PATH_MAX];
	int nprefix = 0;
	strcpy(guest, program);
	const char *first = argv0;
	for (int depth = 0;; depth++) {
		int err = fs_guest_to_host(t, dirfd, guest, follow, pl->host, sizeof(pl->host));
		if (err)
			return err;
		/* only a regular file is read: a FIFO (or a device) would block
		 * the ptrace thread, and the kernel refuses to exec it anyway */
		int obj = open(pl->host, O_PATH | O_CLOEXEC | (follow == FS_NOFOLLOW ? O_NOFOLLOW : 0));
		struct stat ost;
		if (obj < 0 || fstat(obj, &ost) < 0 || !S_ISREG(ost.st_mode)) {
			if (obj >= 0)
				close(obj);
			return 0; /* let the kernel answer (EACCES, ENOENT...) */
		}
		char self[64];
		snprintf(self, sizeof(self), "/proc/self/fd/%d", obj);
		int fd = open(self, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
		close(obj);
		if (fd < 0)
			return 0; /* unreadable to us: let the kernel answer (EACCES, ENOENT...) */
		char buf[SHEBANG_MAX];
		ssize_t n = pread(fd, buf, sizeof(buf), 0);
		char *interp, *arg;
		if (n > 0 && exec_parse_shebang(buf, (size_t)n, &interp, &arg)) {
			close(fd);
			if (depth >= MAX_SCRIPT_DEPTH)
				return -ELOOP;
			/* [interp, arg, script]: the script as the caller named it */
			char words[3][PATH_MAX];
			int nw = 0;
			strcpy(words[nw++], interp);
			if (arg)
				strcpy(words[nw++], arg);
			strcpy(words[nw++], guest);
			/* an outer script's words replace its interpreter's name (the
			 * kernel drops argv[0] and puts interp, arg, script first) */
			char rest[MAX_PREFIX][PATH_MAX];
			int nrest = nprefix > 0 ? nprefix - 1 : 0;
			if (nw + nrest > MAX_PREFIX)
				return -E2BIG;
			memcpy(rest, prefix_words + 1, sizeof(rest[0]) * (size_t)nrest);
			for (int i = 0; i < nw; i++)
				strcpy(prefix_words[i], words[i]);
			memcpy(prefix_words + nw, rest, sizeof(rest[0]) * (size_t)nrest);
			nprefix = nw + nrest;
			first = NULL; /* argv[0] is replaced by the script's words */
			strcpy(guest, interp);
			dirfd = AT_FDCWD;
			follow = FS_FOLLOW;
			continue;
		}
		char interp_path[PATH_MAX];
		struct stat st;
		/* only an executable regular file goes to the loader; anything
		 * else is the kernel's to refuse */
		int dynamic = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111) &&
			      exec_elf_interp(fd, interp_path, sizeof(interp_path));
		close(fd);
		if (dynamic)
			say_setid_lost(t, guest, &st);
		if (!pl->guest_program[0] &&
		    fs_host_to_guest(t, pl->host, pl->guest_program, sizeof(pl->guest_program)))
			pl->guest_program[0] = '\0';
		if (!dynamic) {
			if (first)
				add_word(pl, first);
			break;
		}
		/* run the loader from the root; it opens the program by guest path */
		err = fs_guest_to_host(t, AT_FDCWD, interp_path, FS_FOLLOW, pl->host, sizeof(pl->host));
		if (err)
			return err == -ENOENT ? -ENOENT : err;
		char prog[PATH_MAX];
		if (strchr(guest, '/'))
			strcpy(prog, guest);
		else if (strlen(guest) + 3 > sizeof(prog))
			return -ENAMETOOLONG;
		else {
			strcpy(prog, "./");
			strcat(prog, guest);
		}
		add_word(pl, interp_path);
		pl->via_loader = true;
		if (first) {
			add_word(pl, "--argv0");
			add_word(pl, first);
			add_word(pl, prog);
		} else if (nprefix > 0) {
			/* a script: the loader starts the interpreter, argv0 as the kernel would give it */
			add_word(pl, "--argv0");
			add_word(pl, prefix_words[0]);
			add_word(pl, prog);
			for (int i = 1; i < nprefix; i++)
				if (add_word(pl, prefix_words[i]))
					return -E2BIG;
			return 0;
		}
		break;
	}
	for (int i = 0; i < nprefix; i++)
		if (add_word(pl, prefix_words[i]))
			return -E2BIG;
	return 0;
}

/* Reads the caller's argv pointers (word-sized), up to the NULL. */
static int read_argv(struct syscall_stop *s, uint64_t argv, uint64_t **out, size_t *count)
{
	size_t ws = s->abi->word_size, cap = 64, n = 0;
	uint64_t *v = malloc(cap * sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (;; n++) {
		if (argv == 0)
			break;
		uint64_t p = 0;
		if (mem_read(s->t->tid, argv + n * ws, &p, ws)) {
			free(v);
			return -EFAULT;
		}
		if (p == 0)
			break;
		if (n + 1 >= MAX_ARGS) {
			free(v);
			return -E2BIG;
		}
		if (n + 1 >= cap) {
			cap *= 2;
			uint64_t *nv = realloc(v, cap * sizeof(*v));
			if (!nv) {
				free(v);
				return -ENOMEM;
			}
			v = nv;
		}
		v[n] = p;
	}
	*out = v;
	*count = n;
	return 0;
}

static bool same_call(const struct abi_call *a, const struct abi_call *b)
{
	return a->nr == b->nr && memcmp(a->args, b->args, sizeof(a->args)) == 0;
}

/* The execveat on the object, issued again after the caller opened it:
 * it runs if the descriptor at that number is still that object. */
static bool exec_placed(struct syscall_stop *s, enum action *act)
{
	struct tracee *t = s->t;
	if (t->placed_fd < 0 || !t->placed_exec || !same_call(&t->placed_call, &t->regs_orig))
		return false;
	int own = tracee_dup_fd(t, t->placed_fd);
	struct stat st;
	bool same = own >= 0 && fstat(own, &st) == 0 && st.st_dev == t->placed_dev && st.st_ino == t->placed_ino;
	if (own >= 0)
		close(own);
	if (!same) {
		/* a signal handler put another file at that number meanwhile:
		 * it is the program's descriptor now, not ours to close */
		t->placed_fd = -1;
		t->placed_exec = false;
		s->retval = -EAGAIN;
		*act = ACT_RETURN;
		return true;
	}
	/* if the exec fails, the caller finds its own call's registers */
	t->regs_set = t->placed_call;
	t->regs_orig = t->placed_orig;
	t->regs_changed = true;
	*act = ACT_EXIT_STOP;
	return true;
}

long handle_execve_exit(struct syscall_stop *s)
{
	struct tracee *t = s->t;
	if (s->retval >= 0 || t->placed_fd < 0 || !t->placed_exec)
		return s->retval;
	int fd = t->placed_fd;
	t->placed_fd = -1;
	t->placed_exec = false;
	struct injection inj;
	if (inject_begin_at_exit(&inj, t, s->abi) == 0) {
		caller_close(&inj, fd);
		inject_finish(&inj);
	}
	return s->retval;
}

/* The caller opens what the plan executes (host path `host`) beneath its
 * root, O_PATH (its last component not followed: the plan resolved it,
 * but for AT_SYMLINK_NOFOLLOW, where the kernel refuses a symlink too),
 * and is made to issue execveat(fd, "", argv, envp, AT_EMPTY_PATH)
 * instead of its call. 1: not inside the root (the host's /proc or /dev):
 * translated instead. 0: placed (ACT_CONTINUE), or s->retval set (the
 * lookup's error: ACT_RETURN, *ret). */
static int exec_on_object(struct syscall_stop *s, const char *host, uint64_t empty_at, uint64_t vec_at,
			  uint64_t envp, bool *ret)
{
	struct tracee *t = s->t;
	char guest[PATH_MAX], abs[PATH_MAX];
	const struct fs_root *in;
	if (fs_host_to_guest(t, host, guest, sizeof(guest)) ||
	    fs_guest_in_root(t, AT_FDCWD, guest, abs, sizeof(abs), &in) != 0)
		return 1;
	struct injection inj;
	int err = inject_begin(&inj, t, s->abi);
	if (err) {
		s->retval = err;
		*ret = true;
		return 0;
	}
	long fd = caller_open_in_root(&inj, in, abs, O_PATH | O_CLOEXEC | O_NOFOLLOW, 0);
	int own = fd >= 0 ? tracee_dup_fd(t, (int)fd) : -1;
	struct stat st;
	if (fd >= 0 && (own < 0 || fstat(own, &st) < 0))
		err = -EACCES;
	if (own >= 0)
		close(own);
	if (fd == -ESRCH) {
		s->retval = -ESRCH;
		*ret = true;
		return 0;
	}
	if (fd < 0 || err) {
		if (fd >= 0)
			caller_close(&inj, fd);
		if (inj.at_exit)
			inject_finish(&inj); /* the original call counts as done */
		s->retval = fd < 0 ? fd : err;
		*ret = true;
		return 0;
	}
	struct abi_call call = {.nr = abi_nr(s->abi, SC_execveat),
				.args = {(uint64_t)fd, empty_at, vec_at, envp, AT_EMPTY_PATH, 0}};
	t->placed_fd = (int)fd;
	t->placed_exec = true;
	t->placed_dev = st.st_dev;
	t->placed_ino = st.st_ino;
	t->placed_call = call;
	t->placed_orig = t->regs_orig;
	if ((err = inject_end_as(&inj, call.nr, call.args))) {
		s->retval = err;
		*ret = true;
		return 0;
	}
	s->rewound = true;
	*ret = false;
	return 0;
}

enum action handle_execve(struct syscall_stop *s)
{
	enum action placed;
	if (exec_placed(s, &placed))
		return placed;
	bool at = s->id == SC_execveat;
	int dirfd = at ? (int)s->args[0] : AT_FDCWD;
	uint64_t path_arg = s->args[at ? 1 : 0], argv = s->args[at ? 2 : 1], envp = s->args[at ? 3 : 2];
	uint64_t flags = at ? s->args[4] : 0;
	char guest[PATH_MAX];
	int err = mem_read_string(s->t->tid, path_arg, guest, sizeof(guest));
	if (err) {
		s->retval = err == -ENAMETOOLONG ? err : -EFAULT;
		return ACT_RETURN;
	}
	if (guest[0] == '\0') {
		if (!(at && (flags & AT_EMPTY_PATH))) {
			s->retval = -ENOENT;
			return ACT_RETURN;
		}
		/* fexecve: the program is the descriptor's file */
		char link[64], host[PATH_MAX];
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", s->t->tid, dirfd);
		ssize_t n = readlink(link, host, sizeof(host) - 1);
		if (n <= 0 || host[0] != '/')
			return ACT_CONTINUE; /* not a file with a name: the kernel decides */
		host[n] = '\0';
		if (fs_host_to_guest(s->t, host, guest, sizeof(guest)))
			return ACT_CONTINUE;
		dirfd = AT_FDCWD;
	}
	uint64_t *args = NULL;
	size_t argc = 0;
	err = read_argv(s, argv, &args, &argc);
	char argv0[PATH_MAX] = "";
	if (!err && argc > 0 && mem_read_string(s->t->tid, args[0], argv0, sizeof(argv0)))
		err = -EFAULT;
	struct exec_plan *pl = calloc(1, sizeof(*pl));
	if (!err && !pl)
		err = -ENOMEM;
	if (!err) {
		enum fs_follow f = (flags & AT_SYMLINK_NOFOLLOW) ? FS_NOFOLLOW : FS_FOLLOW;
		err = plan_exec(s->t, dirfd, guest, f, argv0, pl);
	}
	/* the scratch slot: after the caller's open (caller_open.h), the host
	 * path, then the words, then the argv array */
	size_t ws = s->abi->word_size, off = OBJECT_OPEN_AREA;
	uint64_t file_at = 0, word_at[MAX_PREFIX];
	if (!err) {
		err = scratch_put(s->t, off, pl->host, strlen(pl->host) + 1, &file_at);
		off += strlen(pl->host) + 1;
	}
	for (int i = 0; !err && i < pl->nwords; i++) {
		size_t len = strlen(pl->words[i]) + 1;
		err = scratch_put(s->t, off, pl->words[i], len, &word_at[i]);
		off += len;
	}
	if (err) {
		free(pl);
		free(args);
		s->retval = err;
		return ACT_RETURN;
	}
	/* the caller's argv[1..] keep their own strings; argv[0] is replaced */
	size_t keep = argc > 0 ? argc - 1 : 0;
	size_t total = (size_t)pl->nwords + keep + 1;
	unsigned char *vec = calloc(total, ws);
	for (size_t i = 0; vec && i < total - 1; i++) {
		uint64_t p = i < (size_t)pl->nwords ? word_at[i] : args[i - (size_t)pl->nwords + 1];
		memcpy(vec + i * ws, &p, ws); /* little-endian: the low word first */
	}
	off = (off + 7) & ~(size_t)7;
	uint64_t vec_at = 0;
	err = vec ? scratch_put(s->t, off, vec, total * ws, &vec_at) : -ENOMEM;
	free(vec);
	free(args);
	if (err) {
		free(pl);
		s->retval = err == -E2BIG ? -E2BIG : err;
		return ACT_RETURN;
	}
	/* the object the kernel executes: a descriptor the caller opens
	 * beneath its root; a host object shown inside (its /proc, /dev) by
	 * the translated path */
	bool ret = false;
	int route = exec_on_object(s, pl->host, file_at + strlen(pl->host), vec_at, envp, &ret);
	if (route == 1) {
		uint64_t nargs[6] = {file_at, vec_at, envp, 0, 0, 0};
		stop_set_call(s, abi_nr(s->abi, SC_execve), nargs);
	} else if (ret) {
		free(pl);
		return ACT_RETURN;
	}
	free(s->t->pending_exe);
	s->t->pending_exe = pl->guest_program[0] ? strdup(pl->guest_program) : NULL;
	/* the name the kernel gives a program: the last part of the path execve
	 * was given (of a script, the script's) */
	free(s->t->pending_comm);
	const char *base = strrchr(guest, '/');
	/* (on a descriptor the kernel would name it after the descriptor's
	 * number, "/dev/fd/N", on kernels before 6.x's use of the dentry) */
	s->t->pending_comm = pl->via_loader || route == 0 ? strndup(base ? base + 1 : guest, 15) : NULL;
	s->t->pending_loader = pl->via_loader;
	free(pl);
	return ACT_CONTINUE;
}
