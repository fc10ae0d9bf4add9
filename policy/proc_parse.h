/* SPDX-License-Identifier: BSD-2-Clause */
/* Parsers of the /proc files the supervisor reads about jailed processes.
 * Their text is partly the jail's (a command name in stat and status is
 * whatever the process set with prctl(PR_SET_NAME): ")", newlines,
 * digits), so each parser takes any bytes (tests/fuzz/fuzz_proc.c). */
#ifndef JAIL_POLICY_PROC_PARSE_H
#define JAIL_POLICY_PROC_PARSE_H

#include <stdbool.h>

/* One line of /proc/<pid>/status: if it is field's ("Uid:\t1000\t..."),
 * true and *value = its index-th number (-1 if there is none). */
bool proc_parse_status_line(const char *line, const char *field, int index, long *value);

/* /proc/<pid>/stat: the process group, session and controlling terminal
 * (tty_nr, the kernel's encoding of its device number; 0: none), after the
 * last ')', which ends the command name. 0, or -1 if malformed. */
int proc_parse_stat_ids(const char *stat, int *pgrp, int *sid, int *tty);

/* A "key:<blanks>number" line of a text (fdinfo's "Pid:", "tty-index:"):
 * true and *value if one of text's lines starts with key. */
bool proc_parse_keyed(const char *text, const char *key, long *value);

#endif
