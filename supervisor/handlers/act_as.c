/* SPDX-License-Identifier: BSD-2-Clause */
#include "act_as.h"

#include <errno.h>
#include <sys/stat.h>

#include "../engine/creds.h"
#include "../engine/tracee.h"

int act_as_tracee(const struct tracee *t, bool creates)
{
	struct proc_creds c;
	mode_t mask = (mode_t)-1;
	int err;
	if (t->pcreds_valid && !creates) {
		c = t->pcreds;
	} else {
		/* the umask is the process's and changes without a stop: read
		 * it for every call that creates */
		err = creds_read(t->tid, &c, creates ? &mask : NULL);
		if (err)
			return err == -ENOENT ? -ESRCH : err;
		tracee_store_creds(t->tid, t->serial, &c);
	}
	return creds_enter(&c, mask);
}

void act_as_done(void)
{
	creds_release();
}
