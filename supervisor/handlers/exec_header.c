/* SPDX-License-Identifier: BSD-2-Clause */
#include "exec_header.h"

#include <gelf.h>
#include <libelf.h>
#include <string.h>
#include <unistd.h>

/* The PT_INTERP of the ELF file fd, into interp; 1 if found, 0 if none or not ELF. */
int exec_elf_interp(int fd, char *interp, size_t size)
{
	if (elf_version(EV_CURRENT) == EV_NONE)
		return 0;
	Elf *e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!e)
		return 0;
	int found = 0;
	size_t n;
	if (elf_kind(e) == ELF_K_ELF && elf_getphdrnum(e, &n) == 0) {
		for (size_t i = 0; i < n && !found; i++) {
			GElf_Phdr ph;
			if (!gelf_getphdr(e, (int)i, &ph) || ph.p_type != PT_INTERP)
				continue;
			if (ph.p_filesz == 0 || ph.p_filesz >= size)
				break;
			if (pread(fd, interp, ph.p_filesz, (off_t)ph.p_offset) == (ssize_t)ph.p_filesz) {
				interp[ph.p_filesz] = '\0';
				found = interp[0] != '\0';
			}
		}
	}
	elf_end(e);
	return found;
}

/* Parses "#!interp [arg]" from the first line of buf (n bytes); 1 if a script. */
int exec_parse_shebang(char *buf, size_t n, char **interp, char **arg)
{
	if (n < 2 || buf[0] != '#' || buf[1] != '!')
		return 0;
	buf[n < SHEBANG_MAX ? n : SHEBANG_MAX - 1] = '\0';
	char *nl = strchr(buf, '\n');
	if (nl)
		*nl = '\0';
	char *p = buf + 2;
	p += strspn(p, " \t");
	if (!*p)
		return 0;
	*interp = p;
	p += strcspn(p, " \t");
	if (*p) {
		*p++ = '\0';
		p += strspn(p, " \t");
	}
	/* the rest, trailing blanks dropped, is one argument */
	size_t len = strlen(p);
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		p[--len] = '\0';
	*arg = len ? p : NULL;
	return 1;
}

