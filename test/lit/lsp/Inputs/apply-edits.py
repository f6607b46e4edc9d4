#!/usr/bin/env python3
"""Applies the WorkspaceEdit of code action INDEX of the answer to request ID
(in a server's output, as lsp-frame.py prints it) to FILE, as an editor does:
LSP positions are 0-based lines and UTF-16 columns.  Prints the result."""
import argparse
import json
import pathlib
import re
import sys


def messages(data):
    dec = json.JSONDecoder()
    for m in re.finditer(rb"Content-Length: (\d+)\r\n\r\n", data):
        start = m.end()
        yield json.loads(data[start:start + int(m.group(1))])


def offset(lines, pos):
    line = lines[pos["line"]]
    units = 0
    for i, ch in enumerate(line):
        if units >= pos["character"]:
            return sum(len(l) for l in lines[:pos["line"]]) + i
        units += 2 if ord(ch) > 0xFFFF else 1
    return sum(len(l) for l in lines[:pos["line"]]) + len(line)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("output")
    ap.add_argument("--id", type=int, required=True)
    ap.add_argument("--index", type=int, default=0)
    ap.add_argument("--file", required=True)
    args = ap.parse_args()
    answer = next(m for m in messages(pathlib.Path(args.output).read_bytes())
                  if m.get("id") == args.id and "result" in m)
    edit = answer["result"][args.index]["edit"]
    uri = pathlib.Path(args.file).resolve().as_uri()
    text = pathlib.Path(args.file).read_text()
    lines = text.splitlines(keepends=True)
    edits = edit["changes"][uri]
    # From the end, so that earlier offsets stay valid.
    for e in sorted(edits, key=lambda e: offset(lines, e["range"]["start"]), reverse=True):
        b, end = offset(lines, e["range"]["start"]), offset(lines, e["range"]["end"])
        text = text[:b] + e["newText"] + text[end:]
        lines = text.splitlines(keepends=True)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
