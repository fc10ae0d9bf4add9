/* SPDX-License-Identifier: BSD-2-Clause */
#include "path_table.h"

#include <stddef.h>

#define ONE(d, p, r) {.slot = {{d, p, r}, {-1, -1, PF_NONE}}, .flags = -1}
#define ONE_F(d, p, r, f) {.slot = {{d, p, r}, {-1, -1, PF_NONE}}, .flags = f}
#define AT_F(d, p, r, f) {.slot = {{d, p, r}, {-1, -1, PF_NONE}}, .flags = f, .empty_ok = 1}
/* AT_EMPTY_PATH calls that also take a NULL path for "" (Linux 6.11) */
#define AT_FN(d, p, r, f) {.slot = {{d, p, r}, {-1, -1, PF_NONE}}, .flags = f, .empty_ok = 1, .null_ok = 1}
#define TWO(d1, p1, r1, d2, p2, r2, f) {.slot = {{d1, p1, r1}, {d2, p2, r2}}, .flags = f}

static const struct path_spec specs[SC_COUNT] = {
	/* open family */
	[SC_open] = ONE_F(-1, 0, PF_OPEN, 1),
	[SC_creat] = ONE(-1, 0, PF_CREAT),
	[SC_openat] = ONE_F(0, 1, PF_OPEN, 2),
	/* stat family */
	[SC_stat] = ONE(-1, 0, PF_FOLLOW),
	[SC_stat64] = ONE(-1, 0, PF_FOLLOW),
	[SC_oldstat] = ONE(-1, 0, PF_FOLLOW),
	[SC_lstat] = ONE(-1, 0, PF_NOFOLLOW),
	[SC_lstat64] = ONE(-1, 0, PF_NOFOLLOW),
	[SC_oldlstat] = ONE(-1, 0, PF_NOFOLLOW),
	[SC_newfstatat] = AT_FN(0, 1, PF_AT_NOFOLLOW, 3),
	[SC_fstatat64] = AT_FN(0, 1, PF_AT_NOFOLLOW, 3),
	[SC_statx] = AT_FN(0, 1, PF_AT_NOFOLLOW, 2),
	[SC_statfs] = ONE(-1, 0, PF_FOLLOW),
	[SC_statfs64] = ONE(-1, 0, PF_FOLLOW),
	/* access */
	[SC_access] = ONE(-1, 0, PF_FOLLOW),
	[SC_faccessat] = ONE(0, 1, PF_FOLLOW),
	[SC_faccessat2] = AT_F(0, 1, PF_AT_NOFOLLOW, 3),
	/* directories */
	[SC_chdir] = ONE(-1, 0, PF_FOLLOW),
	[SC_mkdir] = ONE(-1, 0, PF_PARENT),
	[SC_mkdirat] = ONE(0, 1, PF_PARENT),
	[SC_rmdir] = ONE(-1, 0, PF_PARENT),
	/* names */
	[SC_unlink] = ONE(-1, 0, PF_PARENT),
	[SC_unlinkat] = ONE(0, 1, PF_PARENT),
	[SC_rename] = TWO(-1, 0, PF_PARENT, -1, 1, PF_PARENT, -1),
	[SC_renameat] = TWO(0, 1, PF_PARENT, 2, 3, PF_PARENT, -1),
	[SC_renameat2] = TWO(0, 1, PF_PARENT, 2, 3, PF_PARENT, -1),
	[SC_link] = TWO(-1, 0, PF_NOFOLLOW, -1, 1, PF_PARENT, -1),
	[SC_linkat] = {.slot = {{0, 1, PF_AT_FOLLOW}, {2, 3, PF_PARENT}}, .flags = 4, .empty_ok = 1},
	[SC_symlink] = ONE(-1, 1, PF_PARENT),   /* the target is stored, not resolved */
	[SC_symlinkat] = ONE(1, 2, PF_PARENT),
	[SC_mknod] = ONE(-1, 0, PF_PARENT),
	[SC_mknodat] = ONE(0, 1, PF_PARENT),
	/* attributes */
	[SC_chmod] = ONE(-1, 0, PF_FOLLOW),
	[SC_fchmodat] = ONE(0, 1, PF_FOLLOW),
	[SC_fchmodat2] = AT_F(0, 1, PF_AT_NOFOLLOW, 3),
	[SC_chown] = ONE(-1, 0, PF_FOLLOW),
	[SC_chown32] = ONE(-1, 0, PF_FOLLOW),
	[SC_lchown] = ONE(-1, 0, PF_NOFOLLOW),
	[SC_lchown32] = ONE(-1, 0, PF_NOFOLLOW),
	[SC_fchownat] = AT_F(0, 1, PF_AT_NOFOLLOW, 4),
	[SC_utime] = ONE(-1, 0, PF_FOLLOW),
	[SC_utimes] = ONE(-1, 0, PF_FOLLOW),
	[SC_futimesat] = ONE(0, 1, PF_FOLLOW),
	[SC_utimensat] = {.slot = {{0, 1, PF_AT_NOFOLLOW}, {-1, -1, PF_NONE}}, .flags = 3, .empty_ok = 1, .null_ok = 1},
	[SC_utimensat_time64] = {.slot = {{0, 1, PF_AT_NOFOLLOW}, {-1, -1, PF_NONE}}, .flags = 3, .empty_ok = 1, .null_ok = 1},
	[SC_truncate] = ONE(-1, 0, PF_FOLLOW),
	[SC_truncate64] = ONE(-1, 0, PF_FOLLOW),
	[SC_file_getattr] = AT_F(0, 1, PF_AT_NOFOLLOW, 4),
	[SC_file_setattr] = AT_F(0, 1, PF_AT_NOFOLLOW, 4),
	/* extended attributes */
	[SC_getxattr] = ONE(-1, 0, PF_FOLLOW),
	[SC_setxattr] = ONE(-1, 0, PF_FOLLOW),
	[SC_listxattr] = ONE(-1, 0, PF_FOLLOW),
	[SC_removexattr] = ONE(-1, 0, PF_FOLLOW),
	[SC_lgetxattr] = ONE(-1, 0, PF_NOFOLLOW),
	[SC_lsetxattr] = ONE(-1, 0, PF_NOFOLLOW),
	[SC_llistxattr] = ONE(-1, 0, PF_NOFOLLOW),
	[SC_lremovexattr] = ONE(-1, 0, PF_NOFOLLOW),
	[SC_getxattrat] = AT_F(0, 1, PF_AT_NOFOLLOW, 2),
	[SC_setxattrat] = AT_F(0, 1, PF_AT_NOFOLLOW, 2),
	[SC_listxattrat] = AT_F(0, 1, PF_AT_NOFOLLOW, 2),
	[SC_removexattrat] = AT_F(0, 1, PF_AT_NOFOLLOW, 2),
	/* others */
	[SC_inotify_add_watch] = ONE_F(-1, 1, PF_INOTIFY, 2),
	[SC_acct] = {.slot = {{-1, 0, PF_FOLLOW}, {-1, -1, PF_NONE}}, .flags = -1, .null_ok = 1},
	[SC_quotactl] = {.slot = {{-1, 1, PF_FOLLOW}, {-1, -1, PF_NONE}}, .flags = -1, .null_ok = 1},
	[SC_uselib] = ONE(-1, 0, PF_FOLLOW),
	[SC_swapon] = ONE(-1, 0, PF_FOLLOW),
	[SC_swapoff] = ONE(-1, 0, PF_FOLLOW),
};

const struct path_spec *path_spec_of(enum sc_id id)
{
	if ((int)id <= 0 || id >= SC_COUNT || specs[id].slot[0].rule == PF_NONE)
		return NULL;
	return &specs[id];
}
