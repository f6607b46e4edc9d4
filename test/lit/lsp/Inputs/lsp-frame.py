#!/usr/bin/env python3
"""Turns a recorded LSP session into what an editor sends: each message with
its Content-Length header.

The session file holds messages separated by lines of `---`; lines starting
with `#` are comments.  In a message, @URI@ is the file:// URI of --file,
@TEXT@ its contents as a JSON string, and @TEXT|old|new@ the contents with
`old` replaced by `new` (an edit).  A message starting with `RAW ` is sent as
it is after RAW (malformed input); `NOHEADER ` sends it without a
Content-Length header.

With a server command after `--`, the script runs the server itself, prints
what it answers, and exits with its exit code; then a block `WAIT <regex>`
waits (up to 300 s) until the server's output since the last WAIT matches,
as an editor waits for an answer before it sends what comes next (the
regex is searched in what came after the previous WAIT's match), and a block
`SH <command>` runs a shell command (@DIR@: the directory of --file).
"""
import argparse
import json
import pathlib
import re
import subprocess
import sys
import threading
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("session")
    ap.add_argument("--file", required=True)
    argv = sys.argv[1:]
    server = argv[argv.index("--") + 1:] if "--" in argv else []
    args = ap.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    args.server = server
    path = pathlib.Path(args.file).resolve()
    text = path.read_text()
    uri = path.as_uri()
    blocks, cur = [], []
    for line in pathlib.Path(args.session).read_text().splitlines():
        if line.strip() == "---":
            blocks.append("\n".join(cur))
            cur = []
        elif not line.startswith("#"):
            cur.append(line)
    blocks.append("\n".join(cur))
    out = sys.stdout.buffer
    proc = None
    seen = bytearray()
    lock = threading.Condition()
    if args.server:
        proc = subprocess.Popen(args.server, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        out = proc.stdin

        def pump():
            while True:
                chunk = proc.stdout.read1(65536)
                with lock:
                    if not chunk:
                        seen.extend(b"\0EOF")
                    seen.extend(chunk)
                    lock.notify_all()
                if not chunk:
                    return

        reader = threading.Thread(target=pump, daemon=True)
        reader.start()
    waited = 0
    failed = False
    for b in blocks:
        b = b.strip()
        if not b:
            continue
        if b.startswith("WAIT "):
            if not proc:
                continue
            pattern = re.compile(b[len("WAIT "):].encode())
            deadline = time.time() + 300
            with lock:
                while True:
                    m = pattern.search(seen, waited)
                    if m or b"\0EOF" in seen or time.time() > deadline:
                        break
                    lock.wait(1)
                if not m:
                    sys.stderr.write("lsp-frame: no answer matched %s\n" % b)
                    failed = True
                    break
            if failed:
                break
            waited = m.end()
            continue
        if b.startswith("SH "):
            # A change on disk while the editor runs (a rebuilt database).
            subprocess.run(b[len("SH "):].replace("@DIR@", str(path.parent)),
                           shell=True, check=True)
            continue
        b = b.replace("@URI@", uri).replace("@TEXT@", json.dumps(text))
        b = re.sub(r"@TEXT\|(.*?)\|(.*?)@",
                   lambda m: json.dumps(text.replace(m.group(1), m.group(2))), b)
        if b.startswith("NOHEADER "):
            out.write(b[len("NOHEADER "):].encode() + b"\r\n\r\n")
            continue
        if b.startswith("RAW "):
            b = b[len("RAW "):]
        body = b.encode()
        out.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        out.flush()
    if proc:
        proc.stdin.close()
        rc = proc.wait()
        reader.join()
        with lock:
            sys.stdout.buffer.write(bytes(seen).replace(b"\0EOF", b""))
        sys.stdout.flush()
        sys.exit(1 if failed else rc)


if __name__ == "__main__":
    main()
