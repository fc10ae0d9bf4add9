/* SPDX-License-Identifier: BSD-2-Clause */
#include "abi.h"

#include <stddef.h>

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
