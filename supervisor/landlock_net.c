#include "landlock_net.h"

#include <errno.h>
#include <linux/landlock.h>
#include <linux/types.h>
#include <sys/syscall.h>
#include <unistd.h>

/* struct landlock_ruleset_attr as of ABI 6 (newer than Debian 12's header) */
struct ruleset_attr_v6 {
	__u64 handled_access_fs;
	__u64 handled_access_net;
	__u64 scoped;
};
#define SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)

int landlock_scope_abstract_unix(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 6)
		return -EOPNOTSUPP;
	struct ruleset_attr_v6 attr = {.scoped = SCOPE_ABSTRACT_UNIX_SOCKET};
	int ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (ruleset < 0)
		return -errno;
	int err = syscall(SYS_landlock_restrict_self, ruleset, 0) < 0 ? -errno : 0;
	close(ruleset);
	return err;
}
