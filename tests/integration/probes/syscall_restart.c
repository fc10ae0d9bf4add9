/* SPDX-License-Identifier: BSD-2-Clause */
/* A trapped call that a signal interrupts is restarted as the program made
 * it. The jail rewrites a path argument to point at its scratch copy; the
 * kernel restarts an interrupted call (SA_RESTART) with the registers as
 * they are at that moment, so unless the jail puts the originals back, the
 * restart runs on the scratch copy: translated twice in a jail with its
 * own root (ENOENT), or on whatever path the signal handler's own calls
 * left there.
 *
 * Here open(FIFO, O_RDONLY) blocks until a child opens the other end; a
 * SIGALRM with SA_RESTART arrives first, and its handler makes path calls
 * of its own. The open must come back with the FIFO (the child's byte is
 * read from it). Then the same through a socket: a blocked sendto() with an
 * address (AF_UNIX datagram socket with a full queue). Runs in any jail;
 * needs a writable /tmp. */
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>

#include "probe.h"

static volatile sig_atomic_t handled;

static void on_alarm(int sig)
{
	struct stat st;
	(void)sig;
	/* path calls of the handler's own: the jail's scratch slot changes */
	stat("/", &st);
	access("/no-such-file-for-syscall-restart", F_OK);
	handled++;
}

static void arm(void)
{
	struct itimerspec it = {.it_value = {.tv_sec = 0, .tv_nsec = 300 * 1000 * 1000}};
	static timer_t timer;
	static int made;
	if (!made) {
		struct sigevent ev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGALRM};
		if (timer_create(CLOCK_MONOTONIC, &ev, &timer) != 0)
			fail("timer_create: %s", strerror(errno));
		made = 1;
	}
	timer_settime(timer, 0, &it, NULL);
}

static void fifo_open_restarts(const char *dir)
{
	char fifo[256];
	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	if (mkfifo(fifo, 0600) != 0)
		fail("mkfifo %s: %s", fifo, strerror(errno));
	pid_t child = fork();
	if (child == 0) {
		/* after the signal has interrupted the parent's open */
		struct timespec ts = {1, 0};
		nanosleep(&ts, NULL);
		int fd = open(fifo, O_WRONLY);
		_exit(fd >= 0 && write(fd, "x", 1) == 1 ? 0 : 1);
	}
	handled = 0;
	arm();
	int fd = open(fifo, O_RDONLY);
	int err = errno;
	char c = 0;
	ssize_t n = fd >= 0 ? read(fd, &c, 1) : -1;
	int status = 0;
	if (fd < 0)
		kill(child, SIGKILL);
	waitpid(child, &status, 0);
	unlink(fifo);
	if (fd < 0)
		fail("open(FIFO) restarted after a signal: %s", strerror(err));
	close(fd);
	if (!handled)
		fail("the signal did not interrupt the open (timing): nothing tested");
	if (n != 1 || c != 'x' || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail("open(FIFO) restarted after a signal gave another file");
}

static void sendto_restarts(const char *dir)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	snprintf(a.sun_path, sizeof(a.sun_path), "%s/sock", dir);
	int r = socket(AF_UNIX, SOCK_DGRAM, 0), s = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (r < 0 || s < 0 || bind(r, (struct sockaddr *)&a, sizeof(a)) != 0)
		fail("AF_UNIX datagram sockets: %s", strerror(errno));
	/* fill the receiver's queue without blocking */
	char buf[64] = "fill";
	int sent = 0;
	while (sendto(s, buf, sizeof(buf), MSG_DONTWAIT, (struct sockaddr *)&a, sizeof(a)) == sizeof(buf))
		sent++;
	if (errno != EAGAIN || sent == 0)
		fail("filling the queue: %s after %d", strerror(errno), sent);
	pid_t child = fork();
	if (child == 0) {
		/* after the signal: make room */
		struct timespec ts = {1, 0};
		nanosleep(&ts, NULL);
		char in[64];
		_exit(recv(r, in, sizeof(in), 0) == sizeof(in) ? 0 : 1);
	}
	handled = 0;
	arm();
	strcpy(buf, "last");
	ssize_t n = sendto(s, buf, sizeof(buf), 0, (struct sockaddr *)&a, sizeof(a));
	int err = errno;
	int status = 0;
	waitpid(child, &status, 0);
	unlink(a.sun_path);
	if (n != sizeof(buf))
		fail("sendto() restarted after a signal: %s", strerror(err));
	if (!handled)
		fail("the signal did not interrupt the sendto (timing): nothing tested");
	/* the last datagram is in the queue, behind the others */
	char in[64] = "";
	for (int i = 0; i < sent && recv(r, in, sizeof(in), MSG_DONTWAIT) > 0; i++)
		;
	if (strcmp(in, "last") != 0)
		fail("the restarted sendto() did not deliver its datagram (got \"%s\")", in);
	close(r);
	close(s);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct sigaction sa = {.sa_handler = on_alarm, .sa_flags = SA_RESTART};
	sigaction(SIGALRM, &sa, NULL);
	char dir[] = "/tmp/syscall-restart-XXXXXX";
	if (!mkdtemp(dir))
		fail("mkdtemp: %s", strerror(errno));
	fifo_open_restarts(dir);
	sendto_restarts(dir);
	rmdir(dir);
	pass("open(FIFO) and sendto(AF_UNIX) interrupted by a signal whose handler makes path calls restart as the program made them");
}
