/* SPDX-License-Identifier: BSD-2-Clause */
/* A program started through its root's ELF loader (handle_exec.c) made
 * what the kernel would have made of it, at the exec event stop, before
 * the loader runs: the program mapped (exec_map.c) and the loader run as
 * its interpreter, its auxiliary vector, argv, command line, name (comm)
 * and memory layout. See docs/exec-identity.md. */
#ifndef JAIL_SUPERVISOR_EXEC_IMAGE_H
#define JAIL_SUPERVISOR_EXEC_IMAGE_H

#include <stdbool.h>

struct tracee;
struct injection;

/* The new image of t (at its PTRACE_EVENT_EXEC stop) was started as
 *   <loader> --argv0 NAME PROGRAM ARGS...
 * t itself opens PROGRAM (t->exe, its guest path) beneath its root with
 * open_program (supervisor_ops.open_program) and maps it; the stack's
 * argv becomes NAME ARGS... and its auxiliary vector the program's (the
 * loader then runs as its interpreter); then t runs prctl(PR_SET_NAME,
 * comm) and prctl(PR_SET_MM, PR_SET_MM_MAP) for the command line, the
 * saved auxiliary vector and the program's layout. Where the program
 * cannot be mapped (nothing changed yet), only the appearances are fixed
 * and the loader loads it by name. Leaves t stopped, at its execve's exit
 * stop. 0, -ESRCH if t died (or was killed: mapping failed half way), or
 * another -errno if some step failed (the program still runs, under the
 * loader's name). loader false (a program the kernel executed from a
 * descriptor): only its name is set. */
int exec_image_fixup(struct tracee *t, const char *comm, bool loader,
		     long (*open_program)(struct injection *, const char *));

#endif
