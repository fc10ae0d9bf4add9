/* SPDX-License-Identifier: BSD-2-Clause */
/* Checks the supervisor makes must hold even when it cannot make them
 * (out of descriptors or memory): the call then fails, it never runs
 * unchecked. scripts/fail_closed.sh runs this with JAIL_PROBE_WAIT set,
 * holds the supervisor at a descriptor limit it has reached (prlimit),
 * then sends SIGUSR1; run_probe.sh runs it without (the same answers with
 * a supervisor at ease). Each check: a hidden process stays hidden under
 * /proc (fails, or ENOENT), an unbound socket that listens or connects
 * gets the jail's address or fails, never 0.0.0.0 or the host's. */
#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "probe.h"

static volatile sig_atomic_t go;
static void on_usr1(int sig)
{
	(void)sig;
	go = 1;
}

/* the local address of fd: "fail" if the call failed (errno kept) */
static void local_addr(int fd, char *out, size_t size)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	if (getsockname(fd, (struct sockaddr *)&sin, &len) < 0)
		snprintf(out, size, "getsockname: %s", strerror(errno));
	else
		inet_ntop(AF_INET, &sin.sin_addr, out, (socklen_t)size);
}

int main(void)
{
	if (getenv("JAIL_PROBE_WAIT")) {
		signal(SIGUSR1, on_usr1);
		sigset_t none;
		sigemptyset(&none);
		printf("ready\n");
		fflush(stdout);
		while (!go)
			sigsuspend(&none);
	}
	pid_t hidden = getppid() > 1 ? getppid() : 1; /* the supervisor, outside the jail */
	char path[64], addr[64];
	int failures = 0;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)hidden);
	int fd = open(path, O_RDONLY);
	if (fd >= 0) {
		check_log("not ok: %s of a hidden process opened\n", path);
		failures++;
		close(fd);
	} else {
		check_log("ok: open %s: %s\n", path, strerror(errno));
	}
	struct stat st;
	snprintf(path, sizeof(path), "/proc/%d", (int)hidden);
	if (stat(path, &st) == 0) {
		check_log("not ok: stat %s succeeded\n", path);
		failures++;
	} else {
		check_log("ok: stat %s: %s\n", path, strerror(errno));
	}
	DIR *d = opendir("/proc");
	if (d) {
		char name[16];
		snprintf(name, sizeof(name), "%d", (int)hidden);
		errno = 0;
		for (struct dirent *e; (e = readdir(d));)
			if (strcmp(e->d_name, name) == 0) {
				check_log("not ok: /proc lists %s\n", name);
				failures++;
			}
		check_log("ok: /proc listing: %s\n", errno ? strerror(errno) : "no hidden pid");
		closedir(d);
	}

	/* listen on an unbound socket: the jail's address, or a failure */
	int s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0)
		fail("socket: %s", strerror(errno));
	if (listen(s, 1) == 0) {
		local_addr(s, addr, sizeof(addr));
		if (strcmp(addr, "127.0.0.2") != 0) {
			check_log("not ok: an unbound socket listens on %s\n", addr);
			failures++;
		} else {
			check_log("ok: listen: on %s\n", addr);
		}
	} else {
		check_log("ok: listen: %s\n", strerror(errno));
	}
	close(s);

	/* connect an unbound UDP socket: the jail's source address, or a failure */
	s = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in peer = {.sin_family = AF_INET, .sin_port = htons(9)};
	inet_pton(AF_INET, "127.0.0.1", &peer.sin_addr);
	if (connect(s, (struct sockaddr *)&peer, sizeof(peer)) == 0) {
		local_addr(s, addr, sizeof(addr));
		if (strcmp(addr, "127.0.0.2") != 0) {
			check_log("not ok: an unbound socket connects from %s\n", addr);
			failures++;
		} else {
			check_log("ok: connect: from %s\n", addr);
		}
	} else {
		check_log("ok: connect: %s\n", strerror(errno));
	}
	close(s);
	checks_failed = failures;
	checks_done("every check held (or the call failed)");
}
