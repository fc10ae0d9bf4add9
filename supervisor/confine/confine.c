/* SPDX-License-Identifier: BSD-2-Clause */
#include "confine.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "filter_load.h"
#include "landlock_guard.h"
#include "landlock_net.h"
#include "../fs/landlock_root.h"
#include "priv_setup.h"

static int failed(const char *prog, const char *step, int rc)
{
	fprintf(stderr, "%s: %s: %s\n", prog, step, strerror(-rc));
	return rc;
}

int confine_self(const char *prog, const struct filter_progs *filters, bool set_nnp,
		 const struct fs_root *root, uint64_t caps, int *listener)
{
	*listener = -1;
	if (set_nnp && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return failed(prog, "prctl(NO_NEW_PRIVS)", -errno);
	int rc = landlock_guard_proc_writes();
	if (rc && rc != -EOPNOTSUPP)
		return failed(prog, "landlock", rc);
	/* abstract AF_UNIX names stay inside the jail (docs/networking.md) */
	rc = landlock_scope_abstract_unix();
	if (rc && rc != -EOPNOTSUPP)
		return failed(prog, "landlock", rc);
	/* no kernel backstop means a lost race could escape: do not start */
	if (root && (rc = landlock_confine_to_root(root)))
		return failed(prog, "landlock", rc);
	/* the host's session keyring stays outside (ENOSYS: no keyrings at all) */
	rc = priv_own_session_keyring();
	if (rc && rc != -ENOSYS)
		return failed(prog, "session keyring", rc);
	if ((rc = filter_load(filters, listener)))
		return failed(prog, "seccomp", rc);
	/* last: loading the filter without no_new_privs needs CAP_SYS_ADMIN */
	if ((rc = priv_limit_capabilities(caps))) {
		close(*listener);
		*listener = -1;
		return failed(prog, "capabilities", rc);
	}
	return 0;
}
