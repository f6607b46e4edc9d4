#!/usr/bin/env bash
# What the automatic precompiled-header cache buys a user who set nothing up
# (no PCH of their own), measured in one run:
#
#   bash bench/pch-cache.sh [RUNS] [FILES]     (defaults: RUNS=3, FILES=2)
#
# Per file (the first FILES lit case files; median of RUNS runs each after
# one warm-up, the commands interleaved round by round):
#   torchshape FILE -- FLAGS, warm cache        vs
#   clang-tidy-19 --load=PLUGIN --checks=-*,torch-shape-* FILE -- FLAGS
#   clang-19 -fsyntax-only FLAGS FILE           (the parse a user pays today)
#   clang-19 -fsyntax-only -include-pch <the cache's PCH> FLAGS FILE
# Whole project (every lit case file, plus examples/, with a generated
# compile_commands.json, -j2; one run each, they are long):
#   torchshape -p, cold cache (emptied first) and warm, vs
#   run-clang-tidy-19 -load=PLUGIN -checks=-*,torch-shape-* -j 2
# FLAGS are the lit suite's compiler flags WITHOUT its precompiled header.
# Prints CPU (user + sys) and wall medians and the ratios of the CPU medians
# (on a shared machine CPU time is the steadier figure).  Ratios, not
# assertions: nothing here fails on a slow machine.
set -euo pipefail

RUNS=${1:-3}
NFILES=${2:-2}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${TORCHSHAPE_BUILD:-$ROOT/build}
TS=$BUILD/tools/torchshape/torchshape
PLUGIN=$BUILD/tools/clang-tidy-plugin/libTorchShapeTidyModule.so
SITE=$BUILD/test/lit/lit.site.cfg.py
CXX=${CXX_SYNTAX:-clang++-19}
TIDY=${CLANG_TIDY:-clang-tidy-19}
RUN_TIDY=${RUN_CLANG_TIDY:-run-clang-tidy-19}

TEST_FLAGS=
[[ -f $SITE ]] && TEST_FLAGS=$(sed -n 's/^config\.test_flags = r"\(.*\)"$/\1/p' "$SITE")
: "${TEST_FLAGS:=-std=c++17 -I/usr/include/torch/csrc/api/include -I$ROOT/test/runtime}"
TEST_FLAGS="$TEST_FLAGS -I/usr/include/opencv4"
read -r -a FLAGS <<<"$TEST_FLAGS"

for f in "$TS" "$PLUGIN"; do
  [[ -e $f ]] || { echo "pch-cache.sh: missing $f (build first: ninja -C $BUILD)" >&2; exit 2; }
done
for t in "$CXX" "$TIDY" "$RUN_TIDY"; do
  command -v "$t" >/dev/null || { echo "pch-cache.sh: $t not found" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "pch-cache.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/torchshape-pch-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cp "$TS" "$TMP/torchshape"
cp "$PLUGIN" "$TMP/plugin.so"
TS=$TMP/torchshape
PLUGIN=$TMP/plugin.so
CACHE=$TMP/cache

# timed, median, ratio
source "$ROOT/bench/timing.sh"

mapfile -t CASES < <(ls "$ROOT"/test/lit/checks/*.cpp | head -n "$NFILES")

echo "torchshape PCH cache: per file, median of $RUNS interleaved runs (after 1 warm-up); CPU = user + sys"
printf '%-34s %22s %22s %22s %22s %9s %9s %9s\n' file "cli warm cpu/wall" "clang-tidy cpu/wall" \
  "syntax-only cpu/wall" "syntax+pch cpu/wall" cli/tidy cli/syn cli/synP
for f in "${CASES[@]}"; do
  rm -f "$TMP"/{cli,tidy,syn,synp}
  rm -rf "$CACHE"
  "$TS" --cache-dir="$CACHE" "$f" -- "${FLAGS[@]}" >/dev/null 2>&1 || true # warm the cache
  PCH=$(ls "$CACHE"/*.pch | head -n 1)
  for r in $(seq 0 "$RUNS"); do
    [[ $r == 0 ]] && sfx=.warmup || sfx=
    timed "cli$sfx" "$TS" --cache-dir="$CACHE" "$f" -- "${FLAGS[@]}"
    timed "tidy$sfx" "$TIDY" --quiet --load="$PLUGIN" --checks=-*,torch-shape-* "$f" -- "${FLAGS[@]}"
    timed "syn$sfx" "$CXX" -fsyntax-only "${FLAGS[@]}" "$f"
    timed "synp$sfx" "$CXX" -fsyntax-only "${FLAGS[@]}" -include-pch "$PCH" -Xclang -fno-validate-pch "$f"
  done
  for n in cli tidy syn synp; do
    eval "c_$n=\$(median 2 <\"$TMP/$n\")"; eval "w_$n=\$(median 1 <\"$TMP/$n\")"
  done
  printf '%-34s %22s %22s %22s %22s %9s %9s %9s\n' "$(basename "$f")" "$c_cli / $w_cli s" \
    "$c_tidy / $w_tidy s" "$c_syn / $w_syn s" "$c_synp / $w_synp s" \
    "$(ratio "$c_cli" "$c_tidy")" "$(ratio "$c_cli" "$c_syn")" "$(ratio "$c_cli" "$c_synp")"
done

# --- The project -------------------------------------------------------------
PROJ=$TMP/project
mkdir -p "$PROJ"
# The lit case files and examples/, topped up to 42 with model files of the
# project test's generator (a second target: other flags, another entry).
python3 "$ROOT/test/lit/cli-output/Inputs/gen-project.py" "$PROJ/gen" "${FLAGS[@]}" >/dev/null
python3 - "$PROJ" "$ROOT" "${FLAGS[@]}" <<'EOF'
import glob, json, os, shlex, sys
proj, root, flags = sys.argv[1], sys.argv[2], sys.argv[3:]
files = sorted(glob.glob(os.path.join(root, "test/lit/*/*.cpp"))) + \
        sorted(glob.glob(os.path.join(root, "examples/*.cpp")))
db = [{"directory": proj, "file": f,
       "command": " ".join(["clang++-19"] + [shlex.quote(a) for a in flags] + ["-c", shlex.quote(f)])}
      for f in files]
gen = json.load(open(os.path.join(proj, "gen", "build", "compile_commands.json")))
db += [e for e in gen if "/model_" in e["file"]][:max(0, 42 - len(db))]
json.dump(db, open(os.path.join(proj, "compile_commands.json"), "w"), indent=1)
EOF
NTU=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$PROJ/compile_commands.json")
rm -rf "$CACHE"
timed p_cold "$TS" -p "$PROJ" -j2 --cache-dir="$CACHE"
timed p_warm "$TS" -p "$PROJ" -j2 --cache-dir="$CACHE"
timed p_tidy "$RUN_TIDY" -quiet -clang-tidy-binary "$(command -v "$TIDY")" -load="$PLUGIN" \
  "-checks=-*,torch-shape-*" -p "$PROJ" -j 2
read -r w_cold c_cold <"$TMP/p_cold"
read -r w_warm c_warm <"$TMP/p_warm"
read -r w_ptidy c_ptidy <"$TMP/p_tidy"
echo
echo "project: $NTU translation units, -j2, one run each"
printf '  %-34s %10s cpu %10s wall\n' "torchshape -p, cold cache" "$c_cold" "$w_cold" \
  "torchshape -p, warm cache" "$c_warm" "$w_warm" "run-clang-tidy-19 + plugin" "$c_ptidy" "$w_ptidy"
echo "  cold / run-clang-tidy: $(ratio "$c_cold" "$c_ptidy") (cpu), $(ratio "$w_cold" "$w_ptidy") (wall)"
echo "  warm / run-clang-tidy: $(ratio "$c_warm" "$c_ptidy") (cpu), $(ratio "$w_warm" "$w_ptidy") (wall)"
