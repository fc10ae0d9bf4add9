/* SPDX-License-Identifier: BSD-2-Clause */
/* chroot(2) path semantics, compared with the kernel's own. Run as
 *   jail ROOT h "" /pathsem "" PREFIXLEN         (the tree is the jail's /)
 *   ROOT2/pathsem ROOT2 PREFIXLEN                 (natively, on ROOT2)
 * where PREFIXLEN is the length of the host path of the tree (ROOT or ROOT2,
 * which the caller makes the same length). The program builds the same
 * fixture under BASE/t in both runs, tries the edge cases and prints one
 * line per case with its result; the caller compares the two outputs, which
 * must be identical (BASE never appears in them). Names are BASE + guest
 * path, so the native run sees the same strings plus the same-length prefix
 * the jail adds when it translates. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/openat2.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *base;
static size_t prefixlen;
static char selfpath[PATH_MAX];

/* BASE + guest, in a rotating set of buffers */
static const char *P(const char *guest)
{
	static char bufs[8][2 * PATH_MAX];
	static int next;
	char *b = bufs[next++ % 8];
	snprintf(b, 2 * PATH_MAX, "%s%s", base, guest);
	return b;
}

static const char *res(long rc)
{
	static char buf[64];
	if (rc >= 0)
		return "ok";
	snprintf(buf, sizeof(buf), "%s", strerrorname_np(errno) ? strerrorname_np(errno) : "E?");
	return buf;
}

static void line(const char *label, const char *fmt, ...)
{
	va_list ap;
	printf("%s: ", label);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static char type_of(mode_t m)
{
	return S_ISREG(m) ? 'f' : S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : '?';
}

static void show_stat(const char *label, long rc, const struct stat *st)
{
	if (rc < 0)
		line(label, "%s", res(rc));
	else
		line(label, "ok %c", type_of(st->st_mode));
}

static void do_stat(const char *label, const char *path)
{
	struct stat st;
	long rc = stat(path, &st);
	show_stat(label, rc, &st);
}

static void do_lstat(const char *label, const char *path)
{
	struct stat st;
	long rc = lstat(path, &st);
	show_stat(label, rc, &st);
}

static void do_open(const char *label, const char *path, int flags)
{
	int fd = open(path, flags, 0644);
	line(label, "%s", res(fd));
	if (fd >= 0)
		close(fd);
}

/* the text of a link, BASE taken off its front */
static void do_readlink(const char *label, int dirfd, const char *path, size_t size)
{
	char buf[PATH_MAX + 1];
	ssize_t n = readlinkat(dirfd, path, buf, size);
	if (n < 0) {
		line(label, "%s", res(n));
		return;
	}
	buf[n] = '\0';
	const char *s = buf;
	size_t bl = strlen(base);
	if (bl && strncmp(s, base, bl) == 0)
		s += bl;
	line(label, "ok %zd [%s]", n - (ssize_t)(s - buf), s);
}

static void same_file(const char *label, const char *a, const char *b)
{
	struct stat sa, sb;
	if (stat(a, &sa) < 0 || stat(b, &sb) < 0) {
		line(label, "%s", res(-1));
		return;
	}
	line(label, "%s", sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino ? "same" : "different");
}

static void mksym(const char *target, const char *name)
{
	if (symlink(target, P(name)) < 0)
		printf("setup symlink %s: %s\n", name, strerror(errno));
}

static void mkfile(const char *name)
{
	int fd = open(P(name), O_CREAT | O_WRONLY | O_TRUNC, 0644);
	if (fd < 0 || write(fd, "F", 1) != 1)
		printf("setup file %s: %s\n", name, strerror(errno));
	if (fd >= 0)
		close(fd);
}

static void setup(void)
{
	char buf[PATH_MAX];
	if (mkdir(P("/t"), 0755) < 0 || mkdir(P("/t/dir"), 0755) < 0 ||
	    mkdir(P("/t/dir/sub"), 0755) < 0)
		printf("setup dirs: %s\n", strerror(errno));
	mkfile("/t/file");
	mkfile("/t/dir/sub/f");
	mksym("nowhere", "/t/dangling");
	snprintf(buf, sizeof(buf), "%s/t/created_abs", base);
	mksym(buf, "/t/adangling");
	snprintf(buf, sizeof(buf), "%s/t/dir/nodir/x", base);
	mksym(buf, "/t/adangling_deep");
	mksym("dir/sub", "/t/rel");
	mksym("../t//./dir/", "/t/weird");
	mksym("dir", "/t/ldir");
	snprintf(buf, sizeof(buf), "%s/t/dir", base);
	mksym(buf, "/t/aldir");
	mksym("file", "/t/lfile");
	mksym("loop2", "/t/loop1");
	mksym("loop1", "/t/loop2");
	mksym("self", "/t/self");
	/* c0 -> file, cN -> c(N-1): following cN takes N+1 links */
	mksym("file", "/t/c0");
	mksym("dnone", "/t/dc0");
	for (int i = 1; i <= 41; i++) {
		char name[32], target[32];
		snprintf(name, sizeof(name), "/t/c%d", i);
		snprintf(target, sizeof(target), "c%d", i - 1);
		mksym(target, name);
		snprintf(name, sizeof(name), "/t/dc%d", i);
		snprintf(target, sizeof(target), "dc%d", i - 1);
		mksym(target, name);
	}
}

static void creat_excl(void)
{
	do_open("O_CREAT|O_EXCL on a dangling relative symlink", P("/t/dangling"),
		O_CREAT | O_EXCL | O_WRONLY);
	do_open("O_CREAT|O_EXCL on a dangling absolute symlink", P("/t/adangling"),
		O_CREAT | O_EXCL | O_WRONLY);
	do_open("O_CREAT|O_EXCL on a symlink to a file", P("/t/lfile"), O_CREAT | O_EXCL | O_WRONLY);
	do_lstat("  ... nothing created: lstat of the target", P("/t/nowhere"));
	do_open("O_CREAT through a dangling absolute symlink", P("/t/adangling"), O_CREAT | O_WRONLY);
	do_stat("  ... the target now exists inside", P("/t/created_abs"));
	do_open("O_CREAT through a dangling relative symlink", P("/t/dangling"), O_CREAT | O_WRONLY);
	do_stat("  ... its target now exists", P("/t/nowhere"));
	do_open("O_CREAT through a dangling symlink into a missing dir", P("/t/adangling_deep"),
		O_CREAT | O_WRONLY);
	do_open("O_CREAT|O_NOFOLLOW on a dangling symlink", P("/t/dc0"), O_CREAT | O_NOFOLLOW | O_WRONLY);
	do_open("O_CREAT with a trailing slash on a dangling symlink", P("/t/dc0/"), O_CREAT | O_WRONLY);
	do_open("O_CREAT through 40 dangling links", P("/t/dc39"), O_CREAT | O_WRONLY);
	do_lstat("  ... created the end of the chain", P("/t/dnone"));
	unlink(P("/t/dnone"));
	do_open("O_CREAT through 41 dangling links", P("/t/dc40"), O_CREAT | O_WRONLY);
	do_open("O_CREAT through 42 dangling links", P("/t/dc41"), O_CREAT | O_WRONLY);
	do_open("O_CREAT on a symlink loop", P("/t/loop1"), O_CREAT | O_WRONLY);
	do_open("O_CREAT|O_EXCL on a symlink loop", P("/t/loop1"), O_CREAT | O_EXCL | O_WRONLY);
}

static void trailing_slashes(void)
{
	do_open("open(file/)", P("/t/file/"), O_RDONLY);
	do_open("open(file/, O_CREAT)", P("/t/file/"), O_CREAT | O_WRONLY);
	do_open("open(new/, O_CREAT)", P("/t/new/"), O_CREAT | O_WRONLY);
	do_open("open(dir/, O_RDONLY)", P("/t/dir/"), O_RDONLY);
	do_open("open(dir/, O_WRONLY)", P("/t/dir/"), O_WRONLY);
	do_open("open(lfile/)", P("/t/lfile/"), O_RDONLY);
	do_open("open(ldir/, O_NOFOLLOW)", P("/t/ldir/"), O_RDONLY | O_NOFOLLOW);
	do_open("open(ldir, O_NOFOLLOW)", P("/t/ldir"), O_RDONLY | O_NOFOLLOW);
	line("mkdir(d/)", "%s", res(mkdir(P("/t/d/"), 0755)));
	do_stat("  ... d is a directory", P("/t/d"));
	line("mkdir(d//) again", "%s", res(mkdir(P("/t/d//"), 0755)));
	line("mkdir(dangling/)", "%s", res(mkdir(P("/t/dc0/"), 0755)));
	do_lstat("  ... dnone after it", P("/t/dnone"));
	rmdir(P("/t/dnone"));
	line("mkdir(file/)", "%s", res(mkdir(P("/t/file/"), 0755)));
	line("rmdir(d/.)", "%s", res(rmdir(P("/t/d/."))));
	line("rmdir(d/..)", "%s", res(rmdir(P("/t/d/.."))));
	line("rmdir(ldir/)", "%s", res(rmdir(P("/t/ldir/"))));
	line("rmdir(file/)", "%s", res(rmdir(P("/t/file/"))));
	line("rmdir(d/)", "%s", res(rmdir(P("/t/d/"))));
	line("unlink(file/)", "%s", res(unlink(P("/t/file/"))));
	line("unlink(ldir/)", "%s", res(unlink(P("/t/ldir/"))));
	line("unlink(lfile/)", "%s", res(unlink(P("/t/lfile/"))));
	line("rename(file, file2/)", "%s", res(rename(P("/t/file"), P("/t/file2/"))));
	line("rename(file/, file2)", "%s", res(rename(P("/t/file/"), P("/t/file2"))));
	mkdir(P("/t/rd"), 0755);
	line("rename(rd/, rd2/)", "%s", res(rename(P("/t/rd/"), P("/t/rd2/"))));
	do_stat("  ... rd2", P("/t/rd2"));
	line("rename(rd2, rd//)", "%s", res(rename(P("/t/rd2"), P("/t/rd//"))));
	line("rename(ldir/, x)", "%s", res(rename(P("/t/ldir/"), P("/t/x"))));
	line("rename(lfile, x/)", "%s", res(rename(P("/t/lfile"), P("/t/x/"))));
	rmdir(P("/t/rd"));
	do_stat("stat(ldir/) follows", P("/t/ldir/"));
	do_lstat("lstat(ldir/) follows", P("/t/ldir/"));
	do_lstat("lstat(ldir) is the link", P("/t/ldir"));
	do_lstat("lstat(aldir/) follows an absolute link", P("/t/aldir/"));
	do_lstat("lstat(aldir//.) follows", P("/t/aldir//."));
	do_stat("stat(lfile/)", P("/t/lfile/"));
	do_lstat("lstat(lfile/)", P("/t/lfile/"));
	do_stat("stat(dangling/)", P("/t/dangling/"));
	line("symlink(x, sl/)", "%s", res(symlink("x", P("/t/sl/"))));
	line("link(file, hl/)", "%s", res(link(P("/t/file"), P("/t/hl/"))));
	line("link(file/, hl)", "%s", res(link(P("/t/file/"), P("/t/hl"))));
	line("mknod(fifo/)", "%s", res(mknod(P("/t/fifo/"), S_IFIFO | 0644, 0)));
	do_readlink("readlink(ldir/)", AT_FDCWD, P("/t/ldir/"), PATH_MAX);
}

static void slash_runs(void)
{
	do_stat("stat(//t//file)", P("//t//file"));
	do_stat("stat(/./t/./file)", P("/./t/./file"));
	do_stat("stat(/t/.//dir/./sub//)", P("/t/.//dir/./sub//"));
	do_stat("stat(/t/dir/../file)", P("/t/dir/../file"));
	do_stat("stat(/t/dir/sub/../../file)", P("/t/dir/sub/../../file"));
	do_stat("stat(/t/rel/../f)", P("/t/rel/../f"));
	do_stat("stat(/t/rel/f)", P("/t/rel/f"));
	do_open("open(/t//./new2, O_CREAT)", P("/t//./new2"), O_CREAT | O_WRONLY);
	do_stat("  ... /t/new2", P("/t/new2"));
	line("mkdir(/t/./m//)", "%s", res(mkdir(P("/t/./m//"), 0755)));
	line("rmdir(/t//m/)", "%s", res(rmdir(P("/t//m/"))));
	do_readlink("readlink(/t//rel)", AT_FDCWD, P("/t//rel"), PATH_MAX);
	do_readlink("readlink(/t/./dir/../rel)", AT_FDCWD, P("/t/./dir/../rel"), PATH_MAX);
}

static void empty_path(void)
{
	int fd = open(P("/t/file"), O_RDONLY);
	int dfd = open(P("/t/dir"), O_RDONLY | O_DIRECTORY);
	struct stat st, st2;
	long rc = fstatat(fd, "", &st, AT_EMPTY_PATH);
	show_stat("fstatat(fd, \"\", AT_EMPTY_PATH)", rc, &st);
	rc = fstatat(fd, "", &st, 0);
	show_stat("fstatat(fd, \"\", 0)", rc, &st);
	rc = fstatat(dfd, "", &st, AT_EMPTY_PATH);
	show_stat("fstatat(dirfd, \"\", AT_EMPTY_PATH)", rc, &st);
	rc = fstatat(AT_FDCWD, "", &st, AT_EMPTY_PATH);
	show_stat("fstatat(AT_FDCWD, \"\", AT_EMPTY_PATH)", rc, &st);
	struct statx sx;
	rc = statx(fd, "", AT_EMPTY_PATH, STATX_TYPE, &sx);
	line("statx(fd, \"\", AT_EMPTY_PATH)", "%s", res(rc));
	rc = faccessat(fd, "", R_OK, AT_EMPTY_PATH);
	line("faccessat2(fd, \"\", AT_EMPTY_PATH)", "%s", res(rc));
	rc = fchmodat(fd, "", 0644, AT_EMPTY_PATH);
	line("fchmodat2(fd, \"\", AT_EMPTY_PATH)", "%s", res(rc));
	rc = fchownat(fd, "", (uid_t)-1, (gid_t)-1, AT_EMPTY_PATH);
	line("fchownat(fd, \"\", AT_EMPTY_PATH)", "%s", res(rc));
	rc = syscall(SYS_utimensat, fd, NULL, NULL, 0);
	line("utimensat(fd, NULL)", "%s", res(rc));
	/* a hard link to an open file: needs CAP_DAC_READ_SEARCH */
	rc = linkat(fd, "", AT_FDCWD, P("/t/linked"), AT_EMPTY_PATH);
	line("linkat(fd, \"\", AT_EMPTY_PATH)", "%s", res(rc));
	if (rc == 0 && stat(P("/t/linked"), &st) == 0 && fstat(fd, &st2) == 0)
		line("  ... same inode", "%s", st.st_ino == st2.st_ino ? "yes" : "no");
	rc = linkat(fd, "", AT_FDCWD, P("/t/linked2"), 0);
	line("linkat(fd, \"\", 0)", "%s", res(rc));
	int tfd = open(P("/t"), O_TMPFILE | O_WRONLY, 0644);
	line("open(O_TMPFILE)", "%s", res(tfd));
	if (tfd >= 0) {
		char proc[64];
		snprintf(proc, sizeof(proc), "/proc/self/fd/%d", tfd);
		rc = linkat(AT_FDCWD, proc, AT_FDCWD, P("/t/tmplinked"), AT_SYMLINK_FOLLOW);
		line("linkat(/proc/self/fd/N, AT_SYMLINK_FOLLOW) of an O_TMPFILE", "%s", res(rc));
		do_stat("  ... tmplinked", P("/t/tmplinked"));
		close(tfd);
	}
	/* execveat of an open program, and relative to a directory */
	int xfd = open(selfpath, O_RDONLY);
	int xdir = open(P("/"), O_RDONLY | O_DIRECTORY);
	char *const envp[] = {NULL};
	for (int i = 0; i < 3; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			char *const av[] = {"pathsem", "--exit", NULL};
			if (i == 0)
				syscall(SYS_execveat, xfd, "", av, envp, AT_EMPTY_PATH);
			else if (i == 1)
				syscall(SYS_execveat, xdir, "pathsem", av, envp, 0);
			else
				syscall(SYS_execveat, xfd, "", av, envp, 0);
			_exit(100 + errno);
		}
		int status = 0;
		waitpid(pid, &status, 0);
		int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		const char *what[] = {"execveat(fd, \"\", AT_EMPTY_PATH)", "execveat(dirfd, \"pathsem\")",
				      "execveat(fd, \"\", 0)"};
		if (code == 42)
			line(what[i], "ran");
		else if (code > 100)
			line(what[i], "%s", strerrorname_np(code - 100));
		else
			line(what[i], "status %d", code);
	}
	close(xfd);
	close(xdir);
	close(fd);
	close(dfd);
}

static void at_calls(void)
{
	int dfd = open(P("/t/dir"), O_RDONLY | O_DIRECTORY);
	int ffd = open(P("/t/file"), O_RDONLY);
	int pfd[2];
	if (pipe(pfd) < 0)
		pfd[0] = pfd[1] = -1;
	struct stat st;
	long rc = fstatat(dfd, "sub", &st, 0);
	show_stat("fstatat(dirfd, sub)", rc, &st);
	rc = fstatat(dfd, "../file", &st, 0);
	show_stat("fstatat(dirfd, ../file)", rc, &st);
	rc = fstatat(dfd, "../../../../../../../..", &st, 0);
	line("fstatat(dirfd, ../../../../..) is /", "%s",
	     rc < 0 ? res(rc) : "checked below");
	rc = fstatat(dfd, P("/t/file"), &st, 0);
	show_stat("fstatat(dirfd, absolute)", rc, &st);
	rc = fstatat(ffd, "x", &st, 0);
	show_stat("fstatat(file fd, x)", rc, &st);
	rc = fstatat(pfd[0], "x", &st, 0);
	show_stat("fstatat(pipe fd, x)", rc, &st);
	rc = fstatat(9999, "x", &st, 0);
	show_stat("fstatat(bad fd, x)", rc, &st);
	rc = fstatat(9999, P("/t/file"), &st, 0);
	show_stat("fstatat(bad fd, absolute)", rc, &st);
	rc = fstatat(ffd, "", &st, 0);
	show_stat("fstatat(file fd, \"\")", rc, &st);
	line("mkdirat(dirfd, m)", "%s", res(mkdirat(dfd, "m", 0755)));
	line("unlinkat(dirfd, m, AT_REMOVEDIR)", "%s", res(unlinkat(dfd, "m", AT_REMOVEDIR)));
	line("unlinkat(dirfd, sub/f, AT_REMOVEDIR)", "%s", res(unlinkat(dfd, "sub/f", AT_REMOVEDIR)));
	int fd = openat(dfd, "new", O_CREAT | O_WRONLY, 0644);
	line("openat(dirfd, new, O_CREAT)", "%s", res(fd));
	if (fd >= 0)
		close(fd);
	line("renameat(dirfd, new, dirfd, ../new3)", "%s",
	     res(renameat(dfd, "new", dfd, "../new3")));
	do_stat("  ... /t/new3", P("/t/new3"));
	line("linkat(dirfd, ../new3, AT_FDCWD, /t/new4)", "%s",
	     res(linkat(dfd, "../new3", AT_FDCWD, P("/t/new4"), 0)));
	line("symlinkat(x, dirfd, sym)", "%s", res(symlinkat("../x", dfd, "sym")));
	do_readlink("readlinkat(dirfd, sym)", dfd, "sym", PATH_MAX);
	do_readlink("readlinkat(dirfd, ../rel)", dfd, "../rel", PATH_MAX);
	line("faccessat(dirfd, sub, X_OK)", "%s", res(faccessat(dfd, "sub", X_OK, 0)));
	line("fchmodat(dirfd, sub/f, 0600)", "%s", res(fchmodat(dfd, "sub/f", 0600, 0)));
	/* a directory renamed after it was opened: the fd's real directory */
	mkdir(P("/t/mv"), 0755);
	int mfd = open(P("/t/mv"), O_RDONLY | O_DIRECTORY);
	rename(P("/t/mv"), P("/t/mv2"));
	fd = openat(mfd, "f", O_CREAT | O_WRONLY, 0644);
	line("openat(dirfd renamed since, f, O_CREAT)", "%s", res(fd));
	if (fd >= 0)
		close(fd);
	do_stat("  ... /t/mv2/f", P("/t/mv2/f"));
	/* a removed directory */
	mkdir(P("/t/gone"), 0755);
	int gfd = open(P("/t/gone"), O_RDONLY | O_DIRECTORY);
	rmdir(P("/t/gone"));
	fd = openat(gfd, "f", O_CREAT | O_WRONLY, 0644);
	line("openat(removed dirfd, f, O_CREAT)", "%s", res(fd));
	rc = fstatat(gfd, ".", &st, 0);
	show_stat("fstatat(removed dirfd, .)", rc, &st);
	rc = fstatat(gfd, "..", &st, 0);
	show_stat("fstatat(removed dirfd, ..)", rc, &st);
	/* a cwd that is removed */
	char cwd[PATH_MAX];
	if (getcwd(cwd, sizeof(cwd)) && chdir(P("/t/mv2")) == 0) {
		line("getcwd in a renamed-to dir", "%s",
		     getcwd(cwd, sizeof(cwd)) ? cwd + strlen(base) : res(-1));
		unlink("f");
		rmdir(P("/t/mv2"));
		line("getcwd after rmdir of the cwd", "%s", getcwd(cwd, sizeof(cwd)) ? "ok" : res(-1));
		rc = stat("x", &st);
		show_stat("stat(x) in a removed cwd", rc, &st);
		rc = stat(".", &st);
		show_stat("stat(.) in a removed cwd", rc, &st);
		do_open("open(x, O_CREAT) in a removed cwd", "x", O_CREAT | O_WRONLY);
		if (chdir(P("/")) < 0)
			printf("chdir back: %s\n", strerror(errno));
	}
	close(gfd);
	close(mfd);
	close(dfd);
	close(ffd);
}

/* 254 f's: long enough for every name below */
#define FS                                                                                   \
	"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" \
	"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" \
	"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"

/* snprintf into an array, reporting a result it had to cut (never expected) */
#define FMT(buf, ...)                                                              \
	do {                                                                       \
		if ((size_t)snprintf(buf, sizeof(buf), __VA_ARGS__) >= sizeof(buf)) \
			printf("cut: %s\n", #buf);                                 \
	} while (0)

static void name_too_long(void)
{
	/* a chain of directories whose host path is 3844 + prefixlen bytes */
	char g[2 * PATH_MAX];
	strcpy(g, "/t/L");
	if (mkdir(P(g), 0755) < 0)
		printf("setup /t/L: %s\n", strerror(errno));
	size_t want = 3844, len = strlen(g);
	while (len < want) {
		size_t left = want - len; /* bytes to add, each step "/" + name */
		size_t c = left <= 201 ? left - 1 : (left - 201 >= 2 ? 200 : 198);
		g[len++] = '/';
		memset(g + len, 'd', c);
		len += c;
		g[len] = '\0';
		if (mkdir(P(g), 0755) < 0) {
			printf("setup chain at %zu: %s\n", len, strerror(errno));
			return;
		}
	}
	if (prefixlen + len + 1 + 1 > PATH_MAX - 1 || prefixlen > 240) {
		printf("prefix too long for this test: %zu\n", prefixlen);
		return;
	}
	char f[2 * PATH_MAX];
	/* host length exactly PATH_MAX - 1: allowed */
	size_t m = PATH_MAX - 1 - prefixlen - len - 1;
	FMT(f, "%s/%.*s", g, (int)m, FS);
	do_open("open O_CREAT, host path of PATH_MAX-1 bytes", P(f), O_CREAT | O_WRONLY);
	do_stat("stat, host path of PATH_MAX-1 bytes", P(f));
	do_lstat("lstat, host path of PATH_MAX-1 bytes", P(f));
	line("unlink, host path of PATH_MAX-1 bytes", "%s", res(unlink(P(f))));
	line("mkdir, host path of PATH_MAX-1 bytes", "%s", res(mkdir(P(f), 0755)));
	line("rmdir, host path of PATH_MAX-1 bytes", "%s", res(rmdir(P(f))));
	strcat(f, "g");
	do_open("open O_CREAT, host path of PATH_MAX bytes", P(f), O_CREAT | O_WRONLY);
	do_stat("stat, host path of PATH_MAX bytes", P(f));
	line("mkdir, host path of PATH_MAX bytes", "%s", res(mkdir(P(f), 0755)));
	line("symlink, host path of PATH_MAX bytes", "%s", res(symlink("x", P(f))));
	/* a guest path of exactly PATH_MAX - 1 bytes: longer once translated */
	FMT(f, "%s/%.*s", g, (int)(PATH_MAX - 1 - len - 1), FS);
	if (strlen(f) != PATH_MAX - 1)
		printf("bad guest length %zu\n", strlen(f));
	do_open("open O_CREAT, guest path of PATH_MAX-1 bytes", P(f), O_CREAT | O_WRONLY);
	do_stat("stat, guest path of PATH_MAX-1 bytes", P(f));
	line("mkdir, guest path of PATH_MAX-1 bytes", "%s", res(mkdir(P(f), 0755)));
	/* a dangling link whose target is long once translated */
	char target[PATH_MAX];
	FMT(target, "%s%s/%.*s", base, g, (int)(PATH_MAX - 1 - prefixlen - len - 1), FS);
	line("symlink to a long name", "%s", res(symlink(target, P("/t/longlink"))));
	do_open("O_CREAT through it", P("/t/longlink"), O_CREAT | O_WRONLY);
	/* relative to a directory descriptor in the chain */
	int dfd = open(P(g), O_RDONLY | O_DIRECTORY);
	int fd = openat(dfd, f + len + 1 + (PATH_MAX - 1 - len - 1) - 10, O_CREAT | O_WRONLY, 0644);
	line("openat(deep dirfd, short name, O_CREAT)", "%s", res(fd));
	if (fd >= 0)
		close(fd);
	close(dfd);
}

static void loops(void)
{
	do_stat("stat(loop1)", P("/t/loop1"));
	do_lstat("lstat(loop1)", P("/t/loop1"));
	do_stat("stat(self)", P("/t/self"));
	do_stat("stat(self/x)", P("/t/self/x"));
	do_open("open(loop1)", P("/t/loop1"), O_RDONLY);
	do_stat("stat(c39): 40 links", P("/t/c39"));
	do_stat("stat(c40): 41 links", P("/t/c40"));
	do_open("open(c39)", P("/t/c39"), O_RDONLY);
	do_open("open(c40)", P("/t/c40"), O_RDONLY);
	line("chdir(loop1)", "%s", res(chdir(P("/t/loop1"))));
	line("mkdir(loop1/x)", "%s", res(mkdir(P("/t/loop1/x"), 0755)));
	line("unlink(loop1)", "%s", res(unlink(P("/t/loop2"))));
	do_stat("stat(loop1) with loop2 gone", P("/t/loop1"));
}

static void links(void)
{
	do_readlink("readlink(rel)", AT_FDCWD, P("/t/rel"), PATH_MAX);
	do_readlink("readlink(weird)", AT_FDCWD, P("/t/weird"), PATH_MAX);
	do_readlink("readlink(rel) into 3 bytes", AT_FDCWD, P("/t/rel"), 3);
	do_readlink("readlink(dangling)", AT_FDCWD, P("/t/dangling"), PATH_MAX);
	do_readlink("readlink(adangling)", AT_FDCWD, P("/t/adangling"), PATH_MAX);
	do_readlink("readlink(ldir/../rel) through a link", AT_FDCWD, P("/t/ldir/../rel"), PATH_MAX);
	do_readlink("readlink(file)", AT_FDCWD, P("/t/file"), PATH_MAX);
	do_readlink("readlink(missing)", AT_FDCWD, P("/t/missing"), PATH_MAX);
	do_readlink("readlink(file/)", AT_FDCWD, P("/t/file/"), PATH_MAX);
	do_readlink("readlink(\"\")", AT_FDCWD, "", PATH_MAX);
	do_stat("stat(weird) follows", P("/t/weird"));
}

static void show_mode(const char *label, const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		line(label, "%s", res(-1));
	else
		line(label, "%c %o", type_of(st.st_mode), (unsigned)(st.st_mode & 07777));
}

/* chmod and chown, which the jail does on its own descriptor */
static void attrs(void)
{
	line("chmod(file, 0600)", "%s", res(chmod(P("/t/file"), 0600)));
	show_mode("  ... file", P("/t/file"));
	line("chmod(lfile, 0640) follows", "%s", res(chmod(P("/t/lfile"), 0640)));
	show_mode("  ... file", P("/t/file"));
	line("fchmodat(AT_SYMLINK_NOFOLLOW) on a link", "%s",
	     res(fchmodat(AT_FDCWD, P("/t/lfile"), 0600, AT_SYMLINK_NOFOLLOW)));
	line("syscall fchmodat2(AT_SYMLINK_NOFOLLOW) on a link", "%s",
	     res(syscall(452, AT_FDCWD, P("/t/lfile"), 0600, AT_SYMLINK_NOFOLLOW)));
	line("chmod(dangling)", "%s", res(chmod(P("/t/dangling"), 0600)));
	line("chmod(file/)", "%s", res(chmod(P("/t/file/"), 0600)));
	line("chmod(ldir/, 0700)", "%s", res(chmod(P("/t/ldir/"), 0700)));
	show_mode("  ... dir", P("/t/dir"));
	chmod(P("/t/dir"), 0755);
	int dfd = open(P("/t/dir"), O_RDONLY | O_DIRECTORY);
	line("fchmodat(dirfd, sub/f, 0604)", "%s", res(fchmodat(dfd, "sub/f", 0604, 0)));
	show_mode("  ... sub/f", P("/t/dir/sub/f"));
	line("chown(file, -1, -1)", "%s", res(chown(P("/t/file"), (uid_t)-1, (gid_t)-1)));
	line("lchown(lfile, -1, -1)", "%s", res(lchown(P("/t/lfile"), (uid_t)-1, (gid_t)-1)));
	line("chown(file, getuid(), getgid())", "%s", res(chown(P("/t/file"), getuid(), getgid())));
	line("chown(file, 12345, -1)", "%s", res(chown(P("/t/file"), 12345, (gid_t)-1)));
	line("fchownat(dirfd, ../lfile, -1, -1, AT_SYMLINK_NOFOLLOW)", "%s",
	     res(fchownat(dfd, "../lfile", (uid_t)-1, (gid_t)-1, AT_SYMLINK_NOFOLLOW)));
	line("chown(missing)", "%s", res(chown(P("/t/missing"), (uid_t)-1, (gid_t)-1)));
	line("access(file, R_OK|W_OK)", "%s", res(access(P("/t/file"), R_OK | W_OK)));
	line("access(file, X_OK)", "%s", res(access(P("/t/file"), X_OK)));
	line("access(dangling, F_OK)", "%s", res(access(P("/t/dangling"), F_OK)));
	line("access(file/, F_OK)", "%s", res(access(P("/t/file/"), F_OK)));
	line("faccessat(dirfd, ../lfile, R_OK, AT_SYMLINK_NOFOLLOW)", "%s",
	     res(syscall(SYS_faccessat2, dfd, "../lfile", R_OK, AT_SYMLINK_NOFOLLOW)));
	line("faccessat(dirfd, sub, X_OK, AT_EACCESS)", "%s",
	     res(faccessat(dfd, "sub", X_OK, AT_EACCESS)));
	struct timespec ts[2] = {{1000000, 5}, {2000000, UTIME_OMIT}};
	line("utimensat(file, {1000000.5, OMIT})", "%s", res(utimensat(AT_FDCWD, P("/t/file"), ts, 0)));
	struct stat st;
	if (stat(P("/t/file"), &st) == 0)
		line("  ... atime", "%ld.%ld", (long)st.st_atim.tv_sec, st.st_atim.tv_nsec);
	line("utimensat(lfile, AT_SYMLINK_NOFOLLOW)", "%s",
	     res(utimensat(AT_FDCWD, P("/t/lfile"), ts, AT_SYMLINK_NOFOLLOW)));
	if (lstat(P("/t/lfile"), &st) == 0)
		line("  ... link atime", "%ld", (long)st.st_atim.tv_sec);
	line("utimensat(missing)", "%s", res(utimensat(AT_FDCWD, P("/t/missing"), NULL, 0)));
	struct timespec bad[2] = {{0, 2000000000L}, {0, 0}};
	line("utimensat(file, bad nsec)", "%s", res(utimensat(AT_FDCWD, P("/t/file"), bad, 0)));
	if (chown(P("/t/file"), 0, 0) == 0)
		chown(P("/t/file"), getuid(), getgid());
	chmod(P("/t/file"), 0644);
	close(dfd);
}

/* After a change of credentials the jail's root is an ordinary user: a
 * private directory is closed to it (stat too). */
static void creds(void)
{
	if (mkdir(P("/t/private"), 0700) < 0)
		printf("setup private: %s\n", strerror(errno));
	mkfile("/t/private/f");
	if (symlink("target", P("/t/private/l")) < 0)
		printf("setup private link: %s\n", strerror(errno));
	pid_t pid = fork();
	if (pid == 0) {
		int rc = setuid(65534);
		printf("setuid(65534): %s\n", res(rc));
		struct stat st;
		rc = stat(P("/t/private/f"), &st);
		show_stat("  ... stat in a 0700 directory", rc, &st);
		rc = lstat(P("/t/private/f"), &st);
		show_stat("  ... lstat in a 0700 directory", rc, &st);
		struct statx sx;
		rc = statx(AT_FDCWD, P("/t/private/f"), 0, STATX_TYPE, &sx);
		line("  ... statx in a 0700 directory", "%s", res(rc));
		char text[64];
		ssize_t n = readlink(P("/t/private/l"), text, sizeof(text) - 1);
		text[n > 0 ? n : 0] = '\0';
		line("  ... readlink in a 0700 directory", "%s%s%s", res(n < 0 ? -1 : 0), n > 0 ? " " : "", text);
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

/* A process that takes other effective ids and comes back (apt drops to
 * _apt with seteuid around a test file, then renames its caches as root)
 * is no longer dumpable: the names it then makes, renames and removes are
 * still served with its own rights, as the kernel does. */
static void creds_there_and_back(void)
{
	if (mkdir(P("/t/pub"), 01777) < 0 || chmod(P("/t/pub"), 01777) < 0)
		printf("setup pub: %s\n", strerror(errno));
	pid_t pid = fork();
	if (pid == 0) {
		gid_t g = 65534, old[64];
		int n = getgroups(64, old);
		int rc = setgroups(1, &g) < 0 || setegid(65534) < 0 || seteuid(65534) < 0 ? -1 : 0;
		line("seteuid(65534) and back", "%s", res(rc));
		int fd = open(P("/t/pub/e"), O_RDWR | O_CREAT | O_EXCL, 0600);
		line("  ... create as nobody", "%s", res(fd));
		if (fd >= 0)
			close(fd);
		line("  ... unlink as nobody", "%s", res(unlink(P("/t/pub/e"))));
		rc = rc < 0 ? 0 : seteuid(0) < 0 || setegid(0) < 0 || setgroups(n < 0 ? 0 : (size_t)n, old) < 0 ? -1 : 0;
		line("  ... back to the ids before", "%s", res(rc));
		mkfile("/t/pub/r");
		line("  ... rename", "%s", res(rename(P("/t/pub/r"), P("/t/pub/r2"))));
		line("  ... symlink", "%s", res(symlink("r2", P("/t/pub/l"))));
		line("  ... link", "%s", res(link(P("/t/pub/r2"), P("/t/pub/h"))));
		line("  ... mkdir", "%s", res(mkdir(P("/t/pub/d"), 0755)));
		line("  ... rmdir", "%s", res(rmdir(P("/t/pub/d"))));
		line("  ... unlink", "%s", res(unlink(P("/t/pub/r2")) < 0 || unlink(P("/t/pub/h")) < 0 ||
						  unlink(P("/t/pub/l")) < 0 ? -1 : 0));
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

/* Callers with different credentials take turns on the same supervisor
 * threads: a root process, one that became nobody, one that became nobody
 * with a supplementary group, each stat a file in a directory open to root
 * and to that group only, 300 times in turn. Every result must be the
 * caller's own, whatever the previous call's caller was. */
static void creds_interleaved(void)
{
	enum { turns = 300, callers = 3 };
	int go[callers][2], done[2];
	if (mkdir(P("/t/grp"), 0770) < 0 || chown(P("/t/grp"), 0, 4242) < 0)
		printf("setup grp: %s\n", strerror(errno));
	mkfile("/t/grp/f");
	if (pipe(done) < 0)
		return;
	pid_t pids[callers];
	for (int k = 0; k < callers; k++) {
		if (pipe(go[k]) < 0)
			return;
		pids[k] = fork();
		if (pids[k] == 0) {
			for (int j = 0; j <= k; j++)
				close(go[j][1]); /* so that the parent's close is an EOF */
			int drop = 0; /* as a user, setgroups fails: it takes turns unchanged */
			if (k > 0) {
				gid_t g = 4242;
				drop = setgroups(k == 2 ? 1 : 0, &g) < 0 || setgid(65534) < 0 || setuid(65534) < 0 ? -1 : 0;
			}
			unsigned ok = 0, denied = 0, other = 0;
			char c;
			struct stat st;
			for (int i = 0; i < turns; i++) {
				if (read(go[k][0], &c, 1) != 1)
					break;
				if (stat(P("/t/grp/f"), &st) == 0)
					ok++;
				else if (errno == EACCES)
					denied++;
				else
					other++;
				if (write(done[1], "x", 1) != 1)
					break;
			}
			while (read(go[k][0], &c, 1) > 0)
				; /* print in turn: after the parent's close */
			printf("caller %d (%s%s): %u found, %u EACCES, %u other\n", k,
			       k == 0 ? "root" : k == 1 ? "nobody" : "nobody in the group",
			       drop < 0 ? ", not allowed to change ids" : "", ok, denied, other);
			fflush(stdout);
			_exit(0);
		}
	}
	char c;
	close(done[1]);
	for (int i = 0; i < turns; i++)
		for (int k = 0; k < callers; k++)
			if (write(go[k][1], "x", 1) != 1 || read(done[0], &c, 1) != 1)
				break;
	for (int k = 0; k < callers; k++) {
		close(go[k][1]);
		waitpid(pids[k], NULL, 0);
		close(go[k][0]);
	}
	close(done[0]);
}

static void dotdot(void)
{
	same_file("/.. is /", "/..", "/");
	same_file("/../../.. is /", "/../../..", "/");
	same_file("/./.././. is /", "/./.././.", "/");
	same_file("//.. is /", "//..", "/");
	char cwd[PATH_MAX];
	if (chdir("/") == 0 && chdir("..") == 0 && chdir("../..") == 0)
		line("chdir(/), chdir(..), getcwd", "%s", getcwd(cwd, sizeof(cwd)) ? cwd : res(-1));
	same_file("relative .. from / is /", "../../..", "/");
	int rfd = open("/", O_RDONLY | O_DIRECTORY);
	struct stat a, b;
	if (fstatat(rfd, "..", &a, 0) == 0 && stat("/", &b) == 0)
		line("fstatat(rootfd, ..) is /", "%s", a.st_ino == b.st_ino ? "same" : "different");
	close(rfd);
	if (chdir(P("/t")) < 0)
		printf("chdir: %s\n", strerror(errno));
	line("getcwd in /t", "%s", getcwd(cwd, sizeof(cwd)) ? cwd + strlen(base) : res(-1));
	if (chdir(P("/")) < 0)
		printf("chdir: %s\n", strerror(errno));
}

/* openat2(2) with resolve flags, from a directory descriptor of /t: the
 * result and, when it opened something, which object (as the kernel names
 * it, BASE left out). At the host's / the supervisor walks these itself
 * (fs/proc_hide.c), in a jail with its own root the kernel does (confined
 * to the root): either must match the kernel's own answers. */
static void resolve_flags(void)
{
	static const struct {
		const char *path;
		unsigned long long resolve;
		int nofollow;
	} cases[] = {
		{"file", RESOLVE_BENEATH, 0},
		{"dir/sub/f", RESOLVE_BENEATH, 0},
		{"dir/../file", RESOLVE_BENEATH, 0},
		{"../t/file", RESOLVE_BENEATH, 0},
		{"..", RESOLVE_BENEATH, 0},
		{"dir/sub/../../..", RESOLVE_BENEATH, 0},
		{"/", RESOLVE_BENEATH, 0},
		{"ldir/sub", RESOLVE_BENEATH, 0},
		{"aldir", RESOLVE_BENEATH, 0},
		{"aldir", RESOLVE_BENEATH, 1},
		{"weird", RESOLVE_BENEATH, 0},
		{"..", RESOLVE_IN_ROOT, 0},
		{"../../..", RESOLVE_IN_ROOT, 0},
		{"/file", RESOLVE_IN_ROOT, 0},
		{"/../dir/sub/f", RESOLVE_IN_ROOT, 0},
		{"weird", RESOLVE_IN_ROOT, 0},
		{"lfile", RESOLVE_NO_SYMLINKS, 0},
		{"lfile", RESOLVE_NO_SYMLINKS, 1},
		{"rel/f", RESOLVE_NO_SYMLINKS, 0},
		{"dir/sub/f", RESOLVE_NO_SYMLINKS, 0},
		{"dir/../file", RESOLVE_NO_SYMLINKS, 0},
		{"/proc/self/cwd", RESOLVE_NO_MAGICLINKS, 0},
		{"/proc/self/cwd", RESOLVE_NO_MAGICLINKS, 1},
		{"/proc/self/cwd", RESOLVE_NO_SYMLINKS, 0},
		{"/proc/self/fd/0", RESOLVE_NO_MAGICLINKS, 0},
		{"c40", 0, 0},
		{"c41", 0, 0},
		{"loop1", RESOLVE_BENEATH, 0},
		{"file", RESOLVE_NO_XDEV, 0},
		{"dir/sub", RESOLVE_NO_XDEV | RESOLVE_BENEATH, 0},
		{"file", RESOLVE_CACHED, 0},
	};
	int dfd = open(P("/t"), O_PATH | O_DIRECTORY);
	if (chdir(P("/t")) < 0)
		printf("chdir: %s\n", strerror(errno));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct {
			unsigned long long flags, mode, resolve;
		} how = {O_RDONLY | (cases[i].nofollow ? O_NOFOLLOW : 0), 0, cases[i].resolve};
		char label[128], link[64], target[PATH_MAX];
		snprintf(label, sizeof(label), "openat2(t, %s, resolve %#llx%s)", cases[i].path, cases[i].resolve,
			 cases[i].nofollow ? ", O_NOFOLLOW" : "");
		long fd = syscall(SYS_openat2, dfd, cases[i].path, &how, sizeof(how));
		if (fd < 0 && errno == EAGAIN && cases[i].resolve == RESOLVE_CACHED)
			fd = syscall(SYS_openat2, dfd, cases[i].path, &how, sizeof(how)); /* cold cache: once more */
		if (fd < 0) {
			line(label, "%s", res(fd));
			continue;
		}
		snprintf(link, sizeof(link), "/proc/self/fd/%ld", fd);
		ssize_t n = readlink(link, target, sizeof(target) - 1);
		target[n > 0 ? n : 0] = '\0';
		/* the object's name without BASE; /proc objects by kind */
		const char *shown = strncmp(target, base, strlen(base)) == 0 ? target + strlen(base) : "(elsewhere)";
		line(label, "ok %s", shown);
		close((int)fd);
	}
	close(dfd);
	if (chdir(P("/")) < 0)
		printf("chdir: %s\n", strerror(errno));
}

/* A chroot'ed process (root only; a user gets EPERM in both runs): ".."
 * stays at its new root, however the path climbs. */
static void chroot_dotdot(void)
{
	pid_t c = fork();
	if (c == 0) {
		if (chroot(P("/t/dir")) != 0 || chdir("/") != 0) {
			line("chroot(t/dir)", "%s", res(-1));
			_exit(0);
		}
		line("chroot(t/dir)", "ok");
		static const char *const paths[] = {"/../file", "../../file", "/sub/../../file", "/../../t/file",
						    "sub/../../t/dir/sub/f", "sub/f"};
		for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
			struct stat st;
			char label[96];
			snprintf(label, sizeof(label), "chroot'ed: stat(%s)", paths[i]);
			line(label, "%s", res(stat(paths[i], &st)));
			snprintf(label, sizeof(label), "chroot'ed: open(%s)", paths[i]);
			int fd = open(paths[i], O_RDONLY);
			line(label, "%s", res(fd));
			if (fd >= 0)
				close(fd);
		}
		_exit(0);
	}
	if (c > 0)
		waitpid(c, NULL, 0);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--exit") == 0)
		return 42;
	if (argc < 3) {
		fprintf(stderr, "usage: pathsem BASE PREFIXLEN\n");
		return 2;
	}
	base = argv[1];
	prefixlen = strtoul(argv[2], NULL, 10);
	snprintf(selfpath, sizeof(selfpath), "%s/pathsem", base);
	setvbuf(stdout, NULL, _IOLBF, 0);
	umask(022);
	setup();
	creat_excl();
	trailing_slashes();
	slash_runs();
	empty_path();
	at_calls();
	links();
	loops();
	dotdot();
	resolve_flags();
	chroot_dotdot();
	attrs();
	creds();
	creds_interleaved();
	creds_there_and_back();
	name_too_long();
	return 0;
}
