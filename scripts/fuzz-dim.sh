#!/usr/bin/env bash
# Fuzzes the symbolic core (lib/Symbolic/Dim.cpp) with libFuzzer under
# AddressSanitizer and UndefinedBehaviorSanitizer: every proven answer of
# Dim (equals, lessThan, divisible, constants, bounds) is checked against a
# brute-force evaluation (test/fuzz/DimFuzzer.cpp).
#
#   scripts/fuzz-dim.sh [seconds]      (default 60)
#
# Needs clang-19 and its runtimes (Debian: libclang-rt-19-dev).  Starts from
# the committed seeds in test/fuzz/dim-corpus; new inputs go to a scratch
# corpus, crashes to build-fuzz/ (never commit those).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-60}"
OUT=build-fuzz
mkdir -p "$OUT/corpus"
clang++-19 -std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -Iinclude test/fuzz/DimFuzzer.cpp lib/Symbolic/Dim.cpp -o "$OUT/dim-fuzzer"
"$OUT/dim-fuzzer" -max_total_time="$SECONDS_TO_RUN" -print_final_stats=1 \
  -artifact_prefix="$OUT/" "$OUT/corpus" test/fuzz/dim-corpus
