#!/usr/bin/env python3
"""The editor and the command agree: for each file, the language server's
diagnostics, inlay hints and hovers are compared with what
`torchshape --annotate --format=json` prints for the same file and flags
(the server's fallback flags).  Prints one line per file; exit 1 on any
difference.

usage: compare-cli.py --cli TORCHSHAPE --lsp TORCHSHAPE_LSP [--flag F]... FILE...
(both get the same flags: the server has no compile_commands.json to find)
"""
import argparse
import json
import pathlib
import re
import subprocess
import sys

FLAGS = ["-std=c++17", "-I/usr/include/torch/csrc/api/include"]


class Client:
    def __init__(self, cmd):
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 1

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise SystemExit("the server ended early")
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.p.stdout.read(length))

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            m = self.read()
            if m.get("id") == rid:
                return m
            self.notes.append(m)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})


def hint_text(s):
    text = s["shape"]
    if s["holds"] == "calls" and s["callers"]:
        text += " (from " + ", ".join(s["callers"]) + ")"
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--lsp", required=True)
    ap.add_argument("--flag", action="append", default=[])
    ap.add_argument("--nodb", required=True, help="an empty directory")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    flags = FLAGS + args.flag
    c = Client([args.lsp, "--compile-commands-dir=" + args.nodb]
               + ["--fallback-flag=" + f for f in flags])
    c.notes = []
    c.request("initialize", {"capabilities": {}})
    c.notify("initialized", {})
    failed = False
    for f in args.files:
        path = pathlib.Path(f).resolve()
        text = path.read_text()
        lines = text.split("\n")
        cli = subprocess.run([args.cli, "--annotate", "--format=json", str(path), "--"] + flags,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        out = json.loads(cli.stdout)
        shapes = [s for fr in out["files"] for s in fr["shapes"] if s["known"]]
        uri = path.as_uri()
        c.notes = []
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": 1, "text": text}})
        hints = c.request("textDocument/inlayHint", {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0},
                      "end": {"line": len(lines), "character": 0}}})["result"]
        diags = [n["params"]["diagnostics"] for n in c.notes
                 if n.get("method") == "textDocument/publishDiagnostics"][-1]
        problems = []
        # Findings: same place, check, message and notes.
        want = sorted((d["line"] - 1, d["column"] - 1, d["check"], d["message"], len(d["notes"]))
                      for d in out["findings"] if d["file"] == str(path))
        got = sorted((d["range"]["start"]["line"], d["range"]["start"]["character"], d["code"],
                      d["message"], len(d.get("relatedInformation", []))) for d in diags)
        if want != got:
            problems.append("diagnostics differ:\n  cli %s\n  lsp %s" % (want, got))
        # Inlay hints: same (line, name, shape).
        want_h = set((s["line"], s["name"], hint_text(s)) for s in shapes)
        got_h = set()
        for h in hints:
            line = h["position"]["line"]
            label = h["label"]
            if label.startswith(": "):
                name = re.search(r"(\w+)$", lines[line][:h["position"]["character"]]).group(1)
                got_h.add((line + 1, name, label[2:]))
            else:
                name, _, shape = label.partition(": ")
                got_h.add((line + 1, name, shape))
        if want_h != got_h:
            problems.append("inlay hints differ:\n  cli only %s\n  lsp only %s"
                            % (sorted(want_h - got_h), sorted(got_h - want_h)))
        # Hovers on each name with a shape, where it is set: that shape.
        hovers = 0
        last = {}
        for s in shapes:
            if s["name"] != "return":
                last[(s["line"], s["name"])] = s
        for (line, name), s in sorted(last.items()):
            r = c.request("textDocument/hover", {
                "textDocument": {"uri": uri},
                "position": {"line": line - 1, "character": s["column"] - 1}})["result"]
            first = r["contents"]["value"].split("\n")[0] if r else None
            if first != "`%s`: `%s`" % (name, hint_text(s)):
                problems.append("hover on %s at line %d: %r, cli: %s" % (name, line, first,
                                                                         hint_text(s)))
            hovers += 1
        c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        status = "differ" if problems else "agree"
        print("%s: %s (%d findings, %d hints, %d hovers)" % (path.name, status, len(got),
                                                              len(got_h), hovers))
        for p in problems:
            print("  " + p)
        failed |= bool(problems)
    c.request("shutdown", None)
    c.notify("exit", None)
    c.p.wait()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
