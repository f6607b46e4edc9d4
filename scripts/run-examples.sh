#!/usr/bin/env bash
# Installs, builds, and runs torchshape on the bundled examples/.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
bash scripts/build.sh
FLAGS=(-std=c++17 -I/usr/include/torch/csrc/api/include -include-pch build/test/lit/torch.pch)
status=0
for f in examples/*.cpp; do
  echo "== torchshape $f"
  build/tools/torchshape/torchshape "$f" -- "${FLAGS[@]}"
  rc=$?
  echo "   (exit $rc)"
  [ $rc -gt 1 ] && status=2
done
exit $status
