#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Compares a module's case results natively and in the jail.
    compare.py NATIVE JAILED DIFFERENCES WHO
DIFFERENCES lists intended differences, one per line:
    <case id> <native status> <jailed status> <root|user|any>  # FreeBSD's reason
A case id with a "*" is a pattern (fnmatch) for a family of cases that
differ for one reason (e.g. every IPv6 test class of test_socket).
Prints every other difference and exits 1 if there is one."""
import fnmatch
import sys


def load(path):
    with open(path) as f:
        return dict(line.rsplit(None, 1) for line in f if line.strip())


def intended(path, who):
    allowed = set()
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            # the case id may hold blanks (setUpClass (test.x.Class))
            if len(line) >= 4 and line[-1] in (who, "any"):
                allowed.add((" ".join(line[:-3]), line[-3], line[-2]))
    return allowed


def is_intended(allowed, case, native, jailed):
    if (case, native, jailed) in allowed:
        return True
    return any("*" in c and (x, y) == (native, jailed) and fnmatch.fnmatchcase(case, c)
               for c, x, y in allowed)


def main():
    native, jailed = load(sys.argv[1]), load(sys.argv[2])
    allowed = intended(sys.argv[3], sys.argv[4])
    bad = 0
    for case in sorted(set(native) | set(jailed)):
        a, b = native.get(case, "absent"), jailed.get(case, "absent")
        if a != b and not is_intended(allowed, case, a, b):
            print("differs: %s native=%s jailed=%s" % (case, a, b))
            bad += 1
    print("%d cases, %d differ (%d intended differences known)" % (len(native), bad, len(allowed)))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
