#!/usr/bin/env bash
# Installs everything torchshape needs to build and test on a fresh Debian 12, as root.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
PKGS=(
  build-essential cmake ninja-build git python3
  llvm-19-dev libclang-19-dev clang-19 clang-tidy-19 llvm-19-tools
  # clang-19's sanitizer and libFuzzer runtimes (scripts/fuzz-dim.sh).
  libclang-rt-19-dev
  libtorch-dev
  libgtest-dev googletest libz3-dev
  zlib1g-dev libzstd-dev libedit-dev libxml2-dev libcurl4-openssl-dev libffi-dev
  # Tests of the CLI's integrations: pre-commit runs the hook test, dpkg-dev
  # lets `cpack -G DEB` compute the package's dependencies.
  pre-commit dpkg-dev
  # The image-pipeline tests (cv::imread/resize/cvtColor into from_blob).
  libopencv-dev
  # The Bazel aspect's test (tools/bazel/, test/lit/cli-output/bazel-aspect.test).
  bazel-bootstrap
  # Validation of --format=json against docs/json-output.schema.json.
  python3-jsonschema
  # The HTML report's test loads it in a real browser, headless.
  chromium
  # The language server's end-to-end test runs Neovim's built-in LSP client, headless.
  neovim
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm installs Microsoft's SARIF Multitool for the SARIF validation test.  Many
# machines already have Node.js from elsewhere (nodesource's nodejs conflicts
# with Debian's npm): install it only when missing, and never fail the setup
# over it (the test is then reported UNSUPPORTED).
if ! command -v npm >/dev/null 2>&1; then
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm ||
    echo "setup: npm is not available; the SARIF validation test will be skipped" >&2
fi
