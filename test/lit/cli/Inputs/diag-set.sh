#!/bin/sh
# Usage: diag-set.sh <raw-output-file> <command...>
# Runs the command and prints the set of its findings, one line each
# ("file:line:col: warning|error: message [check]", sorted, with repeats, so
# a finding shown twice counts twice), then "exit status: N".  The same for
# clang-tidy (findings on stdout) and torchshape (on stderr): both streams
# are read (and kept whole in <raw-output-file>).  Colour codes are removed.
raw=$1
shift
"$@" > "$raw" 2>&1
status=$?
out=$(cat "$raw")
printf '%s\n' "$out" | sed 's/\x1b\[[0-9;]*m//g' \
  | grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): ' | sort
echo "exit status: $status"
