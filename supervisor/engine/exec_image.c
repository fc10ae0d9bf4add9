/* SPDX-License-Identifier: BSD-2-Clause */
/* A program the root's loader started, made what the kernel would have
 * made of it (docs/exec-identity.md).
 *
 * The kernel lays out a new stack as
 *   sp -> argc, argv[0..argc-1], NULL, envp..., NULL, auxv...
 * and, higher up, the argument strings back to back from arg_start to
 * arg_end (what /proc/<pid>/cmdline shows), the environment strings, and
 * the file name execve was given (AT_EXECFN). At the exec stop nothing has
 * read them yet: the program is mapped (exec_map.c), the strings are
 * rearranged to NAME ARGS..., the vector rewritten with the program's argv
 * and auxiliary vector entries (the loader then runs as its interpreter),
 * and the process itself sets its name and, with PR_SET_MM_MAP (which
 * needs no privilege, only CONFIG_CHECKPOINT_RESTORE), arg_end, the saved
 * auxiliary vector and the program's layout. */
#include "exec_image.h"

#include <elf.h>
#include <errno.h>
#include <signal.h>
#include <limits.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "../../arch/abi.h"
#include "exec_map.h"
#include "inject.h"
#include "memory.h"
#include "scratch.h"
#include "tracee.h"

#define MAX_BLOCK (64u << 20) /* argument strings larger than this are left alone */
#define AUXV_MAX 512 /* bytes: the kernel's saved_auxv is smaller */

/* The kernel's struct prctl_mm_map, the same 104 bytes for every ABI. */
struct mm_map {
	uint64_t start_code, end_code, start_data, end_data, start_brk, brk, start_stack;
	uint64_t arg_start, arg_end, env_start, env_end;
	uint64_t auxv;
	uint32_t auxv_size, exe_fd;
};
_Static_assert(sizeof(struct mm_map) == 104, "struct prctl_mm_map is 104 bytes");

static uint64_t read_word(const unsigned char *p, unsigned ws)
{
	uint64_t v = 0;
	memcpy(&v, p, ws); /* little-endian */
	return v;
}

static void put_word(unsigned char *p, unsigned ws, uint64_t v)
{
	memcpy(p, &v, ws);
}

/* The memory layout fields of /proc/<tid>/stat PR_SET_MM_MAP needs. */
static int read_layout(pid_t tid, struct mm_map *m)
{
	char path[64], buf[2048];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)tid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -EIO;
	buf[n] = '\0';
	char *p = strrchr(buf, ')');
	if (!p)
		return -EIO;
	/* fields counted from 1 (pid); p + 2 starts field 3 (state) */
	uint64_t f[53] = {0};
	p += 2;
	for (int i = 3; i < 53 && *p; i++) {
		char *end;
		f[i] = strtoull(p, &end, 10);
		if (i == 3)
			end = p + 1; /* the state letter */
		p = end + strspn(end, " ");
	}
	m->start_code = f[26];
	m->end_code = f[27];
	m->start_stack = f[28];
	m->start_data = f[45];
	m->end_data = f[46];
	m->start_brk = f[47];
	m->brk = f[47]; /* at the exec stop nothing has moved it yet */
	m->arg_start = f[48];
	m->arg_end = f[49];
	m->env_start = f[50];
	m->env_end = f[51];
	return m->end_code > m->start_code ? 0 : -EACCES; /* zeros: not ours to read */
}

static int read_auxv(pid_t tid, unsigned char *buf, size_t size, size_t *len)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/auxv", (int)tid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t n = read(fd, buf, size);
	close(fd);
	if (n <= 0)
		return -EIO;
	*len = (size_t)n;
	return 0;
}

/* The argument strings rearranged, nothing written yet: the block from
 * start holds NAME ARGS... (cmd_len bytes), then the loader's words
 * (argv[0], "--argv0", PROGRAM); ptrs is the new argv in the loader's
 * order (argv0, --argv0, NAME, PROGRAM, ARGS...), prog_at PROGRAM's
 * address (for AT_EXECFN). */
struct arg_plan {
	uint64_t start;
	unsigned char *block;
	size_t len, cmd_len, argc;
	uint64_t *ptrs;
	uint64_t prog_at;
};

static int plan_arguments(pid_t tid, unsigned ws, uint64_t sp, struct arg_plan *pl)
{
	uint64_t argc = 0;
	memset(pl, 0, sizeof(*pl));
	if (mem_read(tid, sp, &argc, ws))
		return -EFAULT;
	if (argc < 4 || argc > (1u << 20))
		return -EINVAL;
	size_t vlen = (size_t)argc * ws;
	unsigned char *vec = malloc(vlen);
	if (!vec)
		return -ENOMEM;
	int err = -EINVAL;
	unsigned char *block = NULL, *out = NULL;
	size_t *off = NULL;
	uint64_t *ptrs = NULL;
	if (mem_read(tid, sp + ws, vec, vlen)) {
		err = -EFAULT;
		goto done;
	}
	uint64_t start = read_word(vec, ws), last = read_word(vec + vlen - ws, ws);
	if (last < start || last - start > MAX_BLOCK)
		goto done;
	/* the block up to the end of the last string */
	size_t cap = (size_t)(last - start) + 128 * 1024 + 1, len = 0; /* MAX_ARG_STRLEN */
	block = malloc(cap + 1);
	off = malloc(argc * sizeof(*off));
	ptrs = malloc(argc * sizeof(*ptrs));
	if (!block || !off || !ptrs) {
		err = -ENOMEM;
		goto done;
	}
	len = (size_t)(last - start);
	if (mem_read_string(tid, last, (char *)block + len, cap - len) ||
	    mem_read(tid, start, block, (size_t)(last - start)))
		goto done;
	len += strlen((char *)block + len);
	len++; /* the block's length, the last NUL included */
	block[len] = '\0';
	/* the strings must lie back to back, as the kernel put them */
	for (size_t i = 0, at = 0; i < argc; i++) {
		if (read_word(vec + i * ws, ws) != start + at || at >= len)
			goto done;
		off[i] = at;
		at += strlen((char *)block + at) + 1;
		if (i == argc - 1 && at != len)
			goto done;
	}
	if (strcmp((char *)block + off[1], "--argv0") != 0)
		goto done;
	out = calloc(1, len);
	if (!out) {
		err = -ENOMEM;
		goto done;
	}
	/* NAME, then ARGS (argv[4..]) */
	size_t o = 0;
	size_t name_len = strlen((char *)block + off[2]) + 1;
	memcpy(out, block + off[2], name_len);
	o = name_len;
	size_t args_off = argc > 4 ? off[4] : len;
	size_t args_len = len - args_off;
	memcpy(out + o, block + args_off, args_len);
	o += args_len;
	pl->cmd_len = o;
	/* then argv[0], "--argv0", PROGRAM; the rest of the block stays zero */
	ptrs[2] = start;
	for (int i = 0; i < 4; i++) {
		if (i == 2)
			continue;
		size_t l = strlen((char *)block + off[i]) + 1;
		memcpy(out + o, block + off[i], l);
		ptrs[i] = start + o;
		o += l;
	}
	for (size_t i = 4; i < argc; i++)
		ptrs[i] = start + name_len + (off[i] - args_off);
	pl->start = start;
	pl->block = out;
	out = NULL;
	pl->len = len;
	pl->argc = argc;
	pl->ptrs = ptrs;
	ptrs = NULL;
	pl->prog_at = pl->ptrs[3];
	err = 0;
done:
	free(ptrs);
	free(out);
	free(off);
	free(block);
	free(vec);
	return err;
}

struct aux_set {
	uint64_t type, value;
};

/* The entries of set replaced in an auxiliary vector of words of width ws
 * (len bytes); the old AT_EXECFN value in *old_execfn. */
static void set_aux(unsigned char *auxv, size_t len, unsigned ws, const struct aux_set *set, size_t nset,
		    uint64_t *old_execfn)
{
	for (size_t i = 0; i + 2 * ws <= len; i += 2 * ws) {
		uint64_t type = read_word(auxv + i, ws);
		if (type == AT_NULL)
			break;
		if (type == AT_EXECFN && old_execfn)
			*old_execfn = read_word(auxv + i + ws, ws);
		for (size_t k = 0; k < nset; k++)
			if (set[k].type == type)
				put_word(auxv + i + ws, ws, set[k].value);
	}
}

static uint64_t get_aux(const unsigned char *auxv, size_t len, unsigned ws, uint64_t type)
{
	for (size_t i = 0; i + 2 * ws <= len; i += 2 * ws) {
		uint64_t ty = read_word(auxv + i, ws);
		if (ty == AT_NULL)
			break;
		if (ty == type)
			return read_word(auxv + i + ws, ws);
	}
	return 0;
}

/* Rewrites the vector on the stack at sp: argc and argv from ptrs (n
 * words, at most the old argc), envp as it was, the auxiliary vector with
 * the entries of set replaced; envp and auxv move down by the words argv
 * lost (sp, and so its alignment, stays). */
static int write_vector(pid_t tid, unsigned ws, uint64_t sp, const uint64_t *ptrs, size_t n,
			const struct aux_set *set, size_t nset)
{
	uint64_t argc = 0, w = 0;
	if (mem_read(tid, sp, &argc, ws))
		return -EFAULT;
	if (n > argc)
		return -EINVAL;
	uint64_t p = sp + (argc + 2) * ws; /* envp */
	for (int i = 0;; i++, p += ws) {
		w = 0;
		if (i > 1 << 20 || mem_read(tid, p, &w, ws))
			return -EFAULT;
		if (w == 0)
			break;
	}
	uint64_t aux = p + ws, q = aux;
	for (int i = 0;; i++, q += 2 * ws) {
		w = 0;
		if (i > 1024 || mem_read(tid, q, &w, ws))
			return -EFAULT;
		if (w == AT_NULL)
			break;
	}
	size_t old_len = (size_t)(q + 2 * ws - sp), drop = (size_t)(argc - n) * ws;
	unsigned char *buf = malloc(old_len), *out = calloc(1, old_len);
	int err = -ENOMEM;
	if (buf && out && !(err = mem_read(tid, sp, buf, old_len))) {
		put_word(out, ws, n);
		for (size_t i = 0; i < n; i++)
			put_word(out + (i + 1) * ws, ws, ptrs[i]);
		size_t from = (size_t)(argc + 1) * ws; /* argv's NULL, envp, auxv */
		memcpy(out + from - drop, buf + from, old_len - from);
		size_t aux_off = (size_t)(aux - sp) - drop;
		set_aux(out + aux_off, old_len - drop - aux_off, ws, set, nset, NULL);
		err = mem_write(tid, sp, out, old_len);
	}
	free(buf);
	free(out);
	return err;
}

/* The same entry in the auxv on the stack, after envp's NULL. */
static void set_stack_execfn(pid_t tid, unsigned ws, uint64_t sp, uint64_t at)
{
	uint64_t argc = 0, p = sp + ws, w = 0;
	if (mem_read(tid, sp, &argc, ws))
		return;
	p += (argc + 1) * ws;
	for (int n = 0; n < 1 << 16; n++, p += ws) {
		w = 0;
		if (mem_read(tid, p, &w, ws))
			return;
		if (w == 0)
			break;
	}
	p += ws;
	for (int n = 0; n < 256; n++, p += 2 * ws) {
		uint64_t type = 0;
		if (mem_read(tid, p, &type, ws) || type == AT_NULL)
			return;
		if (type == AT_EXECFN) {
			mem_write(tid, p + ws, &at, ws);
			return;
		}
	}
}

/* The program mapped into the loader's image (exec_map.c), from a
 * descriptor the tracee opened beneath its root. 0 mapped, 1 nothing
 * done, -ESRCH, or another -errno: half made. */
static int map_program(struct injection *inj, long (*open_program)(struct injection *, const char *),
		       const char *guest, const unsigned char *auxv, size_t auxv_len, uint64_t hint,
		       struct exec_map *em, uint64_t *loader_base)
{
	unsigned ws = inj->abi->word_size;
	if (exec_map_loader_base(inj->t->tid, ws, get_aux(auxv, auxv_len, ws, AT_PHDR),
				 get_aux(auxv, auxv_len, ws, AT_PHNUM), loader_base))
		return 1;
	int err = scratch_map_in(inj);
	if (err)
		return err == -ESRCH ? err : 1;
	long fd = open_program(inj, guest);
	if (fd < 0)
		return fd == -ESRCH ? -ESRCH : 1;
	err = exec_map_program(inj, fd, hint, em);
	if (err != -ESRCH) {
		long ignored;
		uint64_t c[6] = {(uint64_t)fd, 0, 0, 0, 0, 0};
		int cerr = inject_call(inj, abi_nr(inj->abi, SC_close), c, &ignored);
		if (cerr == -ESRCH)
			return cerr;
	}
	return err;
}

/* A program executed from a descriptor: only its name, which the kernel
 * took from the descriptor's number before Linux 6.x used the dentry's. */
static int set_name(struct tracee *t, const char *comm, uint64_t sp)
{
	pid_t tid = t->tid;
	uint64_t area = (sp - 4096) & ~(uint64_t)15;
	char name[16] = {0};
	strncpy(name, comm, sizeof(name) - 1);
	if (mem_write(tid, area, name, sizeof(name)))
		return -EFAULT;
	struct injection inj;
	int err = inject_begin_after_exec(&inj, t);
	if (err)
		return err;
	uint8_t insn[4], saved[4];
	unsigned ilen = abi_syscall_insn(inj.abi, insn);
	uint64_t at = abi_regs_pc(&inj.saved) - ilen;
	if (mem_read(tid, at, saved, ilen) || mem_force_write(tid, at, insn, ilen)) {
		inject_finish(&inj);
		return -EFAULT;
	}
	long res = 0;
	uint64_t a[6] = {PR_SET_NAME, area, 0, 0, 0, 0};
	err = inject_call(&inj, abi_nr(inj.abi, SC_prctl), a, &res);
	if (err == -ESRCH)
		return err;
	mem_force_write(tid, at, saved, ilen);
	memset(name, 0, sizeof(name));
	mem_write(tid, area, name, sizeof(name));
	int end = inject_finish(&inj);
	return err ? err : end;
}

int exec_image_fixup(struct tracee *t, const char *comm, bool loader,
		     long (*open_program)(struct injection *, const char *))
{
	pid_t tid = t->tid;
	struct abi_regs r;
	int err = abi_regs_get(tid, &r);
	if (err)
		return err;
	const struct abi *abi = abi_regs_abi(&r);
	if (!abi)
		return -ENOEXEC;
	unsigned ws = abi->word_size;
	uint64_t sp = abi_regs_sp(&r);
	if (!loader)
		return set_name(t, comm, sp);
	struct arg_plan pl;
	if ((err = plan_arguments(tid, ws, sp, &pl)))
		return err;

	struct mm_map m, orig;
	memset(&m, 0, sizeof(m));
	unsigned char auxv[AUXV_MAX];
	size_t auxv_len = 0;
	uint64_t old_execfn = 0;
	bool have_map = read_layout(tid, &m) == 0 && m.arg_start == pl.start &&
			read_auxv(tid, auxv, sizeof(auxv), &auxv_len) == 0;
	orig = m;
	/* the data for the calls, below the stack pointer (the new image has
	 * not used that memory; its stack grows over it later) */
	uint64_t area = (sp - 4096) & ~(uint64_t)15;
	uint64_t name_at = area, map_at = area + 64, auxv_at = area + 256;
	char name[16] = {0};
	strncpy(name, comm, sizeof(name) - 1);

	struct injection inj;
	if ((err = inject_begin_after_exec(&inj, t))) {
		free(pl.block);
		free(pl.ptrs);
		return err;
	}
	/* a syscall instruction just before the entry point, for the calls */
	uint8_t insn[4], saved[4];
	unsigned ilen = abi_syscall_insn(inj.abi, insn);
	uint64_t at = abi_regs_pc(&inj.saved) - ilen;
	if (mem_read(tid, at, saved, ilen) || mem_force_write(tid, at, insn, ilen)) {
		free(pl.block);
		free(pl.ptrs);
		inject_finish(&inj);
		return -EFAULT;
	}
	/* the program mapped as the kernel maps one with an interpreter: the
	 * loader then runs as that interpreter, the program's own argv */
	struct exec_map em;
	uint64_t loader_base = 0;
	int mapped = 1;
	if (have_map && open_program && t->exe && inj.abi == abi)
		mapped = map_program(&inj, open_program, t->exe, auxv, auxv_len, m.start_brk, &em, &loader_base);
	struct aux_set set[] = {{AT_PHDR, 0}, {AT_PHENT, 0}, {AT_PHNUM, 0}, {AT_ENTRY, 0}, {AT_BASE, 0},
				{AT_EXECFN, pl.prog_at}};
	size_t nset = 0;
	if (mapped == 0) {
		set[0].value = em.phdr;
		set[1].value = em.phent;
		set[2].value = em.phnum;
		set[3].value = em.entry;
		set[4].value = loader_base;
		nset = 6;
		/* argv: NAME ARGS..., the loader's words dropped */
		pl.ptrs[3] = pl.ptrs[2];
		err = mem_write(tid, pl.start, pl.block, pl.len);
		if (!err)
			err = write_vector(tid, ws, sp, pl.ptrs + 3, pl.argc - 3, set, nset);
		if (err)
			mapped = err;
	} else if (mapped == 1) {
		err = mem_write(tid, pl.start, pl.block, pl.len);
		if (!err)
			err = write_vector(tid, ws, sp, pl.ptrs, pl.argc, NULL, 0);
	}
	free(pl.block);
	free(pl.ptrs);
	if (mapped < 0) {
		/* half made: dies as after a failed exec past its point of no
		 * return (docs/exec-identity.md) */
		if (mapped != -ESRCH) {
			inject_finish(&inj);
			kill(t->tgid, SIGKILL);
		}
		return -ESRCH;
	}
	if (!err && have_map) {
		set_aux(auxv, auxv_len, ws, mapped == 0 ? set : set + 5, mapped == 0 ? nset : 1, &old_execfn);
		m.arg_end = pl.start + pl.cmd_len;
		m.auxv = auxv_at;
		m.auxv_size = (uint32_t)auxv_len;
		m.exe_fd = (uint32_t)-1;
		orig = m;
		if (mapped == 0 && em.start_code < em.end_code) {
			m.start_code = em.start_code;
			m.end_code = em.end_code;
			m.start_data = em.start_data;
			m.end_data = em.end_data;
			m.start_brk = m.brk = em.brk;
		}
	}
	if (!err && (mem_write(tid, name_at, name, sizeof(name)) ||
		     (have_map && (mem_write(tid, map_at, &m, sizeof(m)) || mem_write(tid, auxv_at, auxv, auxv_len)))))
		err = -EFAULT;

	long res = 0;
	if (!err) {
		uint64_t a[6] = {PR_SET_NAME, name_at, 0, 0, 0, 0};
		err = inject_call(&inj, abi_nr(inj.abi, SC_prctl), a, &res);
	}
	if (!err && have_map) {
		uint64_t b[6] = {PR_SET_MM, PR_SET_MM_MAP, map_at, sizeof(m), 0, 0};
		err = inject_call(&inj, abi_nr(inj.abi, SC_prctl), b, &res);
		if (!err && res != 0 && memcmp(&m, &orig, sizeof(m)) != 0) {
			/* the kernel refused the program's layout: the rest still */
			if (!(err = mem_write(tid, map_at, &orig, sizeof(orig))))
				err = inject_call(&inj, abi_nr(inj.abi, SC_prctl), b, &res);
		}
		if (!err && res == 0) {
			/* the stack's copy too; and the host path is no longer named */
			if (mapped != 0)
				set_stack_execfn(tid, ws, sp, pl.prog_at);
			static char host[PATH_MAX], zero[PATH_MAX];
			if (old_execfn && mem_read_string(tid, old_execfn, host, sizeof(host)) == 0)
				mem_write(tid, old_execfn, zero, strlen(host));
		}
	}
	if (err == -ESRCH)
		return err;
	mem_force_write(tid, at, saved, ilen);
	char zero[1024] = {0};
	mem_write(tid, area, zero, sizeof(zero));
	int end = inject_finish(&inj);
	return err ? err : end;
}
