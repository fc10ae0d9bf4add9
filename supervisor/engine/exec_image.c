/* SPDX-License-Identifier: BSD-2-Clause */
/* The identity of a program the root's loader started (docs/exec-identity.md).
 *
 * The kernel lays out a new stack as
 *   sp -> argc, argv[0..argc-1], NULL, envp..., NULL, auxv...
 * and, higher up, the argument strings back to back from arg_start to
 * arg_end (what /proc/<pid>/cmdline shows), the environment strings, and
 * the file name execve was given (AT_EXECFN). The loader reads its options
 * from argv when it starts, so at the exec stop the strings can still be
 * moved: NAME ARGS... first, the loader's words after them; then the
 * process itself narrows arg_end with PR_SET_MM_MAP (which needs no
 * privilege, only CONFIG_CHECKPOINT_RESTORE) and sets its name. */
#include "exec_image.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "../../arch/abi.h"
#include "inject.h"
#include "memory.h"
#include "tracee.h"

#define MAX_BLOCK (64u << 20) /* argument strings larger than this are left alone */
#define AT_NULL_TYPE 0
#define AT_EXECFN_TYPE 31
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

/* Writes memory the tracee may not write itself (its code). */
static int poke_text(pid_t tid, uint64_t addr, const void *buf, size_t len)
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

/* The argument strings moved: cmd = NAME ARGS..., then the loader's words.
 * On success *cmd_end is the new arg_end and *prog_at the address of the
 * program's path (the loader's last word), for AT_EXECFN. */
static int move_arguments(pid_t tid, unsigned ws, uint64_t sp, uint64_t *arg_start, uint64_t *cmd_end,
			  uint64_t *prog_at)
{
	uint64_t argc = 0;
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
	if (!block || !off) {
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
	size_t cmd_len = o;
	/* then argv[0], "--argv0", PROGRAM; the rest of the block stays zero */
	uint64_t new_ptr[4];
	new_ptr[2] = start;
	for (int i = 0; i < 4; i++) {
		if (i == 2)
			continue;
		size_t l = strlen((char *)block + off[i]) + 1;
		memcpy(out + o, block + off[i], l);
		new_ptr[i] = start + o;
		o += l;
	}
	for (int i = 0; i < 4; i++)
		put_word(vec + (size_t)i * ws, ws, new_ptr[i]);
	for (size_t i = 4; i < argc; i++)
		put_word(vec + i * ws, ws, start + name_len + (off[i] - args_off));
	if (mem_write(tid, start, out, len) || mem_write(tid, sp + ws, vec, vlen)) {
		err = -EFAULT;
		goto done;
	}
	*arg_start = start;
	*cmd_end = start + cmd_len;
	*prog_at = new_ptr[3];
	err = 0;
done:
	free(out);
	free(off);
	free(block);
	free(vec);
	return err;
}

/* AT_EXECFN in the saved auxv (raw words of width ws) points at at; the
 * string it pointed to (the loader's host path) is returned in *old. */
static void set_execfn(unsigned char *auxv, size_t len, unsigned ws, uint64_t at, uint64_t *old)
{
	for (size_t i = 0; i + 2 * ws <= len; i += 2 * ws) {
		uint64_t type = read_word(auxv + i, ws);
		if (type == AT_NULL_TYPE)
			break;
		if (type == AT_EXECFN_TYPE) {
			*old = read_word(auxv + i + ws, ws);
			put_word(auxv + i + ws, ws, at);
		}
	}
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
		if (mem_read(tid, p, &type, ws) || type == AT_NULL_TYPE)
			return;
		if (type == AT_EXECFN_TYPE) {
			mem_write(tid, p + ws, &at, ws);
			return;
		}
	}
}

int exec_image_fixup(struct tracee *t, const char *comm)
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
	uint64_t arg_start = 0, cmd_end = 0, prog_at = 0;
	err = move_arguments(tid, ws, sp, &arg_start, &cmd_end, &prog_at);
	if (err)
		return err;

	struct mm_map m;
	memset(&m, 0, sizeof(m));
	unsigned char auxv[AUXV_MAX];
	size_t auxv_len = 0;
	uint64_t old_execfn = 0;
	bool have_map = read_layout(tid, &m) == 0 && m.arg_start == arg_start &&
			read_auxv(tid, auxv, sizeof(auxv), &auxv_len) == 0;
	/* the data for the calls, below the stack pointer (the new image has
	 * not used that memory; its stack grows over it later) */
	uint64_t area = (sp - 4096) & ~(uint64_t)15;
	uint64_t name_at = area, map_at = area + 64, auxv_at = area + 256;
	char name[16] = {0};
	strncpy(name, comm, sizeof(name) - 1);
	if (have_map) {
		set_execfn(auxv, auxv_len, ws, prog_at, &old_execfn);
		m.arg_end = cmd_end;
		m.auxv = auxv_at;
		m.auxv_size = (uint32_t)auxv_len;
		m.exe_fd = (uint32_t)-1;
	}
	if (mem_write(tid, name_at, name, sizeof(name)) ||
	    (have_map && (mem_write(tid, map_at, &m, sizeof(m)) || mem_write(tid, auxv_at, auxv, auxv_len))))
		return -EFAULT;

	struct injection inj;
	if ((err = inject_begin_after_exec(&inj, t)))
		return err;
	/* a syscall instruction just before the entry point, for the calls */
	uint8_t insn[4], saved[4];
	unsigned ilen = abi_syscall_insn(inj.abi, insn);
	uint64_t at = abi_regs_pc(&inj.saved) - ilen;
	if (mem_read(tid, at, saved, ilen) || poke_text(tid, at, insn, ilen)) {
		inject_finish(&inj);
		return -EFAULT;
	}
	long res = 0;
	uint64_t a[6] = {PR_SET_NAME, name_at, 0, 0, 0, 0};
	err = inject_call(&inj, abi_nr(inj.abi, SC_prctl), a, &res);
	if (!err && have_map) {
		uint64_t b[6] = {PR_SET_MM, PR_SET_MM_MAP, map_at, sizeof(m), 0, 0};
		err = inject_call(&inj, abi_nr(inj.abi, SC_prctl), b, &res);
		if (!err && res == 0) {
			/* the stack's copy too; and the host path is no longer named */
			set_stack_execfn(tid, ws, sp, prog_at);
			static char host[PATH_MAX], zero[PATH_MAX];
			if (old_execfn && mem_read_string(tid, old_execfn, host, sizeof(host)) == 0)
				mem_write(tid, old_execfn, zero, strlen(host));
		}
	}
	if (err == -ESRCH)
		return err;
	poke_text(tid, at, saved, ilen);
	char zero[1024] = {0};
	mem_write(tid, area, zero, sizeof(zero));
	int end = inject_finish(&inj);
	return err ? err : end;
}
