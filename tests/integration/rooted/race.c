/* SPDX-License-Identifier: BSD-2-Clause */
/* Race probes (issue 13): a sibling thread swaps a directory inside the
 * jail with a symlink that leads out (or into /proc) while the main thread
 * makes one call through it, TRIES times. A call that reaches the object
 * behind the symlink is an escape. Harmless targets only: the test's own
 * file, directory and socket outside the root, and a sleep it started.
 *
 *   race MODE TARGET TRIES DEV:INO DIRINO|PID
 *
 * MODE: opath chdir chdirfd chmod utimes inotify xattr connect sendto mkdir
 * rename symlink bind openat2 exec (jail with a root; exec: DEV:INO is a
 * copy of this probe in TARGET, x, which the jail must not run; race/d/x
 * is another copy, inside; chdirfd wants descriptor 3 open on TARGET;
 * TARGET is the host directory holding the test's file f and socket s,
 * DEV:INO identifies f, DIRINO the directory), or opath chdir openat2
 * procsig dotdot at the host's / (TARGET is /proc, PID the hidden sleep;
 * dotdot: openat2 with resolve flags of "race/d/PID/../version", which
 * reaches /proc/version only through the hidden /proc/PID/..). Prints "MODE: N escapes in M
 * tries (K processes killed)" and exits 1 if N > 0. "race listen DIR
 * x 0:0 0" serves the test's host sockets DIR/s and DIR/g (outside the
 * jail); a datagram reaching DIR/g is noted in DIR.got. */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <utime.h>

#define PROC_MAGIC 0x9fa0

static const char *mode, *target;
static long tries, pid;
static unsigned long tdev, tino, dino;
static bool at_proc;  /* at the host's /: the target is /proc/PID */
static char inner[24]; /* the name under race/d: "f", or PID at / */
static struct shared {
	atomic_long done, escapes;
} *sh;
static atomic_int stop;
static pid_t owner; /* the process that listens on race/d/s */
static dev_t procdev; /* the device of /proc */
/* open_how with a zeroed tail: every other openat2 passes size 88, the
 * size whose bit 64 the supervisor's own injected openat2 uses */
static struct {
	struct open_how h;
	unsigned char zero[64];
} flip_buf;
#define flip_how flip_buf.h

static bool is(const char *m)
{
	return strcmp(mode, m) == 0;
}

static void *swapper(void *arg)
{
	(void)arg;
	/* paced a little: a lost race kills the process (a fork each) */
	while (!atomic_load(&stop)) {
		syscall(SYS_renameat2, AT_FDCWD, "race/d", AT_FDCWD, "race/l", 2 /* RENAME_EXCHANGE */);
		for (volatile int i = 0; i < 100000; i++)
			;
	}
	return NULL;
}

/* chdirfd: descriptor 3 is the host directory (given by the test); the
 * number a chdir's own descriptor gets is replaced by it, again and again */
static int next_fd;
static void *fd_swapper(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop)) {
		dup2(3, next_fd);
		close(next_fd);
	}
	return NULL;
}

static void *flipper(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop)) {
		__atomic_store_n(&flip_how.resolve, (unsigned long long)RESOLVE_IN_ROOT, __ATOMIC_RELAXED);
		for (volatile int i = 0; i < 2000; i++)
			;
		__atomic_store_n(&flip_how.resolve, 0ULL, __ATOMIC_RELAXED);
		for (volatile int i = 0; i < 2000; i++)
			;
	}
	return NULL;
}

static void *acceptor(void *arg)
{
	int ls = *(int *)arg;
	for (;;) {
		int c = accept(ls, NULL, NULL);
		if (c >= 0)
			close(c);
	}
	return NULL;
}

static void *drainer(void *arg)
{
	int gs = *(int *)arg;
	for (char c; recv(gs, &c, 1, 0) >= 0;)
		;
	return NULL;
}

/* Is fd (or the cwd, fd AT_FDCWD) the target object? */
static bool hit_fd(int fd)
{
	struct stat st;
	struct statfs sf;
	(void)sf;
	if (at_proc) {
		if (fd == AT_FDCWD) /* the cwd itself, on the procfs */
			return fstatat(AT_FDCWD, "", &st, AT_EMPTY_PATH) == 0 && st.st_dev == procdev;
		return fstatfs(fd, &sf) == 0 && sf.f_type == PROC_MAGIC;
	}
	/* the cwd itself (AT_EMPTY_PATH), not "." looked up in the jail */
	int rc = fd == AT_FDCWD ? fstatat(AT_FDCWD, "", &st, AT_EMPTY_PATH) : fstat(fd, &st);
	if (rc != 0)
		return false;
	if (fd == AT_FDCWD) /* the cwd: the target directory */
		return st.st_dev == tdev && st.st_ino == dino;
	return st.st_dev == tdev && st.st_ino == tino;
}

static bool one_try(const char *base, int dfd)
{
	char name[128];
	if (is("opath")) {
		snprintf(name, sizeof(name), "race/d/%s", inner);
		int fd = open(name, O_PATH);
		bool h = fd >= 0 && hit_fd(fd);
		if (fd >= 0)
			close(fd);
		return h;
	}
	if (is("chdir")) {
		bool h = false;
		snprintf(name, sizeof(name), at_proc ? "race/d/%s" : "race/d", inner);
		if (chdir(name) == 0) {
			h = hit_fd(AT_FDCWD);
			if (chdir(base) != 0)
				_exit(3);
		}
		return h;
	}
	if (is("chdirfd")) {
		bool h = false;
		if (chdir("race/d") == 0)
			h = hit_fd(AT_FDCWD);
		/* the swapper may close the descriptor under this one too */
		for (int i = 0; chdir(base) != 0; i++)
			if (i > 1000)
				_exit(3);
		return h;
	}
	if (is("chmod")) {
		struct timespec ts[2] = {{12345, 0}, {12345, 0}};
		chmod("race/d/f", 0600);
		utimensat(AT_FDCWD, "race/d/f", ts, 0);
		int fd = open("race/d/f", O_RDONLY);
		if (fd >= 0) {
			fchownat(fd, "", (uid_t)-1, (gid_t)-1, AT_EMPTY_PATH);
			utimensat(fd, "", ts, AT_EMPTY_PATH);
			close(fd);
		}
		return false; /* the test looks at the file */
	}
	if (is("utimes")) { /* the older time calls */
		struct timeval tv[2] = {{12345, 0}, {12345, 0}};
		struct utimbuf ub = {12345, 12345};
		utimes("race/d/f", tv);
		utime("race/d/f", &ub);
		syscall(SYS_futimesat, AT_FDCWD, "race/d/f", tv);
		return false; /* the test looks at the file */
	}
	if (is("inotify")) { /* a watch on the host's file: its inode in fdinfo */
		int in = inotify_init1(IN_CLOEXEC);
		bool h = false;
		if (in >= 0 && inotify_add_watch(in, "race/d/f", IN_ATTRIB) >= 0) {
			char info[64], line[256];
			snprintf(info, sizeof(info), "/proc/self/fdinfo/%d", in);
			FILE *f = fopen(info, "r");
			unsigned long ino;
			while (f && fgets(line, sizeof(line), f))
				if (sscanf(line, "inotify wd:%*d ino:%lx", &ino) == 1 && ino == tino)
					h = true;
			if (f)
				fclose(f);
		}
		if (in >= 0)
			close(in);
		return h;
	}
	if (is("xattr")) {
		setxattr("race/d/f", "user.race", "1", 1, 0);
		return false; /* the test looks at the file */
	}
	if (is("connect")) {
		int s = socket(AF_UNIX, SOCK_STREAM, 0);
		struct sockaddr_un a = {.sun_family = AF_UNIX};
		strcpy(a.sun_path, "race/d/s");
		bool h = false;
		if (connect(s, (struct sockaddr *)&a, sizeof(a)) == 0) {
			struct ucred cr;
			socklen_t l = sizeof(cr);
			h = getsockopt(s, SOL_SOCKET, SO_PEERCRED, &cr, &l) == 0 && cr.pid != owner;
		}
		close(s);
		return h;
	}
	if (is("sendto")) {
		int s = socket(AF_UNIX, SOCK_DGRAM, 0);
		struct sockaddr_un a = {.sun_family = AF_UNIX};
		strcpy(a.sun_path, "race/d/g");
		sendto(s, "x", 1, MSG_DONTWAIT, (struct sockaddr *)&a, sizeof(a));
		close(s);
		return false; /* the host's datagram socket counts what it gets */
	}
	/* names made or changed through race/d: one landing in the host
	 * directory stays there (the test lists it); one in the real race/d
	 * is undone through the directory's descriptor */
	if (is("mkdir")) {
		mkdir("race/d/m", 0755);
		unlinkat(dfd, "m", AT_REMOVEDIR);
		return false;
	}
	if (is("rename")) {
		rename("race/d/f", "race/d/f2");
		renameat(dfd, "f2", dfd, "f");
		return false;
	}
	if (is("symlink")) {
		symlink("x", "race/d/y");
		unlinkat(dfd, "y", 0);
		return false;
	}
	if (is("bind")) {
		int s = socket(AF_UNIX, SOCK_STREAM, 0);
		struct sockaddr_un a = {.sun_family = AF_UNIX};
		strcpy(a.sun_path, "race/d/b");
		bool h = false;
		if (bind(s, (struct sockaddr *)&a, sizeof(a)) == 0) {
			struct stat st;
			/* not in the real directory: it went out */
			h = fstatat(dfd, "b", &st, AT_SYMLINK_NOFOLLOW) != 0;
			unlinkat(dfd, "b", 0);
		}
		close(s);
		return h;
	}
	if (is("exec")) {
		/* the program run is the host's copy if its own mappings say so */
		pid_t c = fork();
		if (c == 0) {
			char devino[64];
			snprintf(devino, sizeof(devino), "%lu:%lu", tdev, tino);
			execl("race/d/x", "x", "exechit", target, "1", devino, "0", (char *)NULL);
			_exit(0);
		}
		int st;
		return c > 0 && waitpid(c, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 42;
	}
	if (is("openat2")) {
		char path[128];
		if (at_proc)
			snprintf(path, sizeof(path), "/proc/%ld/status", pid);
		else
			snprintf(path, sizeof(path), "%s/f", target);
		static unsigned k;
		size_t size = (k++ & 1) ? sizeof(flip_buf) : sizeof(flip_how);
		int fd = (int)syscall(SYS_openat2, AT_FDCWD, path, &flip_buf, size);
		bool h = fd >= 0 && (at_proc || hit_fd(fd));
		if (fd >= 0)
			close(fd);
		return h;
	}
	if (is("dotdot")) {
		snprintf(name, sizeof(name), "race/d/%s/../version", inner);
		struct open_how how = {.flags = O_RDONLY, .resolve = RESOLVE_NO_MAGICLINKS};
		int fd = (int)syscall(SYS_openat2, AT_FDCWD, name, &how, sizeof(how));
		char text[8] = "";
		bool h = fd >= 0 && read(fd, text, 5) == 5 && strncmp(text, "Linux", 5) == 0;
		if (fd >= 0)
			close(fd);
		return h;
	}
	if (is("procsig")) {
		snprintf(name, sizeof(name), "race/d/%s", inner);
		int fd = open(name, O_RDONLY | O_DIRECTORY);
		bool h = fd >= 0 && syscall(SYS_pidfd_send_signal, fd, 0, NULL, 0) == 0;
		if (fd >= 0)
			close(fd);
		return h;
	}
	fprintf(stderr, "race: unknown mode %s\n", mode);
	exit(2);
}

/* One process doing tries until done (a lost race may get it killed). */
static void worker(const char *base)
{
	pthread_t th;
	int dfd = open("race/d", O_RDONLY | O_DIRECTORY);
	if (dfd < 0)
		_exit(2);
	atomic_store(&stop, 0);
	if (is("chdirfd")) {
		/* the numbers the injected root and name descriptors get */
		int probe = dup(0);
		close(probe);
		next_fd = probe + 1;
		pthread_create(&th, NULL, fd_swapper, NULL);
	} else if (is("openat2")) {
		/* O_PATH: Landlock does not govern it (inside a root) */
		flip_how.flags = at_proc ? O_RDONLY : O_PATH;
		pthread_create(&th, NULL, flipper, NULL);
	} else {
		pthread_create(&th, NULL, swapper, NULL);
	}
	while (atomic_load(&sh->done) < tries) {
		if (one_try(base, dfd))
			atomic_fetch_add(&sh->escapes, 1);
		atomic_fetch_add(&sh->done, 1);
	}
	atomic_store(&stop, 1);
	pthread_join(th, NULL);
	_exit(0);
}

int main(int argc, char **argv)
{
	if (argc < 5) {
		fprintf(stderr, "usage: race MODE TARGET TRIES DEV:INO DIRINO|PID\n");
		return 2;
	}
	mode = argv[1], target = argv[2], tries = atol(argv[3]);
	if (is("listen")) {
		/* the test's own host sockets, outside the jail: TARGET/s
		 * (stream) and TARGET/g (datagram; what reaches it is noted in
		 * TARGET.got) */
		int ls = socket(AF_UNIX, SOCK_STREAM, 0);
		int gs = socket(AF_UNIX, SOCK_DGRAM, 0);
		struct sockaddr_un a = {.sun_family = AF_UNIX}, g = {.sun_family = AF_UNIX};
		snprintf(a.sun_path, sizeof(a.sun_path), "%s/s", target);
		snprintf(g.sun_path, sizeof(g.sun_path), "%s/g", target);
		if (bind(ls, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(ls, 64) < 0 ||
		    bind(gs, (struct sockaddr *)&g, sizeof(g)) < 0)
			return 2;
		pthread_t th;
		pthread_create(&th, NULL, acceptor, &ls);
		char got[4200];
		snprintf(got, sizeof(got), "%s.got", target);
		for (char c; recv(gs, &c, 1, 0) >= 0;) {
			int fd = open(got, O_WRONLY | O_CREAT | O_APPEND, 0644);
			if (fd >= 0 && write(fd, "x", 1) == 1)
				close(fd);
		}
		return 2;
	}
	if (sscanf(argv[4], "%lu:%lu", &tdev, &tino) != 2)
		return 2;
	if (is("exechit")) {
		/* run by mode exec: 42 if this image is mapped from DEV:INO */
		FILE *m = fopen("/proc/self/maps", "r");
		char line[512];
		unsigned maj, min;
		unsigned long ino;
		while (m && fgets(line, sizeof(line), m))
			if (sscanf(line, "%*s %*s %*s %x:%x %lu", &maj, &min, &ino) == 3 && ino == tino &&
			    makedev(maj, min) == tdev)
				return 42;
		return 0;
	}
	at_proc = strcmp(target, "/proc") == 0;
	if (argc < 6)
		return 2;
	if (at_proc)
		pid = atol(argv[5]);
	else
		dino = strtoul(argv[5], NULL, 10);
	snprintf(inner, sizeof(inner), at_proc ? "%ld" : "f", pid);
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return 2;
	char base[4096], name[128];
	/* RACE_DIR: where to race (e.g. the jail's private /dev/shm) */
	const char *dir = getenv("RACE_DIR");
	if (dir && chdir(dir) != 0)
		return 2;
	if (!getcwd(base, sizeof(base)))
		return 2;
	/* race/d (real, holding f or PID, and a socket s we listen on) and
	 * race/l -> TARGET, exchanged again and again */
	mkdir("race", 0755);
	mkdir("race/d", 0755);
	snprintf(name, sizeof(name), "race/d/%s", inner);
	if (at_proc) {
		mkdir(name, 0755);
		int v = open("race/d/version", O_CREAT | O_WRONLY | O_TRUNC, 0644);
		if (v < 0 || write(v, "benign\n", 7) != 7)
			return 2;
		close(v);
	} else
		close(open(name, O_CREAT | O_WRONLY, 0644));
	if (is("exec")) {
		/* race/d/x: a copy of this program, inside */
		int in = open(argv[0], O_RDONLY), out = open("race/d/x", O_CREAT | O_WRONLY | O_TRUNC, 0755);
		char buf[65536];
		ssize_t n;
		while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
			if (write(out, buf, (size_t)n) != n)
				return 2;
		if (in < 0 || out < 0)
			return 2;
		close(in);
		close(out);
	}
	unlink("race/l");
	if (symlink(target, "race/l") < 0)
		return 2;
	owner = getpid();
	struct stat pst;
	if (stat("/proc", &pst) == 0)
		procdev = pst.st_dev;
	int ls = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	strcpy(a.sun_path, "race/d/s");
	unlink(a.sun_path);
	if (bind(ls, (struct sockaddr *)&a, sizeof(a)) == 0 && listen(ls, 64) == 0) {
		pthread_t th;
		pthread_create(&th, NULL, acceptor, &ls);
	}
	/* race/d/g: the datagram socket sendto aims at, drained */
	int gs = socket(AF_UNIX, SOCK_DGRAM, 0);
	struct sockaddr_un g = {.sun_family = AF_UNIX};
	strcpy(g.sun_path, "race/d/g");
	unlink(g.sun_path);
	if (bind(gs, (struct sockaddr *)&g, sizeof(g)) < 0)
		return 2;
	pthread_t dth;
	pthread_create(&dth, NULL, drainer, &gs);
	long killed = 0;
	while (atomic_load(&sh->done) < tries) {
		pid_t w = fork();
		if (w == 0)
			worker(base);
		int st;
		if (waitpid(w, &st, 0) < 0)
			return 2;
		if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL)
			killed++;
		else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			return 2;
		/* a worker killed mid-swap may leave the names exchanged */
		struct stat sd;
		if (lstat("race/d", &sd) == 0 && S_ISLNK(sd.st_mode))
			syscall(SYS_renameat2, AT_FDCWD, "race/d", AT_FDCWD, "race/l", 2);
	}
	long esc = atomic_load(&sh->escapes);
	printf("%s: %ld escapes in %ld tries (%ld processes killed)\n", mode, esc, (long)atomic_load(&sh->done),
	       killed);
	return esc ? 1 : 0;
}
