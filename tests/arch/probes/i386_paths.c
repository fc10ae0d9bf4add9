/* SPDX-License-Identifier: BSD-2-Clause */
/* i386 path calls in a jail with its own root: the old and 64-bit stat
 * variants, statx, open/openat, access, truncate64, utimensat_time64 all
 * resolve inside the root. Run as
 *   jail ROOT h "" /i386_paths HOST_SECRET
 * with ROOT holding /inside ("INSIDE\n", 7 bytes, writable by the caller)
 * and HOST_SECRET the host path of a file outside ROOT. Outside a jail
 * /inside does not exist: the probe fails. Built -m32 only; tests/arch's
 * rooted.sh runs it (tests/arch/i386.list: BUILD rooted). */
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "probe.h"

#ifndef __i386__
#error "an i386 probe"
#endif

#define I386_oldstat 18
#define I386_stat64 195
#define I386_lstat64 196
#define I386_fstatat64 300
#define I386_statx 383
#define I386_utimensat_time64 412

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

int main(int argc, char **argv)
{
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
	if (syscall(I386_oldstat, "/inside", &old) != 0 || old.st_size != 7)
		fail("oldstat(/inside): %s", strerror(errno));
	if (syscall(I386_statx, AT_FDCWD, "/inside", 0, STATX_SIZE, &sx) != 0 || sx.stx_size != 7)
		fail("statx(/inside): %s", strerror(errno));
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

	/* the host's file is not there */
	EXPECT_ERRNO(syscall(I386_stat64, secret, buf), ENOENT);
	EXPECT_ERRNO(syscall(I386_fstatat64, AT_FDCWD, secret, buf, 0), ENOENT);
	EXPECT_ERRNO(syscall(I386_oldstat, secret, &old), ENOENT);
	EXPECT_ERRNO(syscall(I386_statx, AT_FDCWD, secret, 0, STATX_SIZE, &sx), ENOENT);
	EXPECT_ERRNO(syscall(SYS_open, secret, O_RDONLY), ENOENT);
	EXPECT_ERRNO(syscall(I386_utimensat_time64, AT_FDCWD, secret, NULL, 0), ENOENT);
	pass("i386 stat, stat64, fstatat64, oldstat, statx, open, openat, utimensat_time64, truncate64 resolve in the root");
}
