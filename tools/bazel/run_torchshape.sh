#!/bin/sh
# run_torchshape.sh <torchshape> <report> <source> -- <flags...>
#
# One source, as torchshape_aspect runs it: the findings go to <report>.
# Findings (exit status 1) do not fail the action (the target's report
# action does, when asked); any other failure does (2: a file that does not
# compile; torchshape missing): never silently.
exe=$1
report=$2
shift 2
"$exe" --quiet --no-cache "$@" 2> "$report.raw"
status=$?
# Paths as the workspace names them, not the sandbox's (which changes from
# run to run).
sed "s|$PWD/||g" "$report.raw" > "$report"
rm -f "$report.raw"
if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
  cat "$report" >&2
  exit "$status"
fi
exit 0
