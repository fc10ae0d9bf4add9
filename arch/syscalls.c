/* SPDX-License-Identifier: BSD-2-Clause */
#include "syscalls.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

const struct sc_info sc_info[SC_COUNT] = {
	[SC_NONE] = {"?", {-1, -1, -1}, 0},
#define SYSCALL(name, x86_64, i386, aarch64, flags) [SC_##name] = {#name, {x86_64, i386, aarch64}, flags},
#ifdef JAIL_SYSCALL_LIST
#include JAIL_SYSCALL_LIST /* a test's altered copy: tests/arch/README.md */
#else
#include "syscall_list.h"
#endif
#undef SYSCALL
};

/* Reverse maps, built once: native number -> id. Numbers stay below 1024. */
#define SC_MAX_NR 1024
static uint16_t nr_to_id[SCT_COUNT][SC_MAX_NR];
static pthread_once_t reverse_once = PTHREAD_ONCE_INIT;

static void build_reverse(void)
{
	for (int id = 1; id < SC_COUNT; id++)
		for (int t = 0; t < SCT_COUNT; t++) {
			int nr = sc_info[id].nr[t];
			if (nr >= 0 && nr < SC_MAX_NR)
				nr_to_id[t][nr] = (uint16_t)id;
		}
}

const char *sc_name(enum sc_id id)
{
	if ((int)id <= 0 || id >= SC_COUNT)
		return "?";
	return sc_info[id].name;
}

enum sc_id sc_lookup(const char *name)
{
	for (int id = 1; id < SC_COUNT; id++)
		if (strcmp(sc_info[id].name, name) == 0)
			return (enum sc_id)id;
	return SC_NONE;
}

enum sc_id sc_from_nr(enum sc_table t, long nr)
{
	pthread_once(&reverse_once, build_reverse);
	if ((int)t < 0 || t >= SCT_COUNT || nr < 0 || nr >= SC_MAX_NR)
		return SC_NONE;
	return (enum sc_id)nr_to_id[t][nr];
}
