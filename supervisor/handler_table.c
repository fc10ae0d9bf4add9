#include "handlers.h"

#include <stddef.h>

const struct handler handlers[SC_COUNT] = {
	/* hostname (handle_uts.c) */
	[SC_uname] = {.enter = handle_uname},
	[SC_olduname] = {.enter = handle_uname},
	[SC_oldolduname] = {.enter = handle_uname},
	[SC_sethostname] = {.enter = handle_sethostname},
	[SC_setdomainname] = {.enter = handle_setdomainname},
};

bool handler_wanted(enum sc_id id, const struct jail *j)
{
	if ((int)id <= 0 || id >= SC_COUNT || !handlers[id].enter)
		return false;
	return !handlers[id].wanted || handlers[id].wanted(j);
}
