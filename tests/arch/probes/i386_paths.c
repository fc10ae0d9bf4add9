/* SPDX-License-Identifier: BSD-2-Clause */
/* i386 path calls in a jail with its own root: the old and 64-bit stat
 * variants, statx, open/openat, access, truncate64, utimensat_time64 all
 * resolve inside the root; stat and lstat (the compat struct stat) give
 * every field as statx does (checked on the probe itself first: natively
 * too). Run as
 *   jail ROOT h "" /i386_paths HOST_SECRET
 * with ROOT holding /inside ("INSIDE\n", 7 bytes, writable by the caller)
 * and HOST_SECRET the host path of a file outside ROOT. Outside a jail
 * /inside does not exist: the probe fails. Built -m32 only; tests/arch's
 * rooted.sh runs it (tests/arch/i386.list: BUILD rooted). */
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "probe.h"

#ifndef __i386__
#error "an i386 probe"
#endif

#define I386_oldstat 18
#define I386_stat 106
#define I386_lstat 107
#define I386_stat64 195
#define I386_lstat64 196
#define I386_fstatat64 300
#define I386_statx 383
#define I386_utimensat_time64 412
#define I386_utime 30
#define I386_utimes 271
#define I386_futimesat 299
#define I386_inotify_init1 332
#define I386_inotify_add_watch 292
#define I386_oldlstat 84
#define I386_statfs 99
#define I386_statfs64 268
#define I386_fstatfs64 269
#define I386_truncate 92
#define I386_lchown16 16
#define I386_chown16 182

struct old_kernel_stat { /* the kernel's __old_kernel_stat on i386 */
	unsigned short st_dev, st_ino, st_mode, st_nlink, st_uid, st_gid, st_rdev;
	unsigned long st_size, atime, mtime, ctime;
};

/* the kernel's struct stat64 on i386: st_size at offset 44 */
static int64_t size64(const unsigned char *buf)
{
	int64_t s;
	memcpy(&s, buf + 44, sizeof(s));
	return s;
}

static uint32_t u32_at(const unsigned char *buf, int off)
{
	uint32_t v;
	memcpy(&v, buf + off, sizeof(v));
	return v;
}

static uint64_t u64_at(const unsigned char *buf, int off)
{
	uint64_t v;
	memcpy(&v, buf + off, sizeof(v));
	return v;
}

/* Every field of a stat64 buffer agrees with statx of the same file. */
static void same_as_statx(const unsigned char *b, const struct statx *x, const char *what)
{
	uint64_t dev = ((uint64_t)x->stx_dev_minor & 0xff) | ((uint64_t)x->stx_dev_major << 8) |
		       (((uint64_t)x->stx_dev_minor & ~0xffull) << 12);
	if (u64_at(b, 0) != dev || u32_at(b, 12) != (uint32_t)x->stx_ino || u32_at(b, 16) != x->stx_mode ||
	    u32_at(b, 20) != x->stx_nlink || u32_at(b, 24) != x->stx_uid || u32_at(b, 28) != x->stx_gid ||
	    (uint64_t)size64(b) != x->stx_size || u64_at(b, 56) != x->stx_blocks ||
	    u32_at(b, 72) != (uint32_t)x->stx_mtime.tv_sec || u32_at(b, 76) != x->stx_mtime.tv_nsec ||
	    u64_at(b, 88) != x->stx_ino)
		fail("%s: the stat64 fields are not statx's", what);
}

/* Every field of an i386 struct stat (x86's compat_stat, 64 bytes, as
 * cp_compat_stat fills it) agrees with statx of the same file. */
static void compat_same_as_statx(const unsigned char *b, const struct statx *x, const char *what)
{
	uint32_t dev = (x->stx_dev_minor & 0xff) | (x->stx_dev_major << 8) | ((x->stx_dev_minor & ~0xffu) << 12);
	uint16_t h[4];
	memcpy(h, b + 8, sizeof(h));
	bool ok = u32_at(b, 0) == dev && u32_at(b, 4) == (uint32_t)x->stx_ino && h[0] == x->stx_mode &&
		  h[1] == x->stx_nlink && h[2] == (x->stx_uid > 0xffff ? 65534 : x->stx_uid) &&
		  h[3] == (x->stx_gid > 0xffff ? 65534 : x->stx_gid) && u32_at(b, 16) == 0 /* rdev of a file */ &&
		  u32_at(b, 20) == (uint32_t)x->stx_size && u32_at(b, 24) == x->stx_blksize &&
		  u32_at(b, 28) == (uint32_t)x->stx_blocks && u32_at(b, 32) == (uint32_t)x->stx_atime.tv_sec &&
		  u32_at(b, 36) == x->stx_atime.tv_nsec && u32_at(b, 40) == (uint32_t)x->stx_mtime.tv_sec &&
		  u32_at(b, 44) == x->stx_mtime.tv_nsec && u32_at(b, 48) == (uint32_t)x->stx_ctime.tv_sec &&
		  u32_at(b, 52) == x->stx_ctime.tv_nsec && u32_at(b, 56) == 0 && u32_at(b, 60) == 0 &&
		  b[64] == 0x5a; /* nothing written past the struct */
	if (!ok)
		fail("%s: the struct stat fields are not statx's", what);
}

/* i386's stat and lstat (106, 107) of path: every field as statx gives
 * it. Checked first on the probe itself, which exists inside the jail and
 * outside it: natively, this checks the check. */
static void compat_stat_check(const char *path)
{
	unsigned char b[72];
	struct statx x;
	for (int l = 0; l < 2; l++) {
		memset(b, 0x5a, sizeof(b));
		if (syscall(l ? I386_lstat : I386_stat, path, b) != 0)
			fail("%s(%s): %s", l ? "lstat" : "stat", path, strerror(errno));
		if (syscall(I386_statx, AT_FDCWD, path, l ? AT_SYMLINK_NOFOLLOW : 0, STATX_BASIC_STATS, &x) != 0)
			fail("statx(%s): %s", path, strerror(errno));
		compat_same_as_statx(b, &x, l ? "lstat" : "stat");
	}
}

int main(int argc, char **argv)
{
	compat_stat_check(argv[0]);
	if (argc < 2)
		fail("usage: i386_paths HOST_SECRET");
	const char *secret = argv[1];
	unsigned char buf[256];
	struct old_kernel_stat old;
	struct statx sx;

	if (syscall(I386_stat64, "/inside", buf) != 0 || size64(buf) != 7)
		fail("stat64(/inside): %s", strerror(errno));
	if (syscall(I386_lstat64, "/inside", buf) != 0 || size64(buf) != 7)
		fail("lstat64(/inside): %s", strerror(errno));
	if (syscall(I386_fstatat64, AT_FDCWD, "/inside", buf, 0) != 0 || size64(buf) != 7)
		fail("fstatat64(/inside): %s", strerror(errno));
	/* EOVERFLOW: found, with an inode number beyond 16 bits (ext4, tmpfs) */
	if (syscall(I386_oldstat, "/inside", &old) != 0 ? errno != EOVERFLOW : old.st_size != 7)
		fail("oldstat(/inside): %s", strerror(errno));
	if (syscall(I386_statx, AT_FDCWD, "/inside", 0, STATX_SIZE, &sx) != 0 || sx.stx_size != 7)
		fail("statx(/inside): %s", strerror(errno));
	compat_stat_check("/inside");
	if (syscall(I386_stat, "/inside", buf) != 0 || u32_at(buf, 20) != 7)
		fail("stat(/inside): %s", strerror(errno));
	if (syscall(SYS_access, "/inside", R_OK) != 0)
		fail("access(/inside): %s", strerror(errno));
	long fd = syscall(SYS_open, "/inside", O_RDONLY);
	if (fd < 0)
		fail("open(/inside): %s", strerror(errno));
	close((int)fd);
	if ((fd = syscall(SYS_openat, AT_FDCWD, "/inside", O_RDONLY)) < 0)
		fail("openat(/inside): %s", strerror(errno));
	close((int)fd);
	if (syscall(I386_utimensat_time64, AT_FDCWD, "/inside", NULL, 0) != 0)
		fail("utimensat_time64(/inside): %s", strerror(errno));
	if (syscall(SYS_truncate64, "/inside", 7LL) != 0) /* i386: the length in two words */
		fail("truncate64(/inside): %s", strerror(errno));

	/* every stat64 field, and the older time calls on the object */
	struct {
		int32_t actime, modtime;
	} ub = {1000000, 2000000};
	if (syscall(I386_utime, "/inside", &ub) != 0)
		fail("utime(/inside): %s", strerror(errno));
	if (syscall(I386_statx, AT_FDCWD, "/inside", 0, STATX_BASIC_STATS, &sx) != 0 || sx.stx_mtime.tv_sec != 2000000 ||
	    sx.stx_atime.tv_sec != 1000000)
		fail("utime(/inside) did not set the times");
	if (syscall(I386_stat64, "/inside", buf) != 0)
		fail("stat64(/inside): %s", strerror(errno));
	same_as_statx(buf, &sx, "stat64(/inside)");
	struct {
		int32_t sec, usec;
	} tv[2] = {{3000000, 5}, {4000000, 7}};
	if (syscall(I386_utimes, "/inside", tv) != 0)
		fail("utimes(/inside): %s", strerror(errno));
	if (syscall(I386_fstatat64, AT_FDCWD, "/inside", buf, AT_SYMLINK_NOFOLLOW) != 0)
		fail("fstatat64(/inside): %s", strerror(errno));
	if (syscall(I386_statx, AT_FDCWD, "/inside", 0, STATX_BASIC_STATS, &sx) != 0 || sx.stx_mtime.tv_sec != 4000000 ||
	    sx.stx_mtime.tv_nsec != 7000)
		fail("utimes(/inside) did not set the times");
	same_as_statx(buf, &sx, "fstatat64(/inside)");
	tv[1].usec = 1000000;
	EXPECT_ERRNO(syscall(I386_utimes, "/inside", tv), EINVAL);
	if (syscall(I386_futimesat, AT_FDCWD, "/inside", NULL) != 0)
		fail("futimesat(/inside, NULL): %s", strerror(errno));
	long in = syscall(I386_inotify_init1, 0);
	if (in < 0 || syscall(I386_inotify_add_watch, (int)in, "/inside", 0x2 /* IN_MODIFY */) < 1)
		fail("inotify_add_watch(/inside): %s", strerror(errno));
	EXPECT_ERRNO(syscall(I386_inotify_add_watch, (int)in, secret, 0x2), ENOENT);
	EXPECT_ERRNO(syscall(I386_inotify_add_watch, 0, "/inside", 0x2), EINVAL); /* not an inotify descriptor */
	close((int)in);

	/* statfs (32-bit fields), statfs64 (size 84), as fstatfs64 of the file */
	unsigned char sf[84], sf2[84], sf32[64];
	if (syscall(I386_statfs64, "/inside", 84, sf) != 0)
		fail("statfs64(/inside): %s", strerror(errno));
	fd = syscall(SYS_open, "/inside", O_RDONLY);
	if (fd < 0 || syscall(I386_fstatfs64, (int)fd, 84, sf2) != 0 || memcmp(sf, sf2, 84) != 0)
		fail("statfs64(/inside) is not fstatfs64 of it");
	close((int)fd);
	EXPECT_ERRNO(syscall(I386_statfs64, "/inside", 88, sf), EINVAL);
	if (syscall(I386_statfs, "/inside", sf32) != 0 ? errno != EOVERFLOW : memcmp(sf32, sf, 8) != 0)
		fail("statfs(/inside): %s", strerror(errno));
	if (syscall(I386_truncate, "/inside", 7L) != 0)
		fail("truncate(/inside): %s", strerror(errno));
	if (syscall(I386_chown16, "/inside", 0xffff, 0xffff) != 0 || syscall(I386_lchown16, "/inside", 0xffff, 0xffff) != 0)
		fail("chown16(/inside, -1, -1): %s", strerror(errno));
	if (syscall(I386_oldlstat, "/inside", &old) != 0 ? errno != EOVERFLOW : old.st_size != 7)
		fail("oldlstat(/inside): %s", strerror(errno));

	/* the host's file is not there */
	EXPECT_ERRNO(syscall(I386_stat64, secret, buf), ENOENT);
	EXPECT_ERRNO(syscall(I386_fstatat64, AT_FDCWD, secret, buf, 0), ENOENT);
	EXPECT_ERRNO(syscall(I386_oldstat, secret, &old), ENOENT);
	EXPECT_ERRNO(syscall(I386_stat, secret, buf), ENOENT);
	EXPECT_ERRNO(syscall(I386_lstat, secret, buf), ENOENT);
	EXPECT_ERRNO(syscall(I386_statx, AT_FDCWD, secret, 0, STATX_SIZE, &sx), ENOENT);
	EXPECT_ERRNO(syscall(SYS_open, secret, O_RDONLY), ENOENT);
	EXPECT_ERRNO(syscall(I386_utimensat_time64, AT_FDCWD, secret, NULL, 0), ENOENT);
	EXPECT_ERRNO(syscall(I386_utime, secret, NULL), ENOENT);
	EXPECT_ERRNO(syscall(I386_utimes, secret, NULL), ENOENT);
	EXPECT_ERRNO(syscall(I386_futimesat, AT_FDCWD, secret, NULL), ENOENT);
	EXPECT_ERRNO(syscall(I386_statfs64, secret, 84, sf), ENOENT);
	EXPECT_ERRNO(syscall(I386_statfs, secret, sf32), ENOENT);
	EXPECT_ERRNO(syscall(I386_truncate, secret, 7L), ENOENT);
	EXPECT_ERRNO(syscall(I386_chown16, secret, 0xffff, 0xffff), ENOENT);
	EXPECT_ERRNO(syscall(I386_oldlstat, secret, &old), ENOENT);
	pass("i386 stat and lstat (every field), stat64 (every field), fstatat64, oldstat, oldlstat, statx, statfs, statfs64, open, openat, "
	     "utimensat_time64, utime, utimes, futimesat, inotify_add_watch, truncate, truncate64, chown16 resolve in "
	     "the root");
}
