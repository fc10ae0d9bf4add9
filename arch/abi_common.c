/* SPDX-License-Identifier: BSD-2-Clause */
#include "abi.h"

#include <errno.h>
#include <stddef.h>
#include <unistd.h>

const struct abi *abi_from_audit(uint32_t audit_arch)
{
	for (size_t i = 0; abi_supported[i]; i++)
		if (abi_supported[i]->audit_arch == audit_arch)
			return abi_supported[i];
	return NULL;
}

int abi_nr(const struct abi *abi, enum sc_id id)
{
	if ((int)id <= 0 || id >= SC_COUNT)
		return -1;
	return sc_info[id].nr[abi->table];
}

enum sc_id abi_id(const struct abi *abi, long nr)
{
	return sc_from_nr(abi->table, nr);
}

bool abi_kernel_has_mseal(void)
{
	static int known = -1; /* the answer, once asked (any thread: the same) */
	int has = __atomic_load_n(&known, __ATOMIC_RELAXED);
	if (has < 0) {
		int nr = abi_nr(abi_supported[0], SC_mseal);
		has = nr >= 0 && syscall(nr, 0L, 0L, 0L) == 0;
		__atomic_store_n(&known, has, __ATOMIC_RELAXED);
	}
	return has;
}
