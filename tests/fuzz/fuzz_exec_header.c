/* SPDX-License-Identifier: BSD-2-Clause */
/* The headers of a file a jailed process execs: the "#!" line (the first
 * SHEBANG_MAX bytes, as handle_exec.c reads them) and the ELF PT_INTERP
 * (libelf over the whole file, here a memfd holding the input). */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../supervisor/handlers/exec_header.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[SHEBANG_MAX];
	size_t n = size < sizeof(buf) ? size : sizeof(buf);
	memcpy(buf, data, n);
	char *interp, *arg;
	if (n > 0 && exec_parse_shebang(buf, n, &interp, &arg) == 1) {
		if (interp < buf || interp >= buf + sizeof(buf) || strlen(interp) >= sizeof(buf))
			__builtin_trap();
		if (arg && (arg < buf || arg >= buf + sizeof(buf)))
			__builtin_trap();
	}
	static int fd = -1;
	if (fd < 0)
		fd = memfd_create("fuzz-exec", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, 0) < 0 || (size && pwrite(fd, data, size, 0) != (ssize_t)size))
		return 0;
	char path[4096];
	if (exec_elf_interp(fd, path, sizeof(path)) == 1 && strlen(path) >= sizeof(path))
		__builtin_trap();
	return 0;
}
