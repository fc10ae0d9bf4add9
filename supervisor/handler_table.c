#include "handlers.h"

#include <stddef.h>

const struct handler handlers[SC_COUNT] = {
	/* hostname (handle_uts.c) */
	[SC_uname] = {.enter = handle_uname},
	[SC_olduname] = {.enter = handle_uname},
	[SC_oldolduname] = {.enter = handle_uname},
	[SC_sethostname] = {.enter = handle_sethostname},
	[SC_setdomainname] = {.enter = handle_setdomainname},

	/* the scratch area where mseal is not available (handle_vm_guard.c) */
	[SC_munmap] = {.enter = handle_vm_guard, .unsealed_abis_only = true},
	[SC_mprotect] = {.enter = handle_vm_guard, .unsealed_abis_only = true},
	[SC_pkey_mprotect] = {.enter = handle_vm_guard, .unsealed_abis_only = true},
	[SC_mremap] = {.enter = handle_vm_guard, .unsealed_abis_only = true},
	[SC_madvise] = {.enter = handle_vm_guard, .unsealed_abis_only = true},
	[SC_mmap] = {.enter = handle_vm_guard, .unsealed_abis_only = true},
	[SC_mmap2] = {.enter = handle_vm_guard, .unsealed_abis_only = true},
	[SC_remap_file_pages] = {.enter = handle_vm_guard, .unsealed_abis_only = true},
	[SC_shmat] = {.enter = handle_vm_guard, .unsealed_abis_only = true},
	[SC_ipc] = {.enter = handle_vm_guard, .unsealed_abis_only = true},
};

bool handler_wanted(enum sc_id id, const struct jail *j, bool sealed)
{
	if ((int)id <= 0 || id >= SC_COUNT || !handlers[id].enter)
		return false;
	if (handlers[id].unsealed_abis_only && sealed)
		return false;
	return !handlers[id].wanted || handlers[id].wanted(j);
}
