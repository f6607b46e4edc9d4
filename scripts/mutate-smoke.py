#!/usr/bin/env python3
"""Mutation smoke test: the CLI on a few hundred broken variants of the lit
cases must never crash, hang or trip a sanitizer.

    scripts/mutate-smoke.py [--cli PATH] [--count N] [--seconds S] [--seed K]

Each mutant is a lit case file (test/lit/*/*.cpp) or example with one random
edit below its leading #include lines (so that the cached precompiled header
serves it): a line deleted, duplicated or swapped, an integer literal
replaced (0, -1, huge, random), an identifier replaced by another of the
file, a span of characters deleted, garbage inserted, or the file cut short.
Mutants are analysed in batches, one CLI process per batch (-j 2), with a time
bound; a batch that fails is re-run one file at a time to name the mutant.

Failures: an exit status other than 0, 1 or 2; a crash the CLI contained
("crashed" in its output, which it reports with exit 2); a sanitizer report;
a file over its time bound.  Failing mutants are kept in build-mutants/
(never commit them).  The last line is a summary; exit status 1 on failure.
"""
import argparse
import glob
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLAGS = ["-std=c++17", "-I/usr/include/torch/csrc/api/include",
         "-I" + os.path.join(ROOT, "test", "runtime"), "-I/usr/include/opencv4"]
SANITIZER = re.compile(r"ERROR: (Address|Leak|UndefinedBehavior)Sanitizer|runtime error:")
INT = re.compile(r"(?<![\w.])\d+(?![\w.])")
IDENT = re.compile(r"\b[A-Za-z_]\w*\b")


def body_start(lines):
    """Index of the first line after the leading #include block."""
    last = 0
    for i, line in enumerate(lines):
        s = line.strip()
        if s.startswith("#include"):
            last = i + 1
        elif s and not s.startswith("//") and not s.startswith("#"):
            break
    return last


def mutate(text, rng):
    lines = text.splitlines(keepends=True)
    start = body_start(lines)
    if start >= len(lines):
        return None, None
    head, body = lines[:start], lines[start:]
    kind = rng.choice(["delete-line", "duplicate-line", "swap-lines", "int", "ident",
                       "delete-span", "garbage", "truncate"])
    i = rng.randrange(len(body))
    if kind == "delete-line":
        del body[i]
    elif kind == "duplicate-line":
        body.insert(i, body[i])
    elif kind == "swap-lines":
        j = rng.randrange(len(body))
        body[i], body[j] = body[j], body[i]
    elif kind in ("int", "ident"):
        rest = "".join(body)
        pattern = INT if kind == "int" else IDENT
        found = list(pattern.finditer(rest))
        if not found:
            return None, None
        m = rng.choice(found)
        if kind == "int":
            new = rng.choice(["0", "-1", "1", "4611686018427387904", "2147483648",
                              str(rng.randrange(2, 5000))])
        else:
            new = rng.choice(found).group(0)
        rest = rest[:m.start()] + new + rest[m.end():]
        body = [rest]
    elif kind == "delete-span":
        rest = "".join(body)
        a = rng.randrange(len(rest) or 1)
        rest = rest[:a] + rest[a + rng.randrange(1, 40):]
        body = [rest]
    elif kind == "garbage":
        rest = "".join(body)
        a = rng.randrange(len(rest) or 1)
        junk = "".join(rng.choice("(){}[];,.<>-+*/&|!~=:?'\"\\#x0 ") for _ in range(rng.randrange(1, 12)))
        body = [rest[:a] + junk + rest[a:]]
    elif kind == "truncate":
        rest = "".join(body)
        body = [rest[:rng.randrange(len(rest) or 1)]]
    return "".join(head + body), kind


def run(cli, files, cache, seconds):
    """Returns (ok, why) for one CLI process over files."""
    cmd = [cli, "-j", "2", "--cache-dir=" + cache, "--explain-gaps"] + files + ["--"] + FLAGS
    env = dict(os.environ)
    env.setdefault("ASAN_OPTIONS", "detect_container_overflow=0:use_sigaltstack=0")  # as lit.cfg.py
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=seconds, env=env)
    except subprocess.TimeoutExpired:
        return False, "hang (over %d s)" % seconds
    out = p.stdout.decode("utf-8", "replace")
    if p.returncode not in (0, 1, 2):
        return False, "exit status %d" % p.returncode
    if SANITIZER.search(out):
        return False, "sanitizer report: " + SANITIZER.search(out).group(0)
    if re.search(r"^torchshape: error: .*crashed", out, re.M):
        return False, "contained crash"
    return True, ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "tools", "torchshape", "torchshape"))
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seconds", type=float, default=300, help="stop starting batches after this")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=25)
    args = ap.parse_args()

    sources = sorted(glob.glob(os.path.join(ROOT, "test", "lit", "*", "*.cpp")) +
                     glob.glob(os.path.join(ROOT, "examples", "*.cpp")))
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="torchshape-mutants.")
    cache = os.path.join(ROOT, "build-mutants", "cache")
    keep = os.path.join(ROOT, "build-mutants", "failures")
    os.makedirs(cache, exist_ok=True)
    kinds = {}
    mutants = []
    while len(mutants) < args.count:
        src = rng.choice(sources)
        text, kind = mutate(open(src, encoding="utf-8").read(), rng)
        if text is None:
            continue
        path = os.path.join(work, "m%04d_%s" % (len(mutants), os.path.basename(src)))
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        mutants.append((path, src, kind))
        kinds[kind] = kinds.get(kind, 0) + 1

    start = time.monotonic()
    ran, failures = 0, []
    for b in range(0, len(mutants), args.batch):
        if time.monotonic() - start > args.seconds:
            break
        batch = mutants[b:b + args.batch]
        ok, why = run(args.cli, [m[0] for m in batch], cache, 60 + 10 * len(batch))
        if not ok:
            before = len(failures)
            for path, src, kind in batch:
                one_ok, one_why = run(args.cli, [path], cache, 60)
                if not one_ok:
                    os.makedirs(keep, exist_ok=True)
                    shutil.copy(path, keep)
                    failures.append("%s (%s of %s): %s" % (os.path.basename(path), kind,
                                                           os.path.relpath(src, ROOT), one_why))
            if len(failures) == before:
                failures.append("batch %d: %s, but no single mutant reproduces it" % (b, why))
        ran += len(batch)
    elapsed = time.monotonic() - start
    shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print("FAIL: " + f)
    crashes = sum("hang" not in f for f in failures)
    hangs = len(failures) - crashes
    print("mutants: %d run (%s), %d crashes, %d hangs, %.0f s" % (
        ran, ", ".join("%s %d" % kv for kv in sorted(kinds.items())), crashes, hangs, elapsed))
    return 1 if failures or ran == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
