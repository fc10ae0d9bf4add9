/* SPDX-License-Identifier: BSD-2-Clause */
/* sethostname changes only the jail's name, and only for root in the jail
 * (FreeBSD: allow.set_hostname, on by default). Not run outside a jail. */
#include <sys/utsname.h>

#include "probe.h"

int main(void)
{
	struct utsname u;
	const char *new_name = "renamed-in-jail";

	if (!am_root()) {
		EXPECT_ERRNO(sethostname(new_name, strlen(new_name)), EPERM);
		pass("a non-root jailed process gets EPERM");
	}
	char long_name[80];
	memset(long_name, 'x', sizeof(long_name));
	EXPECT_ERRNO(sethostname(long_name, 65), EINVAL);
	if (sethostname(new_name, strlen(new_name)) < 0)
		fail("sethostname: %s", strerror(errno));
	uname(&u);
	if (strcmp(u.nodename, new_name) != 0)
		fail("after sethostname, uname says \"%s\"", u.nodename);
	/* the host's name is checked by the script that runs this probe */
	pass("jailed root renamed the jail to %s", u.nodename);
}
