#!/usr/bin/env python3
"""Run the runtime oracle binary built from a lit case file.

    run-oracle.py --bin-dir DIR --lit-root LIT_ROOT SOURCE.cpp [case...]

Maps SOURCE.cpp to its binary with the scheme test/runtime/CMakeLists.txt
uses (path relative to LIT_ROOT, minus ".cpp", "/" -> ".", characters outside
[A-Za-z0-9_.-] -> "_", prefixed with "oracle."), runs it with the given case
names, and copies its stdout.  Exits non-zero with a message on stderr if the
binary is missing or older than the source (unless --allow-stale), or if it
dies from a signal; otherwise exits with the binary's own status (0 unless
an unknown case name was given).
"""

import argparse
import os
import re
import subprocess
import sys


def oracle_name(source, lit_root):
    rel = os.path.relpath(os.path.realpath(source), os.path.realpath(lit_root))
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        raise ValueError("%s is not under the lit root %s" % (source, lit_root))
    rel = re.sub(r"\.cpp$", "", rel.replace(os.sep, "/"))
    rel = rel.replace("/", ".")
    rel = re.sub(r"[^A-Za-z0-9_.-]", "_", rel)
    return "oracle." + rel


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin-dir", required=True,
                        help="directory holding the oracle.* binaries")
    parser.add_argument("--lit-root", required=True,
                        help="test/lit directory the names are relative to")
    parser.add_argument("--allow-stale", action="store_true",
                        help="run even if the binary is older than the source")
    parser.add_argument("source", help="the lit case file (.cpp)")
    parser.add_argument("cases", nargs="*", help="only run these cases")
    args = parser.parse_args()

    try:
        name = oracle_name(args.source, args.lit_root)
    except ValueError as err:
        sys.stderr.write("run-oracle: error: %s\n" % err)
        return 2
    binary = os.path.join(args.bin_dir, name)

    if not os.path.isfile(binary):
        sys.stderr.write(
            "run-oracle: error: no oracle binary %s for %s\n"
            "run-oracle: build it with the CMake target `%s` (or `oracles`); "
            "the source must contain a line starting with TS_ORACLE_MAIN(\n"
            % (binary, args.source, name))
        return 2
    if (not args.allow_stale
            and os.path.getmtime(args.source) > os.path.getmtime(binary)):
        sys.stderr.write(
            "run-oracle: error: %s is older than %s; rebuild the CMake target "
            "`%s` (or `oracles`)\n" % (binary, args.source, name))
        return 2

    sys.stdout.flush()
    proc = subprocess.run([binary] + args.cases, stdout=subprocess.PIPE)
    out = proc.stdout.decode("utf-8", "replace")
    sys.stdout.write(out)
    sys.stdout.flush()
    if proc.returncode < 0:
        sys.stderr.write("run-oracle: error: %s died from signal %d\n"
                         % (binary, -proc.returncode))
        return 1
    if proc.returncode != 0:
        sys.stderr.write("run-oracle: %s exited with status %d\n"
                         % (binary, proc.returncode))
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
