/* SPDX-License-Identifier: BSD-2-Clause */
/* Arch-neutral system call ids, generated from syscall_list.h. */
#ifndef JAIL_ARCH_SYSCALLS_H
#define JAIL_ARCH_SYSCALLS_H

#define F_PATH 0x1u
#define F_NET 0x2u
#define F_PID 0x4u

enum sc_id {
	SC_NONE = 0,
#define SYSCALL(name, x86_64, i386, aarch64, flags) SC_##name,
#include "syscall_list.h"
#undef SYSCALL
	SC_COUNT
};

/* Which column of syscall_list.h a number comes from. */
enum sc_table { SCT_X86_64, SCT_I386, SCT_AARCH64, SCT_COUNT };

struct sc_info {
	const char *name;
	int nr[SCT_COUNT]; /* -1: absent from that ABI */
	unsigned flags;
};

extern const struct sc_info sc_info[SC_COUNT];

/* "openat" for SC_openat; "?" for SC_NONE or out-of-range ids. */
const char *sc_name(enum sc_id id);
/* SC_openat for "openat"; SC_NONE if unknown. */
enum sc_id sc_lookup(const char *name);
/* The id of native number nr in table t; SC_NONE if nr is not a known call. */
enum sc_id sc_from_nr(enum sc_table t, long nr);

#endif
