/* SPDX-License-Identifier: BSD-2-Clause */
/* A program started through its root's ELF loader (handle_exec.c) made to
 * look like itself, at the exec event stop, before the loader runs: its
 * command line, its name (comm, as in /proc/<pid>/stat and status) and
 * AT_EXECFN. See docs/exec-identity.md. */
#ifndef JAIL_SUPERVISOR_EXEC_IMAGE_H
#define JAIL_SUPERVISOR_EXEC_IMAGE_H

struct tracee;
struct injection;

/* The new image of t (at its PTRACE_EVENT_EXEC stop) was started as
 *   <loader> --argv0 NAME PROGRAM ARGS...
 * Rearranges the argument strings on its new stack so that the command line
 * reads NAME ARGS... (the loader's own words are moved after it, out of the
 * range /proc/<pid>/cmdline shows), then has t itself run
 * prctl(PR_SET_NAME, comm) and prctl(PR_SET_MM, PR_SET_MM_MAP) for the new
 * range and AT_EXECFN. Leaves t stopped, at its execve's exit stop.
 * 0, -ESRCH if t died, or another -errno if some step failed (the program
 * still runs, under the loader's name). */
int exec_image_fixup(struct tracee *t, const char *comm, long (*open_program)(struct injection *, const char *));

#endif
