/* SPDX-License-Identifier: BSD-2-Clause */
/* The two headers of an exec'd file the supervisor reads, as the kernel
 * does: a script's "#!" line and an ELF file's PT_INTERP. The file is the
 * jail's: any bytes at all (tests/fuzz/fuzz_exec_header.c). */
#ifndef JAIL_SUPERVISOR_EXEC_HEADER_H
#define JAIL_SUPERVISOR_EXEC_HEADER_H

#include <stddef.h>

#define SHEBANG_MAX 256 /* the kernel's BINPRM_BUF_SIZE */

/* Parses "#!interp [arg]" from the first line of buf (n bytes, at most
 * SHEBANG_MAX; buf is written to); 1 if a script, with *interp and *arg
 * (NULL if none) pointing into buf; 0 if not. */
int exec_parse_shebang(char *buf, size_t n, char **interp, char **arg);
/* The PT_INTERP of the ELF file fd, into interp (size bytes); 1 if found,
 * 0 if none or not ELF. */
int exec_elf_interp(int fd, char *interp, size_t size);

#endif
