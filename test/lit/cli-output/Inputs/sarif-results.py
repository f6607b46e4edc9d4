"""Prints the results of a SARIF Multitool validation report, one per line,
then "validation results: N"."""
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    log = json.load(f)
results = [r for run in log.get("runs", []) for r in run.get("results", [])]
for r in results:
    print(r.get("level", "warning"), r.get("ruleId"), r.get("message", {}).get("arguments"))
print("validation results:", len(results))
