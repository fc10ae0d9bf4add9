#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Ctrl-C, Ctrl-Z and fg on a terminal reach the jailed command.

Drives an interactive bash on a pseudo-terminal, as a user would:
  ^C on `jail / h "" sleep 600`   -> the command dies, jail exits 130
  ^Z on a jailed command          -> bash reports it stopped, it makes no
                                     progress while stopped
  fg                              -> it resumes, finishes, exit status 0
Usage: tty_job_control.py JAIL
"""
import os
import pty
import select
import sys
import time

JAIL = sys.argv[1]
TIMEOUT = 20


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


class Terminal:
    def __init__(self):
        pid, fd = pty.fork()
        if pid == 0:
            env = dict(os.environ, PS1="PROMPT> ", TERM="dumb", HISTFILE="/dev/null")
            os.execvpe("bash", ["bash", "--norc", "--noprofile", "-i"], env)
        self.pid, self.fd, self.seen = pid, fd, b""

    def send(self, text):
        os.write(self.fd, text.encode())

    def expect(self, needle, timeout=TIMEOUT):
        """Waits until NEEDLE appears in new output; returns the output before it."""
        deadline = time.time() + timeout
        while needle.encode() not in self.seen:
            left = deadline - time.time()
            if left <= 0:
                fail(f"timed out waiting for {needle!r}; terminal shows {self.seen[-400:]!r}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    self.seen += os.read(self.fd, 4096)
                except OSError:
                    fail(f"terminal closed while waiting for {needle!r}")
        before, _, self.seen = self.seen.partition(needle.encode())
        return before.decode(errors="replace")

    def close(self):
        try:
            os.kill(self.pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)


t = Terminal()
try:
    t.expect("PROMPT> ")
    # Ctrl-C
    t.send(f"'{JAIL}' / h '' sh -c 'echo run''ning; exec sleep 600'\n")
    t.expect("running")
    time.sleep(0.3)
    t.send("\x03")
    t.expect("PROMPT> ")
    t.send("echo st''atus=$?\n")
    t.expect("status=")
    status = t.expect("\n").strip()
    if status != "130":
        fail(f"after ^C jail exited {status}, want 130")
    print("PASS: ^C kills the jailed command and jail exits 130")

    # Ctrl-Z, no progress while stopped, fg
    t.expect("PROMPT> ")
    t.send(f"'{JAIL}' / h '' sh -c 'echo sta''rted; sleep 3; echo fin''ished; exit 0'\n")
    t.expect("started")
    # let sh's vfork child reach exec first: a vfork child stopped before it
    # execs leaves its parent unstoppable, natively too (a wider window here)
    time.sleep(0.3)
    t.send("\x1a")
    t.expect("Stopped")
    t.expect("PROMPT> ")
    # longer than the command's sleep: a loaded machine (an ASan build
    # beside other jobs) took more than 0.7 s to deliver the ^Z before
    time.sleep(4)
    t.send("echo check''point\n")
    shown = t.expect("checkpoint\r\n")
    if "finished" in shown:
        fail("the jailed command went on running after ^Z")
    print("PASS: ^Z stops the jailed command (bash reports Stopped, no progress)")
    t.expect("PROMPT> ")
    t.send("fg\n")
    t.expect("finished")
    t.expect("PROMPT> ")
    t.send("echo st''atus=$?\n")
    t.expect("status=")
    status = t.expect("\n").strip()
    if status != "0":
        fail(f"after fg jail exited {status}, want 0")
    print("PASS: fg resumes the jailed command and its exit status comes back")
    # no stray jailed process is left
    t.expect("PROMPT> ")
    t.send("exit\n")
finally:
    t.close()
