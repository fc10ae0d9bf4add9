/* SPDX-License-Identifier: BSD-2-Clause */
const char *greeting(void);
int count_words(const char *s);
