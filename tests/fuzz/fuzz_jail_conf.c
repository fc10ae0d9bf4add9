/* SPDX-License-Identifier: BSD-2-Clause */
/* jail.conf(5) text. Input: the file. `.include` is left out (it reads
 * other files; what it reads goes through the same parser). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../policy/jail_conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (!strstr(text, "include")) {
		struct jail_conf conf;
		memset(&conf, 0, sizeof(conf));
		char err[4096];
		if (jail_conf_parse("fuzz.conf", text, &conf, err, sizeof(err)) == 0) {
			const char *names[64];
			size_t n = jail_conf_names(&conf, names, 64);
			for (size_t i = 0; i < n && i < 64; i++)
				jail_conf_has(&conf, names[i]);
		}
		jail_conf_free(&conf);
	}
	free(text);
	return 0;
}
