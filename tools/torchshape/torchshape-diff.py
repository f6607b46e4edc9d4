#!/usr/bin/env python3
"""torchshape-diff: report only the findings on lines a diff adds or changes.

Reads a unified diff on stdin (as clang-tidy-diff.py does), runs torchshape
on the C++ files it touches with a --line-filter of the changed lines, and
exits with torchshape's status (0 when the diff touches no C++ file).

  git diff -U0 HEAD | torchshape-diff -- -p build
  git diff -U0 --cached | torchshape-diff -- -p build --format=sarif -o changes.sarif
  git diff -U0 | torchshape-diff -- -- -std=c++17 -I/usr/include/torch/csrc/api/include

Arguments after the first `--` go to torchshape before the file names;
after a second `--`, after them (compiler flags, when there is no database).
As in clang-tidy, a finding is kept when its line or the line of one of its
notes was changed.
"""
import argparse
import json
import os
import re
import subprocess
import sys


def changed_lines(diff, strip, file_regex):
    """{file: [[first, last], ...]} of the added or changed lines."""
    files = {}
    current = None
    for line in diff.splitlines():
        m = re.match(r"^\+\+\+\s+(\S+)", line)
        if m:
            name = m.group(1)
            if name == "/dev/null":
                current = None
                continue
            parts = name.split("/")
            current = "/".join(parts[strip:]) if strip else name
            if not re.search(file_regex, current):
                current = None
            continue
        m = re.match(r"^@@ -\S+ \+(\d+)(?:,(\d+))? @@", line)
        if m and current:
            first = int(m.group(1))
            count = int(m.group(2)) if m.group(2) is not None else 1
            if count > 0:
                files.setdefault(current, []).append([first, first + count - 1])
    return files


def main():
    argv = sys.argv[1:]
    passthrough = []
    if "--" in argv:
        i = argv.index("--")
        argv, passthrough = argv[:i], argv[i + 1:]
    before, after = passthrough, []
    if "--" in passthrough:
        i = passthrough.index("--")
        before, after = passthrough[:i], passthrough[i:]

    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        usage="git diff -U0 | %(prog)s [options] [-- torchshape args [-- compiler flags]]")
    parser.add_argument("-p", dest="strip", type=int, default=1, metavar="N",
                        help="strip N leading components from the diff's file names (default 1, "
                             "for git's a/ b/)")
    parser.add_argument("--regex", default=r"\.(cpp|cc|cxx|c\+\+|cu|h|hh|hpp|hxx)$",
                        help="which changed files to analyse (default: C++ sources and headers; "
                             "only sources are passed to torchshape)")
    parser.add_argument("--torchshape", default="torchshape", help="the torchshape command")
    args = parser.parse_args(argv)

    lines = changed_lines(sys.stdin.read(), args.strip, args.regex)
    sources = [f for f in lines if re.search(r"\.(cpp|cc|cxx|c\+\+|cu)$", f)]
    if not sources:
        print("torchshape-diff: no changed C++ source file", file=sys.stderr)
        return 0
    line_filter = [{"name": f, "lines": r} for f, r in sorted(lines.items())]
    cmd = ([args.torchshape, "--line-filter=" + json.dumps(line_filter, separators=(",", ":"))]
           + before + sorted(sources) + after)
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
