"""Validates the JSON document on stdin against docs/json-output.schema.json
(argv[1]) with python3-jsonschema, then prints what the checks compare:
per file, its shapes (line name shape holds) and summaries (model, total,
one line per layer)."""
import json
import os
import sys

import jsonschema

with open(sys.argv[1]) as f:
    schema = json.load(f)
doc = json.load(sys.stdin)
jsonschema.Draft7Validator.check_schema(schema)
jsonschema.Draft7Validator(schema).validate(doc)
print("valid")
if isinstance(doc, list):
    print("findings:", len(doc))
    sys.exit(0)
print("findings:", len(doc["findings"]))
for f in doc["files"]:
    print("file", os.path.basename(f["file"]))
    for s in f["shapes"]:
        print("  shape %d:%d %s %s %s %s" % (s["line"], s["column"], s["name"], s["shape"],
                                         s["holds"], ",".join(s["callers"])))
    for m in f["summaries"]:
        print("  summary %s:%d model=%s total=%s text=%s bytes=%s" % (
            os.path.basename(m["file"]), m["line"], m["model"], m["totalParams"],
            m["totalParamsText"], m["paramBytesFloat32"]))
        for l in m["layers"]:
            print("    %s | %s | %s | %s | %s" % (l["path"], l["layer"], l["input"], l["output"],
                                              l["params"]))
