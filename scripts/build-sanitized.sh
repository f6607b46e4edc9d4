#!/usr/bin/env bash
# Builds the torchshape CLI (engine + front end) with clang-19 under
# AddressSanitizer and UndefinedBehaviorSanitizer, in build-sanitized/.
# LLVM's and Clang's own libraries stay as Debian ships them; our code is
# instrumented.  scripts/test.sh then runs the lit suite with this binary
# (lit --param sanitized_cli=...).  Needs libclang-rt-19-dev.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS="${JOBS:-$(nproc)}"
# -fno-sanitize=vptr: LLVM is built without RTTI, so the vptr check cannot
# see the dynamic type of objects LLVM itself creates (its own cl::opts) and
# reports every call on them.
FLAGS="-fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cmake -S . -B build-sanitized -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
  -DCMAKE_CXX_FLAGS="$FLAGS" -DCMAKE_EXE_LINKER_FLAGS="$FLAGS" \
  -DTORCHSHAPE_BUILD_TESTS=OFF "$@" >/dev/null
ninja -C build-sanitized -j "$JOBS" torchshape
