#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Ctrl-C, Ctrl-Z and fg on a terminal (an interactive bash on a pty).
. "$(dirname "$0")/lib.sh"
python3 "$(dirname "$0")/tty_job_control.py" "$JAIL"
