/* SPDX-License-Identifier: BSD-2-Clause */
/* Reading and writing a stopped tracee's memory. All return 0 or -errno. */
#ifndef JAIL_SUPERVISOR_MEMORY_H
#define JAIL_SUPERVISOR_MEMORY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Exactly len bytes at addr, or -EFAULT. */
int mem_read(pid_t tid, uint64_t addr, void *buf, size_t len);
/* A NUL-terminated string of at most size-1 bytes; -ENAMETOOLONG if longer,
 * -EFAULT if unreadable. Never reads past the page holding the NUL. */
int mem_read_string(pid_t tid, uint64_t addr, char *buf, size_t size);
/* Writes len bytes to writable tracee memory (process_vm_writev). */
int mem_write(pid_t tid, uint64_t addr, const void *buf, size_t len);
/* Writes len bytes even where the tracee may not write (its code, a
 * read-only page), through /proc/<tid>/mem as a debugger does. */
int mem_force_write(pid_t tid, uint64_t addr, const void *buf, size_t len);

#endif
