"""Prints each result of a SARIF log as "<uri>:<line> <rule> <fingerprint>",
the URI relative to its uriBaseId when it has one."""
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    log = json.load(f)
for run in log["runs"]:
    for r in run.get("results", []):
        loc = r["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        prints = ",".join(r.get("partialFingerprints", {}).values())
        print(f'{uri}:{loc["region"]["startLine"]} {r["ruleId"]} {prints}')
