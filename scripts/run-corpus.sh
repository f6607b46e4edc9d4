#!/usr/bin/env bash
# Runs torchshape over public LibTorch code (see the team's corpus list):
# every .cpp/.cc/.cxx that includes <torch/torch.h> or <torch/script.h>, with
# the file's folder, its ancestors (and their include/), the repository's
# include/, src/, utils/ and utils/*/include as -I.  Resumable; results per
# file in $RESULTS/<repo>/.  The precompiled-header cache makes a file ~2 s.
#
#   scripts/run-corpus.sh REPO_DIR...     analyse
#   scripts/run-corpus.sh --summary       counts, verdicts to triage, top gaps
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${TORCHSHAPE:-$ROOT/build/tools/torchshape/torchshape}
RESULTS=${RESULTS:-$ROOT/build/corpus-results}
BASE=(-std=c++17 -I/usr/include/torch/csrc/api/include)
if [ "${1:-}" = "--summary" ]; then exec python3 "$ROOT/scripts/corpus-summary.py" "$RESULTS"; fi
for repo in "$@"; do
  repo=$(cd "$repo" && pwd); name=$(basename "$repo"); mkdir -p "$RESULTS/$name"
  grep -rlE --include=*.cpp --include=*.cc --include=*.cxx \
      '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]torch/(torch|script)\.h[>"]' "$repo" | sort |
  while read -r f; do
    key=$(echo "${f#$repo/}" | tr '/' '%')
    [ -f "$RESULTS/$name/$key.rc" ] && continue
    inc=(); d=$(dirname "$f")
    while :; do
      inc+=(-I"$d"); [ -d "$d/include" ] && inc+=(-I"$d/include")
      [ "$d" = "$repo" ] && break; d=$(dirname "$d"); [ "$d" = / ] && break
    done
    for x in include src utils; do [ -d "$repo/$x" ] && inc+=(-I"$repo/$x"); done
    for x in "$repo"/utils/*/include "$repo"/utils/*; do [ -d "$x" ] && inc+=(-I"$x"); done
    inc+=(-I/usr/include/opencv4)
    nice -n 10 timeout 120 "$BIN" --explain-gaps "$f" -- "${BASE[@]}" "${inc[@]}" \
      > "$RESULTS/$name/$key.out" 2>&1
    rc=$?
    echo "$rc 0 $f" > "$RESULTS/$name/$key.rc"
    echo "[$name] rc=$rc $(grep -c ' warning: ' "$RESULTS/$name/$key.out") warnings  ${f#$repo/}"
  done
done
