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


def derivation_text(s, main_file):
    """The hover's derivation line, from the CLI's JSON (newest step first)."""
    steps = list(reversed(s.get("derivation", [])))
    if not steps:
        return None
    out = "`%s`" % s["shape"]
    for i, d in enumerate(steps):
        if i == 6:
            out += " ← …"
            break
        where = "line %d" % d["line"]
        if d["file"] != main_file:
            where = "%s:%d" % (pathlib.Path(d["file"]).name, d["line"])
        out += " ← %s (%s)" % (d["what"], where)
    return out


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
        calls = [lc for fr in out["files"] for lc in fr["layerCalls"]]
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
        hovers = derivations = layer_hovers = 0
        last = {}
        for s in shapes:
            if s["name"] != "return":
                last[(s["line"], s["name"])] = s
        for (line, name), s in sorted(last.items()):
            r = c.request("textDocument/hover", {
                "textDocument": {"uri": uri},
                "position": {"line": line - 1, "character": s["column"] - 1}})["result"]
            value = r["contents"]["value"] if r else ""
            first = value.split("\n")[0] if r else None
            if first != "`%s`: `%s`" % (name, hint_text(s)):
                problems.append("hover on %s at line %d: %r, cli: %s" % (name, line, first,
                                                                         hint_text(s)))
            # The derivation: the last paragraph, when the CLI knows one.
            want_d = derivation_text(s, str(path))
            got_d = value.split("\n\n")[-1] if want_d else None
            if got_d != want_d:
                problems.append("hover on %s at line %d: derivation %r, cli: %r"
                                % (name, line, got_d, want_d))
            derivations += bool(want_d)
            hovers += 1
        # Hovers on the receiver of each layer call: its configuration and input.
        for lc in calls:
            rec = re.search(r"(\w+)\W*$", lc["receiver"]).group(1)
            col = lines[lc["line"] - 1].find(rec, lc["column"] - 1)
            r = c.request("textDocument/hover", {
                "textDocument": {"uri": uri},
                "position": {"line": lc["line"] - 1, "character": col}})["result"]
            value = r["contents"]["value"] if r else ""
            if any(s["line"] <= lc["line"] and s["name"] == rec for s in shapes):
                continue  # the name holds a tensor: its own hover
            want = "`%s`: " % rec + ("`%s`" % lc["layer"] if lc["layer"] else
                                      "a module configured differently in the calls that "
                                      "reach here")
            if lc["layer"] and "configuredLine" in lc:
                want += ", configured at line %d" % lc["configuredLine"]
            want += "\n\ninput: `%s`" % hint_text(dict(lc, shape=lc["input"]))
            if lc["input"] == "unknown":
                want += " (not proven here)"
            d = derivation_text(dict(lc, shape=lc["input"]), str(path))
            if d:
                want += "\n\n" + d
            if value != want:
                problems.append("layer hover on %s at line %d:\n  lsp %r\n  cli %r"
                                % (rec, lc["line"], value, want))
            layer_hovers += 1
        c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        status = "differ" if problems else "agree"
        print("%s: %s (%d findings, %d hints, %d hovers, %d derivations, %d layer calls)"
              % (path.name, status, len(got), len(got_h), hovers, derivations, layer_hovers))
        for p in problems:
            print("  " + p)
        failed |= bool(problems)
    c.request("shutdown", None)
    c.notify("exit", None)
    c.p.wait()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
