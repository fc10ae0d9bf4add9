/* SPDX-License-Identifier: BSD-2-Clause */
/* The program's PT_LOAD segments mapped into the tracee as the kernel's
 * binfmt_elf maps a program that has an interpreter: an ET_DYN program at
 * a base the tracee's own reserving mmap chose (aligned to its largest
 * segment alignment), an ET_EXEC one at its addresses; each segment
 * MAP_FIXED from the file with its protections, the rest of the page after
 * p_filesz zeroed and the remainder of p_memsz anonymous; the holes
 * between segments unmapped. Every mapping is made by the tracee itself
 * (injected mmap on its own descriptor), so the kernel checks its rights.
 * The headers are read from the same open file (a duplicate of the
 * tracee's descriptor). */
#include "exec_map.h"

#include <elf.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <gelf.h>
#include <libelf.h>

#include "inject.h"
#include "memory.h"
#include "tracee.h"

#define MAX_PHNUM 128
#define MAX_ALIGN (1ull << 30)

struct phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, filesz, memsz, align;
};

struct elf_info {
	unsigned type, phentsize, phnum;
	uint64_t entry, phoff;
	struct phdr ph[MAX_PHNUM];
};

static uint16_t machine_of(const struct abi *abi)
{
	if (strcmp(abi->name, "x86_64") == 0)
		return EM_X86_64;
	if (strcmp(abi->name, "i386") == 0)
		return EM_386;
	if (strcmp(abi->name, "aarch64") == 0)
		return EM_AARCH64;
	return EM_NONE;
}

/* The ELF header and program headers of fd (read with libelf's
 * class-independent GElf forms, as handlers/exec_header.c does): 0, or 1
 * if fd is not an ELF program of this ABI that the kernel would load. */
static int read_elf(int fd, const struct abi *abi, struct elf_info *e)
{
	if (elf_version(EV_CURRENT) == EV_NONE)
		return 1;
	Elf *elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf)
		return 1;
	int bad = 1;
	GElf_Ehdr h;
	size_t phnum;
	bool is64 = abi->word_size == 8;
	if (elf_kind(elf) == ELF_K_ELF && gelf_getehdr(elf, &h) && h.e_ident[EI_DATA] == ELFDATA2LSB &&
	    h.e_ident[EI_CLASS] == (is64 ? ELFCLASS64 : ELFCLASS32) &&
	    (h.e_type == ET_EXEC || h.e_type == ET_DYN) && h.e_machine == machine_of(abi) &&
	    h.e_phentsize == (is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr)) && elf_getphdrnum(elf, &phnum) == 0 &&
	    phnum > 0 && phnum <= MAX_PHNUM) {
		e->type = h.e_type;
		e->entry = h.e_entry;
		e->phoff = h.e_phoff;
		e->phentsize = h.e_phentsize;
		e->phnum = (unsigned)phnum;
		bad = 0;
		for (unsigned i = 0; i < e->phnum && !bad; i++) {
			GElf_Phdr x;
			if (!gelf_getphdr(elf, (int)i, &x))
				bad = 1;
			else
				e->ph[i] = (struct phdr){x.p_type, x.p_flags, x.p_offset, x.p_vaddr, x.p_filesz, x.p_memsz, x.p_align};
		}
	}
	elf_end(elf);
	return bad;
}

/* A call the tracee makes; its result in *res. 0, or -errno (the call's
 * own error, or the injection's). */
static int call(struct injection *inj, enum sc_id id, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
		uint64_t a4, uint64_t a5, uint64_t *res)
{
	uint64_t a[6] = {a0, a1, a2, a3, a4, a5};
	long r = 0;
	int nr = abi_nr(inj->abi, id);
	if (nr < 0)
		return -ENOSYS;
	int err = inject_call(inj, nr, a, &r);
	if (err)
		return err;
	if (inj->abi->word_size == 4) {
		int32_t r32 = (int32_t)r;
		if (r32 < 0 && r32 > -4096)
			return r32;
		*res = (uint32_t)r;
	} else {
		if (r < 0 && r > -4096)
			return (int)r;
		*res = (uint64_t)r;
	}
	return 0;
}

static int do_mmap(struct injection *inj, uint64_t addr, uint64_t len, int prot, int flags, long fd,
		   uint64_t off, uint64_t *got)
{
	uint64_t fdw = inj->abi->word_size == 4 ? (uint32_t)fd : (uint64_t)fd;
	if (inj->abi->word_size == 4) /* mmap2: the offset in 4096-byte units */
		return call(inj, SC_mmap2, addr, len, (uint64_t)prot, (uint64_t)flags, fdw, off / 4096, got);
	return call(inj, SC_mmap, addr, len, (uint64_t)prot, (uint64_t)flags, fdw, off, got);
}

static int do_munmap(struct injection *inj, uint64_t addr, uint64_t len)
{
	uint64_t ignored;
	return len ? call(inj, SC_munmap, addr, len, 0, 0, 0, 0, &ignored) : 0;
}

static int prot_of(uint32_t flags)
{
	return ((flags & PF_R) ? PROT_READ : 0) | ((flags & PF_W) ? PROT_WRITE : 0) |
	       ((flags & PF_X) ? PROT_EXEC : 0);
}

/* Maps the segments at bias (reserved beforehand); the holes unmapped. */
static int map_segments(struct injection *inj, const struct elf_info *e, long fd, uint64_t bias, uint64_t page)
{
	uint64_t mapped_to = 0; /* end of the previous segment's pages */
	for (unsigned i = 0; i < e->phnum; i++) {
		const struct phdr *p = &e->ph[i];
		if (p->type != PT_LOAD || p->memsz == 0)
			continue;
		uint64_t va = bias + p->vaddr, pg = va & ~(page - 1), in = va - pg;
		uint64_t end = (va + p->memsz + page - 1) & ~(page - 1);
		int prot = prot_of(p->flags), err;
		uint64_t got;
		if (mapped_to && pg > mapped_to && (err = do_munmap(inj, mapped_to, pg - mapped_to)))
			return err;
		uint64_t file_end = pg; /* end of the pages mapped from the file */
		if (p->filesz) {
			file_end = (va + p->filesz + page - 1) & ~(page - 1);
			err = do_mmap(inj, pg, file_end - pg, prot, MAP_PRIVATE | MAP_FIXED, fd, p->offset - in, &got);
			if (err || got != pg)
				return err ? err : -EFAULT;
			uint64_t zero_from = va + p->filesz;
			if (p->memsz > p->filesz && zero_from < file_end) {
				/* the bss's first bytes share the data's last page */
				static const char zeros[65536];
				uint64_t n = file_end - zero_from;
				if (n > sizeof(zeros) || (err = mem_force_write(inj->t->tid, zero_from, zeros, n)))
					return err ? err : -EFAULT;
			}
		}
		if (end > file_end) {
			err = do_mmap(inj, file_end, end - file_end, prot, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0,
				      &got);
			if (err || got != file_end)
				return err ? err : -EFAULT;
		}
		mapped_to = end;
	}
	return 0;
}

/* The layout fields as binfmt_elf computes them. */
static void layout(const struct elf_info *e, uint64_t bias, uint64_t page, struct exec_map *out)
{
	uint64_t start_code = UINT64_MAX, end_code = 0, start_data = 0, end_data = 0, brk = 0;
	out->phdr = 0;
	for (unsigned i = 0; i < e->phnum; i++) {
		const struct phdr *p = &e->ph[i];
		if (p->type == PT_PHDR)
			out->phdr = bias + p->vaddr;
		if (p->type != PT_LOAD)
			continue;
		if (!out->phdr && e->phoff >= p->offset && e->phoff - p->offset < p->filesz)
			out->phdr = bias + p->vaddr + (e->phoff - p->offset);
		if ((p->flags & PF_X) && p->vaddr < start_code)
			start_code = p->vaddr;
		if (p->vaddr > start_data)
			start_data = p->vaddr;
		if ((p->flags & PF_X) && p->vaddr + p->filesz > end_code)
			end_code = p->vaddr + p->filesz;
		if (p->vaddr + p->filesz > end_data)
			end_data = p->vaddr + p->filesz;
		if (p->vaddr + p->memsz > brk)
			brk = p->vaddr + p->memsz;
	}
	if (start_code == UINT64_MAX)
		start_code = end_code = 0;
	out->phent = e->phentsize;
	out->phnum = e->phnum;
	out->entry = bias + e->entry;
	out->start_code = start_code ? bias + start_code : 0;
	out->end_code = end_code ? bias + end_code : 0;
	out->start_data = bias + start_data;
	out->end_data = bias + end_data;
	out->brk = (bias + brk + page - 1) & ~(page - 1);
}

int exec_map_program(struct injection *inj, long fd, uint64_t hint, struct exec_map *out)
{
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
	struct elf_info *e = calloc(1, sizeof(*e));
	if (!e)
		return 1;
	int own = tracee_dup_fd(inj->t, (int)fd);
	int err = own < 0 ? 1 : read_elf(own, inj->abi, e);
	if (own >= 0)
		close(own);
	/* the extent of the loaded segments, and their largest alignment */
	uint64_t lo = UINT64_MAX, hi = 0, align = page;
	uint64_t limit = inj->abi->word_size == 4 ? 0xffffffffull : (1ull << 56);
	for (unsigned i = 0; !err && i < e->phnum; i++) {
		const struct phdr *p = &e->ph[i];
		if (p->type != PT_LOAD || p->memsz == 0)
			continue;
		if (p->filesz > p->memsz || p->memsz > limit || p->vaddr > limit - p->memsz ||
		    (p->vaddr - p->offset) % page != 0 || p->vaddr < hi) {
			err = 1; /* what the kernel would refuse: the loader says so */
			break;
		}
		if (p->vaddr < lo)
			lo = p->vaddr;
		hi = p->vaddr + p->memsz;
		if (p->align > align && (p->align & (p->align - 1)) == 0 && p->align <= MAX_ALIGN)
			align = p->align;
	}
	if (!err && hi == 0)
		err = 1;
	if (err) {
		free(e);
		return err;
	}
	lo &= ~(page - 1);
	hi = (hi + page - 1) & ~(page - 1);
	uint64_t span = hi - lo, bias = 0, got = 0;
	if (e->type == ET_DYN) {
		/* a base near hint, aligned: reserve more, give back the ends */
		uint64_t extra = align - page;
		hint = (hint + align - 1) & ~(align - 1);
		err = do_mmap(inj, hint, span + extra, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, &got);
		if (err) {
			free(e);
			return err == -ESRCH ? err : 1;
		}
		uint64_t base = (got + align - 1) & ~(align - 1);
		bias = base - lo;
		if ((err = do_munmap(inj, got, base - got)) || (err = do_munmap(inj, hi + bias, got + span + extra - (hi + bias)))) {
			free(e);
			return err;
		}
	} else {
		err = do_mmap(inj, lo, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0, &got);
		if (err || got != lo) {
			/* its addresses are taken (by the loader), or a kernel
			 * without MAP_FIXED_NOREPLACE put it elsewhere */
			int gone = err ? 0 : do_munmap(inj, got, span);
			free(e);
			return err == -ESRCH || gone == -ESRCH ? -ESRCH : 1;
		}
	}
	err = map_segments(inj, e, fd, bias, page);
	if (!err)
		layout(e, bias, page, out);
	free(e);
	return err;
}

int exec_map_loader_base(pid_t tid, unsigned ws, uint64_t at_phdr, uint64_t at_phnum, uint64_t *base)
{
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE), ehdr = at_phdr & ~(page - 1);
	unsigned char h[sizeof(Elf64_Ehdr)];
	if (at_phnum == 0 || at_phnum > MAX_PHNUM || mem_read(tid, ehdr, h, sizeof(h)) ||
	    memcmp(h, ELFMAG, SELFMAG) != 0)
		return -ENOEXEC;
	uint64_t phoff;
	if (ws == 8) {
		Elf64_Ehdr x;
		memcpy(&x, h, sizeof(x));
		phoff = x.e_phoff;
	} else {
		Elf32_Ehdr x;
		memcpy(&x, h, sizeof(x));
		phoff = x.e_phoff;
	}
	if (ehdr + phoff != at_phdr)
		return -ENOEXEC;
	size_t psize = ws == 8 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
	for (uint64_t i = 0; i < at_phnum; i++) {
		unsigned char b[sizeof(Elf64_Phdr)];
		if (mem_read(tid, at_phdr + i * psize, b, psize))
			return -EFAULT;
		uint64_t type, offset, vaddr;
		if (ws == 8) {
			Elf64_Phdr x;
			memcpy(&x, b, sizeof(x));
			type = x.p_type, offset = x.p_offset, vaddr = x.p_vaddr;
		} else {
			Elf32_Phdr x;
			memcpy(&x, b, sizeof(x));
			type = x.p_type, offset = x.p_offset, vaddr = x.p_vaddr;
		}
		if (type == PT_LOAD && offset == 0) {
			*base = ehdr - vaddr;
			return 0;
		}
	}
	return -ENOEXEC;
}
