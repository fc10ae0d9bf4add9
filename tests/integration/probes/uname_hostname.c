/* SPDX-License-Identifier: BSD-2-Clause */
/* uname(2) and gethostname(3) report the jail's hostname. */
#include <sys/utsname.h>

#include "probe.h"

int main(void)
{
	struct utsname u;
	char name[256];

	if (uname(&u) < 0)
		fail("uname: %s", strerror(errno));
	if (strcmp(u.nodename, PROBE_HOSTNAME) != 0)
		fail("uname nodename is \"%s\"", u.nodename);
	if (gethostname(name, sizeof(name)) < 0)
		fail("gethostname: %s", strerror(errno));
	if (strcmp(name, PROBE_HOSTNAME) != 0)
		fail("gethostname gives \"%s\"", name);
	pass("uname and gethostname say %s", name);
}
