#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Runs one CPython test module (Debian's libpython3.11-testsuite) and
writes one line per test case: "<id> <status>", status one of ok, fail,
error, skip, xfail, xpass. No regrtest resource is enabled: nothing goes to
the network (tests that need it skip), nothing needs a GUI or hours.
    cpython_case_results.py MODULE OUTFILE"""
import os
import sys
import unittest

import test.support

test.support.use_resources = []  # the "network" resource and the others: off


class Recorder(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.status = {}

    def _set(self, test, status):
        tid = test.id()
        # a failing subtest marks its test; the worst status wins
        order = ["ok", "skip", "xfail", "xpass", "fail", "error"]
        old = self.status.get(tid)
        if old is None or order.index(status) > order.index(old):
            self.status[tid] = status

    def addSuccess(self, test):
        self._set(test, "ok")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._set(test, "fail")

    def addError(self, test, err):
        super().addError(test, err)
        self._set(test, "error")

    def addSkip(self, test, reason):
        self._set(test, "skip")

    def addExpectedFailure(self, test, err):
        self._set(test, "xfail")

    def addUnexpectedSuccess(self, test):
        self._set(test, "xpass")

    def addSubTest(self, test, subtest, err):
        if err is not None:
            super().addSubTest(test, subtest, err)
            failed = issubclass(err[0], test.failureException)
            self._set(test, "fail" if failed else "error")


def without_vsock(suite, result):
    """The suite minus the AF_VSOCK cases (test_socket's *VSOCK* classes):
    vsock reaches the hypervisor, which is beyond this machine (on a
    Firecracker VM a native connect to the local CID hangs), so they are
    recorded as skipped on both sides and never run."""
    kept = unittest.TestSuite()
    for t in suite:
        if isinstance(t, unittest.TestSuite):
            kept.addTest(without_vsock(t, result))
        elif "VSOCK" in type(t).__name__:
            result._set(t, "skip")
        else:
            kept.addTest(t)
    return kept


def main():
    module, out = sys.argv[1], sys.argv[2]
    result = Recorder()
    try:
        suite = unittest.defaultTestLoader.loadTestsFromName("test." + module)
        without_vsock(suite, result).run(result)
    except BaseException as e:  # the module did not load or run at all
        result.status["%s.<module>" % module] = "error"
        print("%s: %r" % (module, e), file=sys.stderr)
    with open(out, "w") as f:
        for tid in sorted(result.status):
            f.write("%s %s\n" % (tid, result.status[tid]))
    # what failed, for the log
    for test, trace in result.failures + result.errors:
        print("--- %s\n%s" % (test.id(), trace.strip().splitlines()[-1]), file=sys.stderr)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
