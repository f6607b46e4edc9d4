#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: GoogleTest unit
# tests and the lit suites (both front ends + the runtime oracle).  Ends with
# a line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh || { echo "0 passed, 1 failed"; exit 1; }
bash scripts/build.sh || { echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
# Unit tests.
unit_out=$(build/test/unit/torchshape-unittests --gtest_brief=1 2>&1)
unit_rc=$?
echo "$unit_out" | tail -5
u_pass=$(echo "$unit_out" | sed -n 's/.*\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
u_fail=$(echo "$unit_out" | sed -n 's/.*\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
passed=$((passed + ${u_pass:-0}))
failed=$((failed + ${u_fail:-0}))
if [ "$unit_rc" != 0 ] && [ -z "$u_fail" ]; then failed=$((failed + 1)); fi

# lit suites: run_lit LABEL [lit options...] adds its counts; LABEL marks
# the printed lines of a second run.
run_lit() {
  local label=$1; shift
  local out rc l_pass l_fail
  out=$(python3 /usr/lib/llvm-19/build/utils/lit/lit.py -v "$@" build/test/lit 2>&1)
  rc=$?
  echo "$out" | grep -E "^(PASS|FAIL|XFAIL|XPASS|UNRESOLVED|UNSUPPORTED):|Failed Tests|^  torchshape ::" \
    | sed "s/^\([A-Z]*\): /\1$label: /" || true
  l_pass=$(echo "$out" | grep -c "^PASS:")
  l_fail=$(echo "$out" | grep -cE "^(FAIL|XPASS|UNRESOLVED):")
  passed=$((passed + l_pass))
  failed=$((failed + l_fail))
  if [ "$rc" != 0 ] && [ "$l_fail" = 0 ]; then failed=$((failed + 1)); fi
}
run_lit ""

# A smoke test counts as one case: LABEL, a function that sums up its output
# on success, then the command.  On failure the output's tail is shown.
smoke() {
  local label=$1 summary=$2 out
  shift 2
  if out=$("$@" 2>&1); then
    echo "PASS: $label ($($summary "$out"))"
    passed=$((passed + 1))
  else
    echo "$out" | tail -20
    echo "FAIL: $label"
    failed=$((failed + 1))
  fi
}
last_line() { echo "$1" | tail -1; }
fuzz_seconds=30
fuzz_inputs() { echo "$fuzz_seconds s: $(echo "$1" | sed -n 's/^stat::number_of_executed_units: *//p') inputs"; }

# The same lit suite through the CLI built under ASan and UBSan
# (scripts/build-sanitized.sh): a sanitizer report fails the case.  Then a
# mutation smoke: a few hundred broken variants of the lit cases through the
# sanitized CLI, none may crash or hang (scripts/mutate-smoke.py).
if bash scripts/build-sanitized.sh; then
  run_lit " (sanitized)" --param sanitized_cli=build-sanitized/tools/torchshape/torchshape
  smoke "mutation smoke" last_line python3 scripts/mutate-smoke.py \
    --cli build-sanitized/tools/torchshape/torchshape --count 300 --seconds 300
else
  echo "FAIL: sanitized build"
  failed=$((failed + 1))
fi

# Fuzz smoke: the symbolic core under libFuzzer with ASan and UBSan, checked
# against brute-force evaluation (scripts/fuzz-dim.sh), for $fuzz_seconds seconds.
smoke "fuzz-dim" fuzz_inputs bash scripts/fuzz-dim.sh "$fuzz_seconds"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
