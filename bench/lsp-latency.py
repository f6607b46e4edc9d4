#!/usr/bin/env python3
"""Edit-to-diagnostic latency and memory of torchshape-lsp.

Opens a file (default: examples/seed.cpp) in the server, then makes EDITS
edits in a function body (alternately breaking and fixing the layer's size,
so the findings change), each sent as an editor sends it (full text, a new
version), and times each from the didChange to the publishDiagnostics of that
version.  Prints the open-to-diagnostics time, the median/min/max per edit
(the server's debounce included: --debounce, default 300 ms), and the
server's resident memory (VmHWM, VmRSS).  The precompiled-header cache is the
server's usual one, so the first run of all builds it.

usage: bench/lsp-latency.py [--server build/tools/torchshape-lsp/torchshape-lsp]
                            [--debounce MS] [--edits N] [FILE]
"""
import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import time


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", default=str(root / "build/tools/torchshape-lsp/torchshape-lsp"))
    ap.add_argument("--debounce", type=int, default=300)
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("file", nargs="?", default=str(root / "examples/seed.cpp"))
    a = ap.parse_args()
    p = subprocess.Popen([a.server, "--debounce=%d" % a.debounce], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE)

    def send(m):
        b = json.dumps(m).encode()
        p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b)
        p.stdin.flush()

    def read():
        n = None
        while True:
            line = p.stdout.readline().strip()
            if not line:
                if n is not None:
                    return json.loads(p.stdout.read(n))
                continue
            if line.lower().startswith(b"content-length:"):
                n = int(line.split(b":")[1])

    def wait_diags(version):
        while True:
            m = read()
            if m.get("method") == "textDocument/publishDiagnostics" and \
                    m["params"].get("version") == version:
                return m["params"]["diagnostics"]

    path = pathlib.Path(a.file).resolve()
    text = path.read_text()
    uri = path.as_uri()
    send({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"capabilities": {}}})
    read()
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    t = time.monotonic()
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "cpp", "version": 1, "text": text}}})
    first = len(wait_diags(1))
    open_ms = (time.monotonic() - t) * 1000
    times, counts = [], []
    for v in range(2, a.edits + 2):
        # An edit in main's body: the image size, 64 or 224 (the bug, or not).
        edited = text.replace("{1, 3, 64, 64}", "{1, 3, 64, 64}" if v % 2 else "{1, 1, 224, 224}")
        t = time.monotonic()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": edited}]}})
        counts.append(len(wait_diags(v)))
        times.append((time.monotonic() - t) * 1000)
    mem = {}
    for line in pathlib.Path("/proc/%d/status" % p.pid).read_text().splitlines():
        k, _, val = line.partition(":")
        if k in ("VmHWM", "VmRSS"):
            mem[k] = int(val.split()[0]) // 1024
    send({"jsonrpc": "2.0", "id": 1, "method": "shutdown"})
    send({"jsonrpc": "2.0", "method": "exit"})
    p.wait()
    print("file: %s (findings on open: %d, per edit: %s)" % (path.name, first,
                                                            sorted(set(counts))))
    print("open to diagnostics: %.0f ms" % open_ms)
    print("edit to diagnostics (debounce %d ms, %d edits): median %.0f ms, min %.0f, max %.0f"
          % (a.debounce, len(times), statistics.median(times), min(times), max(times)))
    print("edit to diagnostics minus debounce: median %.0f ms"
          % (statistics.median(times) - a.debounce))
    print("server memory: peak %d MB, now %d MB" % (mem.get("VmHWM", 0), mem.get("VmRSS", 0)))


if __name__ == "__main__":
    main()
