#!/usr/bin/env bash
# What torch-tidy's precompiled-header cache buys, per file, measured in one
# run:
#
#   bash bench/torch-tidy-cache.sh [RUNS] [FILE...]   (defaults: 5, examples/seed.cpp)
#
# For each FILE, median of RUNS runs after one warm-up, the commands
# interleaved round by round:
#   torch-tidy FILE -- FLAGS, warm cache
#   torch-tidy --no-cache FILE -- FLAGS
#   clang-tidy-19 --load=PLUGIN --checks=-*,torch-shape-* FILE -- FLAGS
# plus the cold run that built the entry (one run).  FLAGS are the lit
# suite's compiler flags WITHOUT its precompiled header.  Prints CPU
# (user + sys) and wall medians and the ratios of the CPU medians.  Ratios,
# not assertions: nothing here fails on a slow machine.
set -euo pipefail

RUNS=${1:-5}
shift || true
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${TORCHSHAPE_BUILD:-$ROOT/build}
TT=$BUILD/tools/torch-tidy/torch-tidy
PLUGIN=$BUILD/tools/clang-tidy-plugin/libTorchShapeTidyModule.so
SITE=$BUILD/test/lit/lit.site.cfg.py
TIDY=${CLANG_TIDY:-clang-tidy-19}
FILES=("$@")
[[ ${#FILES[@]} -gt 0 ]] || FILES=("$ROOT/examples/seed.cpp")

for f in "$TT" "$PLUGIN"; do
  [[ -e $f ]] || { echo "torch-tidy-cache.sh: missing $f (build first: ninja -C $BUILD)" >&2; exit 2; }
done
command -v "$TIDY" >/dev/null || { echo "torch-tidy-cache.sh: $TIDY not found" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "torch-tidy-cache.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }

TEST_FLAGS=
[[ -f $SITE ]] && TEST_FLAGS=$(sed -n 's/^config\.test_flags = r"\(.*\)"$/\1/p' "$SITE")
: "${TEST_FLAGS:=-std=c++17 -I/usr/include/torch/csrc/api/include -I$ROOT/test/runtime}"
read -r -a FLAGS <<<"$TEST_FLAGS"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/torch-tidy-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export TORCHSHAPE_CACHE_DIR=$TMP/cache
CHECKS=--checks=-*,torch-shape-*

# timed, median, ratio
source "$ROOT/bench/timing.sh"

echo "torch-tidy PCH cache: per file, median of $RUNS interleaved runs (after 1 warm-up); CPU = user + sys"
printf '%-22s %16s %16s %16s %16s %10s %10s %10s\n' file "cold cpu/wall" "warm cpu/wall" \
  "no-cache cpu/wall" "plugin cpu/wall" warm/nocache warm/plugin cold/plugin
for f in "${FILES[@]}"; do
  rm -rf "$TORCHSHAPE_CACHE_DIR" "$TMP"/{cold,warm,off,plugin}*
  timed cold "$TT" --quiet "$CHECKS" "$f" -- "${FLAGS[@]}"
  for r in $(seq 0 "$RUNS"); do
    [[ $r == 0 ]] && sfx=.warmup || sfx=
    timed "warm$sfx" "$TT" --quiet "$CHECKS" "$f" -- "${FLAGS[@]}"
    timed "off$sfx" "$TT" --no-cache --quiet "$CHECKS" "$f" -- "${FLAGS[@]}"
    timed "plugin$sfx" "$TIDY" --quiet --load="$PLUGIN" "$CHECKS" "$f" -- "${FLAGS[@]}"
  done
  for n in cold warm off plugin; do
    eval "c_$n=\$(median 2 <\"$TMP/$n\")"; eval "w_$n=\$(median 1 <\"$TMP/$n\")"
  done
  printf '%-22s %16s %16s %16s %16s %10s %10s %10s\n' "$(basename "$f")" "$c_cold / $w_cold s" \
    "$c_warm / $w_warm s" "$c_off / $w_off s" "$c_plugin / $w_plugin s" \
    "$(ratio "$c_warm" "$c_off")" "$(ratio "$c_warm" "$c_plugin")" "$(ratio "$c_cold" "$c_plugin")"
done
