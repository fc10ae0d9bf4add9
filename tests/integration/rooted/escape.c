/* SPDX-License-Identifier: BSD-2-Clause */
/* Escape attempts from a jail with its own root. Run as
 *   jail ROOT h "" /escape HOST_SECRET
 * where HOST_SECRET is the host path of a file holding "SECRET" outside
 * ROOT, and ROOT holds /inside ("INSIDE"). Every attempt must fail to read
 * the secret. Run without the jail the same program reads it (FAIL), which
 * shows it can tell. Prints PASS/FAIL lines; exit 0 only if all pass. */
#include <errno.h>
#include <sched.h>
#include <fcntl.h>
#include <libgen.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

static const char *secret;
/* where the probe makes its files: /tmp inside the jail (the root's);
 * natively the script gives a directory of its own (ESCAPE_TMP) so that
 * the host's /tmp is left alone */
static const char *tmp_dir = "/tmp";
static int failures;

static void verdict(int ok, const char *what)
{
	printf("%s: %s\n", ok ? "PASS" : "FAIL", what);
	if (!ok)
		failures++;
}

/* 1 if path opens (relative to dirfd) to a file starting with SECRET */
static int reads_secret_at(int dirfd, const char *path)
{
	int fd = openat(dirfd, path, O_RDONLY);
	if (fd < 0)
		return 0;
	char buf[8] = {0};
	ssize_t n = read(fd, buf, 6);
	close(fd);
	return n == 6 && memcmp(buf, "SECRET", 6) == 0;
}

static int reads_secret(const char *path)
{
	return reads_secret_at(AT_FDCWD, path);
}

static char flip_buf[4096];
static atomic_int stop_flag;

static void *flipper(void *arg)
{
	(void)arg;
	size_t n = strlen(secret) + 1;
	while (!atomic_load(&stop_flag)) {
		memcpy(flip_buf, secret, n);
		memcpy(flip_buf, "/inside", 8);
	}
	return NULL;
}

static void *swapper(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop_flag))
		syscall(SYS_renameat2, AT_FDCWD, "d", AT_FDCWD, "l", 2 /* RENAME_EXCHANGE */);
	return NULL;
}

/* connect to an AF_UNIX name from a thread whose descriptor table is its
 * own: the object the name reaches is handed to the call through the
 * calling thread's table, not the process's first thread's */
static void *unshared_connect(void *arg)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", (const char *)arg);
	if (unshare(CLONE_FILES) < 0)
		return (void *)(long)-errno;
	int c = socket(AF_UNIX, SOCK_STREAM, 0);
	if (c < 0 || connect(c, (struct sockaddr *)&a, sizeof(a)) < 0)
		return (void *)(long)-errno;
	return (void *)0L;
}

static void unix_connect_unshared(void)
{
	char name[108];
	snprintf(name, sizeof(name), "%s/unshared.sock", tmp_dir);
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", name);
	unlink(name);
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(s, 1) < 0) {
		printf("unshared connect: bind %s: %s\n", name, strerror(errno));
		verdict(0, "a thread with its own descriptor table connects to an AF_UNIX name");
		return;
	}
	pthread_t th;
	void *res = (void *)1L;
	if (pthread_create(&th, NULL, unshared_connect, (void *)name) == 0)
		pthread_join(th, &res);
	if (res)
		printf("unshared connect: %s\n", strerror((int)-(long)res));
	verdict(res == NULL, "a thread with its own descriptor table connects to an AF_UNIX name");
	close(s);
	unlink(name);
}

#ifndef SYS_mseal
#define SYS_mseal 462
#endif
#define AREA_SIZE (64ULL << 20) /* supervisor/engine/scratch.c */

/* A 64 MiB read-only anonymous mapping: the supervisor's scratch area. */
static void *find_area(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	void *found = NULL;
	while (f && fgets(line, sizeof(line), f)) {
		unsigned long long start, end, inode;
		char perms[8];
		if (sscanf(line, "%llx-%llx %7s %*s %*s %llu", &start, &end, perms, &inode) == 4 &&
		    end - start == AREA_SIZE && strcmp(perms, "r--p") == 0 && inode == 0)
			found = (void *)(uintptr_t)start;
	}
	if (f)
		fclose(f);
	return found;
}

/* In a fresh image (no scratch area yet): a filter of the program's own
 * makes mseal fail (answer errno, EPERM) or pretend (answer 0 without
 * running it), so the area the supervisor maps for the next chdir could
 * stay unsealed, and the filter, which counts on the seal where the
 * kernel has mseal, does not guard it. The supervisor must then not use
 * the area: the chdir fails, or the area is sealed after all. 0: held. */
static int own_filter_against_the_seal(int answer)
{
	struct sock_filter insn[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_mseal, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (unsigned)answer),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {.len = sizeof(insn) / sizeof(insn[0]), .filter = insn};
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog)) {
		printf("own filter: %s\n", strerror(errno));
		return 1;
	}
	if (chdir("/") != 0) {
		printf("own filter: chdir: %s (the area was not used)\n", strerror(errno));
		return 0;
	}
	void *area = find_area();
	if (!area) {
		printf("own filter: chdir ran, no scratch area\n");
		return 1;
	}
	int writable = mprotect(area, 4096, PROT_READ | PROT_WRITE) == 0;
	printf("own filter: chdir ran; the area %s\n", writable ? "could be made writable" : "is sealed");
	return writable;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--own-filter") == 0)
		return own_filter_against_the_seal(atoi(argv[2]));
	if (argc < 2) {
		fprintf(stderr, "usage: escape HOST_SECRET [TRIES]\n");
		return 2;
	}
	secret = argv[1];
	if (getenv("ESCAPE_TMP"))
		tmp_dir = getenv("ESCAPE_TMP");
	long tries = argc > 2 ? atol(argv[2]) : 100000;
	char path[8192];

	verdict(!reads_secret(secret), "the host path of a file outside the root");
	snprintf(path, sizeof(path), "/../../../../../../../..%s", secret);
	verdict(!reads_secret(path), "/../.. storm");
	if (chdir("/") == 0) {
		snprintf(path, sizeof(path), "../../../../../../../../../..%s", secret);
		verdict(!reads_secret(path), "relative .. storm from /");
	}
	snprintf(path, sizeof(path), "/proc/self/root%s", secret);
	verdict(!reads_secret(path), "/proc/self/root/...");
	snprintf(path, sizeof(path), "/proc/self/cwd/../../../../..%s", secret);
	verdict(!reads_secret(path), "/proc/self/cwd/../..");

	/* a thread flips the path between an inside and an outside name */
	pthread_t th;
	long escapes = 0;
	atomic_store(&stop_flag, 0);
	memcpy(flip_buf, "/inside", 8);
	pthread_create(&th, NULL, flipper, NULL);
	for (long i = 0; i < tries; i++)
		escapes += reads_secret(flip_buf);
	atomic_store(&stop_flag, 1);
	pthread_join(th, NULL);
	printf("flipper: %ld escapes in %ld opens\n", escapes, tries);
	verdict(escapes == 0, "a thread flipping the path buffer (TOCTOU)");
	/* the same for stat: only /inside may ever be found */
	long stat_escapes = 0;
	struct stat inside;
	if (stat("/inside", &inside) < 0)
		perror("/inside");
	atomic_store(&stop_flag, 0);
	pthread_create(&th, NULL, flipper, NULL);
	for (long i = 0; i < tries / 5; i++) {
		struct stat st;
		if (stat(flip_buf, &st) == 0 && (st.st_ino != inside.st_ino || st.st_dev != inside.st_dev))
			stat_escapes++;
	}
	atomic_store(&stop_flag, 1);
	pthread_join(th, NULL);
	printf("flipper: %ld host files seen in %ld stats\n", stat_escapes, tries / 5);
	verdict(stat_escapes == 0, "stat with a thread flipping the path buffer");

	/* a directory and a symlink to the secret's host directory swap places */
	char dir[4096], base[4096];
	snprintf(dir, sizeof(dir), "%s", secret);
	snprintf(base, sizeof(base), "%s", secret);
	char *sd = dirname(dir), *sb = basename(base);
	escapes = 0;
	if (chdir(tmp_dir) == 0 && mkdir("d", 0755) == 0 && symlink(sd, "l") == 0) {
		snprintf(path, sizeof(path), "d/%s", sb);
		int fd = open(path, O_CREAT | O_WRONLY, 0644);
		if (fd >= 0) {
			if (write(fd, "INSIDE", 6) != 6)
				perror("write");
			close(fd);
		}
		atomic_store(&stop_flag, 0);
		pthread_create(&th, NULL, swapper, NULL);
		for (long i = 0; i < tries / 5; i++)
			escapes += reads_secret(path);
		/* stat is not governed by Landlock: the host file's size must
		 * not show either (the inside file holds 6 bytes, the secret 7) */
		long stat_ok = 0;
		stat_escapes = 0;
		for (long i = 0; i < tries / 5; i++) {
			struct stat st;
			if (stat(path, &st) == 0) {
				stat_ok++;
				stat_escapes += st.st_size != 6;
			}
		}
		/* nor chmod, also outside Landlock (the script checks the
		 * host file's mode afterwards) */
		for (long i = 0; i < tries / 5; i++)
			chmod(path, 0640);
		atomic_store(&stop_flag, 1);
		pthread_join(th, NULL);
		printf("rename race: %ld escapes in %ld opens\n", escapes, tries / 5);
		verdict(escapes == 0, "a directory swapped with a symlink to the host (rename race)");
		printf("rename race: %ld host files seen in %ld stats (%ld found)\n", stat_escapes,
		       tries / 5, stat_ok);
		verdict(stat_escapes == 0 && stat_ok > 0, "stat during the rename race shows no host file");
	} else {
		verdict(0, "set up the rename race in /tmp");
	}

	unix_connect_unshared();

	/* the supervisor's injected mseal runs under the program's own filters */
	for (int answer = 0; answer <= EPERM; answer += EPERM) {
		char arg[16];
		snprintf(arg, sizeof(arg), "%d", answer);
		pid_t child = fork();
		if (child == 0) {
			execl(argv[0], argv[0], "--own-filter", arg, (char *)NULL);
			_exit(127);
		}
		int status = 0;
		waitpid(child, &status, 0);
		verdict(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			answer ? "a filter of the program's own that fails mseal leaves no unsealed scratch area in use"
			       : "a filter of the program's own that answers mseal with 0 leaves no unsealed scratch area in use");
	}

	/* chroot without chdir, and fchdir to a directory opened before it */
	if (geteuid() == 0) {
		mkdir("/sub", 0755);
		int before = open("/", O_RDONLY | O_DIRECTORY);
		if (chdir("/") == 0 && chroot("/sub") == 0) {
			snprintf(path, sizeof(path), "../../../../../../..%s", secret);
			verdict(!reads_secret(path), "chroot without chdir, then ..");
			verdict(!reads_secret_at(before, path), "a directory fd opened before chroot, then ..");
			if (fchdir(before) == 0)
				verdict(!reads_secret(path), "fchdir to a directory opened before chroot, then ..");
			verdict(!reads_secret(secret), "the host path after chroot");
		} else {
			printf("chroot: %s\n", strerror(errno));
			verdict(0, "chroot inside the jail as root");
		}
	} else {
		errno = 0;
		verdict(chroot("/") < 0 && errno == EPERM, "chroot as a normal user is EPERM");
	}

	/* file handles bypass path lookup altogether */
	struct {
		unsigned int bytes;
		int type;
		unsigned char f[128];
	} fh = {.bytes = 128};
	int mount_id;
	long rc = syscall(SYS_name_to_handle_at, AT_FDCWD, "/", &fh, &mount_id, 0);
	int e1 = errno;
	long rc2 = syscall(SYS_open_by_handle_at, AT_FDCWD, &fh, O_RDONLY);
	int e2 = errno;
	verdict(rc < 0 && e1 == EPERM && rc2 < 0 && e2 == EPERM, "name_to_handle_at and open_by_handle_at are EPERM");

	return failures ? 1 : 0;
}
