/* SPDX-License-Identifier: BSD-2-Clause */
/* A file of the jail's view served instead of the kernel's (sealed_text.c). */
#ifndef JAIL_SUPERVISOR_SEALED_TEXT_H
#define JAIL_SUPERVISOR_SEALED_TEXT_H

#include <stddef.h>

/* A memfd named name holding len bytes of text, sealed against every
 * change and reopened read-only (with O_NONBLOCK from flags): the
 * descriptor, or -errno. */
int sealed_text_fd(const char *name, const char *text, size_t len, int flags);

/* The whole text of fd from where it stands: a malloc'd buffer,
 * its length in *len; NULL with errno on failure,
 * EFBIG past max bytes (refused, never cut). */
char *read_whole_fd(int fd, size_t max, size_t *len);

#endif
