/* SPDX-License-Identifier: BSD-2-Clause */
#include "landlock_net.h"

#include <errno.h>
#include <fcntl.h>
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
	/* Every layer denies a link or rename into another directory (EXDEV)
	 * unless a rule grants REFER (Landlock's one initially denied right,
	 * whether the layer handles it or not): grant it on all of /, the
	 * jail's other layers decide. */
	struct ruleset_attr_v6 attr = {.handled_access_fs = LANDLOCK_ACCESS_FS_REFER,
				       .scoped = SCOPE_ABSTRACT_UNIX_SOCKET};
	int ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (ruleset < 0)
		return -errno;
	int err = 0;
	int root = open("/", O_PATH | O_CLOEXEC);
	struct landlock_path_beneath_attr rule = {.allowed_access = LANDLOCK_ACCESS_FS_REFER,
						  .parent_fd = root};
	if (root < 0 || syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0) < 0)
		err = -errno;
	if (root >= 0)
		close(root);
	if (!err && syscall(SYS_landlock_restrict_self, ruleset, 0) < 0)
		err = -errno;
	close(ruleset);
	return err;
}
