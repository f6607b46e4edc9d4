"""Reads a JSON document from stdin (fails if it is not JSON) and prints one
line per finding: check level file:line:column notes=N fixits=N
note-fixits=N."""
import json
import os
import sys

findings = json.load(sys.stdin)
assert isinstance(findings, list)
for f in findings:
    print("%s %s %s:%d:%d notes=%d fixits=%d note-fixits=%d" % (
        f["check"], f["level"], os.path.basename(f["file"]), f["line"], f["column"],
        len(f["notes"]), len(f["fixIts"]), sum(len(n["fixIts"]) for n in f["notes"])))
print("findings:", len(findings))
