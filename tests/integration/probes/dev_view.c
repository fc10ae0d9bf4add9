/* SPDX-License-Identifier: BSD-2-Clause */
/* Run in a jail whose root has no /dev (scripts/dev_view.sh): the jail
 * sees a fixed safe set of the host's /dev, and of /dev/pts only its own
 * terminals. $JAIL_PROBE_PTY names a pty of another session (the test's):
 * it must be absent (ENOENT); a pty the probe opens itself through
 * /dev/ptmx must open; /dev/mqueue is absent, /dev/shm is the jail's own
 * (an empty directory, mode 1777: rooted/dev_shm.c checks what is in it). */
#include <dirent.h>
#include <stdbool.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probe.h"

/* JAIL_PROBE_CTTY set (a process jexec brought in on a terminal of its
 * own): that terminal, its controlling one, opens by name and is listed. */
static void own_ctty(void)
{
	const char *name = ttyname(0);
	if (!name)
		fail("ttyname(0): %s", strerror(errno));
	int fd = open(name, O_RDWR | O_NOCTTY);
	if (fd < 0)
		fail("its controlling terminal %s: %s", name, strerror(errno));
	close(fd);
	bool listed = false;
	DIR *d = opendir("/dev/pts");
	if (!d)
		fail("opendir /dev/pts: %s", strerror(errno));
	for (struct dirent *e; (e = readdir(d));)
		listed = listed || strcmp(e->d_name, strrchr(name, '/') + 1) == 0;
	closedir(d);
	if (!listed)
		fail("/dev/pts does not list its controlling terminal %s", name);
	pass("its controlling terminal %s opens by name and is listed", name);
}

int main(void)
{
	if (getenv("JAIL_PROBE_CTTY"))
		own_ctty();
	const char *other = getenv("JAIL_PROBE_PTY");
	if (!other)
		fail("JAIL_PROBE_PTY not set");
	int fd = open(other, O_RDWR | O_NOCTTY);
	if (fd >= 0)
		fail("another session's terminal %s opened", other);
	if (errno != ENOENT)
		fail("%s: %s, want ENOENT", other, strerror(errno));
	struct stat st;
	if (stat(other, &st) == 0 || errno != ENOENT)
		fail("stat %s: %s, want ENOENT", other, strerror(errno));

	/* as root, first take another effective uid and come back, as apt
	 * does before it opens its pty: the process is then not dumpable,
	 * and its pty must still be its own (as a user this changes nothing) */
	if (getuid() == 0 && (seteuid(65534) < 0 || seteuid(0) < 0))
		fail("seteuid(65534) and back: %s", strerror(errno));
	int m = open("/dev/ptmx", O_RDWR | O_NOCTTY);
	if (m < 0)
		fail("/dev/ptmx: %s", strerror(errno));
	int n, unlock = 0;
	if (ioctl(m, TIOCGPTN, &n) < 0 || ioctl(m, TIOCSPTLCK, &unlock) < 0)
		fail("TIOCGPTN/TIOCSPTLCK: %s", strerror(errno));
	char own[32];
	snprintf(own, sizeof(own), "/dev/pts/%d", n);
	int s = open(own, O_RDWR | O_NOCTTY);
	if (s < 0)
		fail("its own pty %s: %s", own, strerror(errno));
	close(s);
	/* the listing of /dev/pts: its own pty, not the other session's */
	const char *other_name = strrchr(other, '/') + 1;
	bool mine = false;
	DIR *d = opendir("/dev/pts");
	if (!d)
		fail("opendir /dev/pts: %s", strerror(errno));
	for (struct dirent *e; (e = readdir(d));) {
		if (strcmp(e->d_name, other_name) == 0)
			fail("/dev/pts lists another session's terminal %s", e->d_name);
		mine = mine || strcmp(e->d_name, own + strlen("/dev/pts/")) == 0;
	}
	closedir(d);
	if (!mine)
		fail("/dev/pts does not list its own pty %s", own);
	close(m);

	if (stat("/dev/shm", &st) != 0 || !S_ISDIR(st.st_mode) || (st.st_mode & 07777) != 01777)
		fail("/dev/shm: not a directory of mode 1777 (%s)", strerror(errno));
	static const char *const absent[] = {"/dev/mqueue", "/dev/sda", "/dev/mem", "/dev/kmsg", NULL};
	for (int i = 0; absent[i]; i++)
		if (stat(absent[i], &st) == 0)
			fail("%s is there", absent[i]);
	if (open("/dev/null", O_RDWR) < 0)
		fail("/dev/null: %s", strerror(errno));
	pass("/dev/pts shows only the jail's own ptys; /dev/shm its own; no /dev/mqueue, disks");
}
