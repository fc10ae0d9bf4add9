/* SPDX-License-Identifier: BSD-2-Clause */
/* A non-leader thread execs: the new image takes the leader's pid and is
 * still in the jail (its uname is the jail's). */
#include <pthread.h>
#include <sys/utsname.h>

#include "probe.h"

static char *self;

static void *exec_self(void *arg)
{
	(void)arg;
	execl(self, self, "after-exec", (char *)NULL);
	fail("execl: %s", strerror(errno));
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		struct utsname u;
		uname(&u);
		if (strcmp(u.nodename, PROBE_HOSTNAME) != 0)
			fail("after exec from a thread, uname says \"%s\"", u.nodename);
		pass("exec from a non-leader thread stays jailed");
	}
	self = argv[0];
	if (self[0] != '/')
		fail("run me by absolute path");
	pthread_t th;
	pthread_create(&th, NULL, exec_self, NULL);
	pthread_join(th, NULL);
	fail("exec did not happen");
}
