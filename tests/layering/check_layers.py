#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""The layers of docs/layout.md, checked.

Usage: check_layers.py SOURCE_DIR [BUILD_DIR]

1. Includes: a file includes only files of its own folder or of a folder
   below it (LAYERS order).
2. Calls (with BUILD_DIR, by nm): every symbol a layer's static library
   needs is defined in that library or in one below it, never above it;
   no two source files call each other, directly or round a cycle (the
   object files of the libraries and of the programs); jls, jkill and
   jexec carry code of manage/'s client library, policy/ and arch/ only
   (jexec: and of the libraries a process confines itself with).

Prints each violation and exits 1 if there is one."""
import os
import re
import subprocess
import sys

# lowest first
LAYERS = ["arch", "policy", "engine", "fs", "handlers", "confine", "report", "manage", "tools"]
PROGRAMS = ["jail", "jls", "jexec", "jkill"]
# library (CMakeLists.txt) -> its layer
LIBRARIES = {"jail_arch": "arch", "jail_policy": "policy", "jail_engine": "engine",
             "jail_fs_root": "fs", "jail_fs": "fs", "jail_handlers": "handlers",
             "jail_confine_self": "confine", "jail_confine": "confine", "jail_report": "report",
             "jail_manage_client": "manage", "jail_manage": "manage"}
# Programs that only talk to supervisors may carry code of these libraries
# only: none of the tracing engine, the handlers or anything above them.
CLIENT_LIBRARIES = ("jail_manage_client", "jail_policy", "jail_arch")
CLIENT_PROGRAMS = {
    "jls": CLIENT_LIBRARIES,
    "jkill": CLIENT_LIBRARIES,
    # and it confines itself: the root's opening, Landlock, the filters the
    # supervisor sends (filter_load.c), the privilege steps
    "jexec": CLIENT_LIBRARIES + ("jail_confine_self", "jail_fs_root"),
}
# Calls between files that close a cycle on purpose, with why:
ALLOWED_CALLS = {
    # i386 socketcall(2) multiplexes the socket calls: its handler runs the
    # table's handler of the call it carries (the table lists it in turn)
    ("supervisor/handlers/handle_net.c", "supervisor/handlers/handler_table.c"),
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def folder_of(rel):
    parts = rel.split("/")
    if parts[0] == "supervisor" and len(parts) > 2:
        return parts[1]
    return parts[0] if parts[0] in LAYERS else None


def sources(src):
    for top in ("arch", "policy", "supervisor"):
        for dirpath, _, files in os.walk(os.path.join(src, top)):
            for f in files:
                if f.endswith((".c", ".h")):
                    path = os.path.join(dirpath, f)
                    yield os.path.relpath(path, src)


def find_cycle(graph):
    """One cycle of graph (dict node -> set of nodes) as a list, or None."""
    WHITE, GREY, BLACK = 0, 1, 2
    color = {n: WHITE for n in graph}
    stack = []

    def visit(n):
        color[n] = GREY
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if color.get(m, WHITE) == GREY:
                return stack[stack.index(m):] + [m]
            if color.get(m, WHITE) == WHITE:
                c = visit(m)
                if c:
                    return c
        stack.pop()
        color[n] = BLACK
        return None

    for n in sorted(graph):
        if color[n] == WHITE:
            c = visit(n)
            if c:
                return c
    return None


def check_includes(src):
    errors = []
    for rel in sources(src):
        here = folder_of(rel)
        with open(os.path.join(src, rel), encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                target = os.path.normpath(os.path.join(os.path.dirname(rel), m.group(1)))
                there = folder_of(target)
                if here is None or there is None:
                    continue
                if LAYERS.index(there) > LAYERS.index(here):
                    errors.append(f"{rel}:{lineno}: {here}/ includes {target} of {there}/, a layer above it")
    return errors


def nm(*args):
    out = subprocess.run(["nm", *args], check=True, capture_output=True, text=True).stdout
    return out.splitlines()


def check_calls(build):
    errors = []
    defined = {}  # symbol -> layer
    defined_in = {}  # symbol -> library
    needs = {}  # library -> set of symbols
    for lib_name, layer in LIBRARIES.items():
        lib = os.path.join(build, f"lib{lib_name}.a")
        if not os.path.exists(lib):
            errors.append(f"no {lib}")
            continue
        needs[lib_name] = set()
        for line in nm(lib, "--defined-only"):
            f = line.split()
            if len(f) == 3 and f[1].isupper():
                defined[f[2]] = layer
                defined_in[f[2]] = lib_name
        for line in nm(lib, "--undefined-only"):
            f = line.split()
            if len(f) == 2:
                needs[lib_name].add(f[1])
    for lib_name, syms in needs.items():
        layer = LIBRARIES[lib_name]
        for s in sorted(syms):
            there = defined.get(s)
            if there and LAYERS.index(there) > LAYERS.index(layer):
                errors.append(f"lib{lib_name}.a calls {s} of {there}/, a layer above it")
    # the tools that only talk to supervisors carry none of their code
    for prog, allowed in CLIENT_PROGRAMS.items():
        path = os.path.join(build, "bin", prog)
        if not os.path.exists(path):
            errors.append(f"no {path}")
            continue
        for line in nm(path, "--defined-only"):
            f = line.split()
            if len(f) == 3 and defined_in.get(f[2]) not in (None,) + allowed:
                errors.append(f"{prog} links {f[2]} of lib{defined_in[f[2]]}.a")
    return errors + check_file_calls(build)


def object_name(path):
    """supervisor/engine/tracee.c.o -> supervisor/engine/tracee.c"""
    rel = path.split(".dir/", 1)[1]
    return rel[:-2] if rel.endswith(".o") else rel


def check_file_calls(build):
    objs = []
    cmake_files = os.path.join(build, "CMakeFiles")
    dirs = [f"{lib}.dir" for lib in LIBRARIES] + [f"{p}.dir" for p in PROGRAMS]
    for d in dirs:
        if os.path.isdir(os.path.join(cmake_files, d)):
            for dirpath, _, files in os.walk(os.path.join(cmake_files, d)):
                objs += [os.path.join(dirpath, f) for f in files if f.endswith(".c.o")]
    owner = {}
    uses = {object_name(o): set() for o in objs}
    if not objs:
        return ["no object files under " + cmake_files]
    # one nm per kind for all objects: "FILE:VALUE TYPE NAME", "FILE: U NAME"
    for line in nm(*objs, "-A", "--defined-only"):
        path, _, rest = line.partition(".c.o:")
        f = rest.split()
        if len(f) == 3 and f[1].isupper():
            owner[f[2]] = object_name(path + ".c.o")
    for line in nm(*objs, "-A", "--undefined-only"):
        path, _, rest = line.partition(".c.o:")
        f = rest.split()
        if len(f) == 2:
            uses[object_name(path + ".c.o")].add(f[1])
    graph = {n: {owner[s] for s in syms if s in owner and owner[s] != n and (n, owner[s]) not in ALLOWED_CALLS}
             for n, syms in uses.items()}
    cycle = find_cycle(graph)
    if cycle:
        return ["call cycle between files: " + " -> ".join(cycle)]
    return []


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    errors = check_includes(sys.argv[1])
    if len(sys.argv) > 2:
        errors += check_calls(sys.argv[2])
    for e in errors:
        print(e)
    if not errors:
        print("layers: " + " < ".join(LAYERS) + ": no upward include or call, no call cycle between files")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
