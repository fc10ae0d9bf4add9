/* SPDX-License-Identifier: BSD-2-Clause */
#include "greet.h"

const char *greeting(void)
{
	return "hello from a jail";
}
