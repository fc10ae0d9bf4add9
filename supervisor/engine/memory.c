/* SPDX-License-Identifier: BSD-2-Clause */
#include "memory.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/uio.h>

#include "creds.h"

#define PAGE 4096u
#define FIRST_CHUNK 256u

/* process_vm_readv/writev of tid. A supervisor thread acting as a tracee
 * (creds.h) has that tracee's capabilities, and a tracee that changed its
 * ids (seteuid and back, as apt does) is not dumpable: the kernel then
 * wants CAP_SYS_PTRACE, which only the supervisor's own rights have. The
 * memory is the tracer's to read whoever the thread acts as, so EPERM is
 * tried again with those rights. */
static ssize_t vm_rw(pid_t tid, struct iovec *local, struct iovec *remote, bool write)
{
	ssize_t n = write ? process_vm_writev(tid, local, 1, remote, 1, 0)
			  : process_vm_readv(tid, local, 1, remote, 1, 0);
	if (n >= 0 || errno != EPERM || !creds_acting())
		return n;
	struct creds_saved saved;
	creds_suspend(&saved);
	n = write ? process_vm_writev(tid, local, 1, remote, 1, 0) : process_vm_readv(tid, local, 1, remote, 1, 0);
	int e = errno;
	if (creds_resume(&saved))
		return errno = EFAULT, -1; /* the call fails: not acting as the tracee now */
	errno = e;
	return n;
}

int mem_read(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = {buf, len};
	struct iovec remote = {(void *)(uintptr_t)addr, len};
	if (len == 0)
		return 0;
	ssize_t n = vm_rw(tid, &local, &remote, false);
	if (n < 0)
		return errno == ESRCH ? -ESRCH : -EFAULT;
	return (size_t)n == len ? 0 : -EFAULT;
}

int mem_read_string(pid_t tid, uint64_t addr, char *buf, size_t size)
{
	size_t got = 0;
	while (got < size) {
		/* read up to the end of the current page, so an unmapped next page
		 * does not fail a string that ends before it */
		size_t chunk = PAGE - (size_t)((addr + got) % PAGE);
		/* most strings are short: copy little first */
		if (got == 0 && chunk > FIRST_CHUNK)
			chunk = FIRST_CHUNK;
		if (chunk > size - got)
			chunk = size - got;
		int err = mem_read(tid, addr + got, buf + got, chunk);
		if (err)
			return err;
		char *nul = memchr(buf + got, '\0', chunk);
		if (nul)
			return 0;
		got += chunk;
	}
	return -ENAMETOOLONG;
}

int mem_write(pid_t tid, uint64_t addr, const void *buf, size_t len)
{
	struct iovec local = {(void *)buf, len};
	struct iovec remote = {(void *)(uintptr_t)addr, len};
	if (len == 0)
		return 0;
	ssize_t n = vm_rw(tid, &local, &remote, true);
	if (n < 0)
		return errno == ESRCH ? -ESRCH : -EFAULT;
	return (size_t)n == len ? 0 : -EFAULT;
}

int mem_force_write(pid_t tid, uint64_t addr, const void *buf, size_t len)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)tid);
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t n = pwrite(fd, buf, len, (off_t)addr);
	int err = n == (ssize_t)len ? 0 : n < 0 ? -errno : -EIO;
	close(fd);
	return err;
}
