/* SPDX-License-Identifier: BSD-2-Clause */
#include "vis_escape.h"

#include <stdio.h>

char *vis_escape(char *out, size_t size, const char *in)
{
	size_t o = 0;
	for (const unsigned char *c = (const unsigned char *)in; *c; c++) {
		char enc[5];
		size_t n;
		if (*c == '\\')
			n = (size_t)snprintf(enc, sizeof(enc), "\\\\");
		else if (*c >= 0x20 && *c < 0x7f)
			n = (size_t)snprintf(enc, sizeof(enc), "%c", *c);
		else
			n = (size_t)snprintf(enc, sizeof(enc), "\\%03o", *c);
		if (o + n + 1 > size)
			break;
		for (size_t i = 0; i < n; i++)
			out[o++] = enc[i];
	}
	out[o] = '\0';
	return out;
}
