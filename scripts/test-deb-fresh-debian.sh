#!/usr/bin/env bash
# Installs torchshape's .deb into a fresh Debian 12 (bookworm) made with
# debootstrap, as a new user would (`apt-get install ./torchshape_*.deb`, which
# must pull every dependency), then runs the installed torchshape, torch-tidy
# and clang-tidy-19 with the installed module on examples/seed.cpp and checks
# that each reports the seed bug.
#
#   bash scripts/test-deb-fresh-debian.sh [torchshape_<version>_amd64.deb]
#
# Without an argument it packages build/ first (cpack -G DEB).  Needs root
# (debootstrap, chroot, mount) and the network (the Debian mirror only): it
# downloads about 400 MB (the base system, then 342 MB for the package's
# 453 dependencies, LibTorch's included) and took 3.5 minutes here, so it is
# not part of scripts/test.sh.
#
# Environment:
#   MIRROR     Debian mirror (default: the first URIs: of this machine's
#              /etc/apt/sources.list*, else http://deb.debian.org/debian)
#   ROOT       where to build the fresh system (default: a new temp dir)
#   KEEP_ROOT  1: leave ROOT in place afterwards (to look around in it)
#
# The last line is "fresh-debian: PASS" or "fresh-debian: FAIL (<why>)".
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=$PWD

fail() { echo "fresh-debian: FAIL ($*)"; exit 1; }
step() { echo; echo "== $*"; }

[ "$(id -u)" = 0 ] || fail "needs root: debootstrap, chroot and mount do"
if ! command -v debootstrap > /dev/null; then
  step "apt-get install debootstrap"
  apt-get install -y debootstrap > /dev/null || fail "cannot install debootstrap"
fi

# The package.
if [ $# -ge 1 ]; then
  DEB=$(realpath "$1")
else
  step "cpack -G DEB (from build/)"
  [ -f build/CPackConfig.cmake ] || fail "build/ is not configured: run scripts/build.sh first"
  PKGDIR=$(mktemp -d)
  (cd "$PKGDIR" && cpack -G DEB --config "$SRC/build/CPackConfig.cmake" -B "$PKGDIR" > cpack.log) \
    || fail "cpack failed (see $PKGDIR/cpack.log)"
  DEB=$(ls "$PKGDIR"/torchshape_*_amd64.deb)
fi
[ -f "$DEB" ] || fail "no package at $DEB"
dpkg-deb --field "$DEB" Package Version Depends Recommends

# The mirror this machine installs from.
if [ -z "${MIRROR:-}" ]; then
  MIRROR=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' /etc/apt/sources.list.d/*.sources \
             2>/dev/null | grep -m1 '/debian$' || true)
  [ -n "$MIRROR" ] || MIRROR=$(sed -n 's/^deb[[:space:]]\+\(http[^[:space:]]*debian\)[[:space:]].*/\1/p' \
                                 /etc/apt/sources.list 2>/dev/null | head -1)
  MIRROR=${MIRROR:-http://deb.debian.org/debian}
fi
SECURITY=${MIRROR%/debian}/debian-security

ROOT=${ROOT:-$(mktemp -d /var/tmp/torchshape-bookworm.XXXXXX)}
cleanup() {
  umount "$ROOT/proc" 2> /dev/null || true
  if [ "${KEEP_ROOT:-0}" = 1 ]; then
    echo "kept $ROOT"
  elif grep -qF " $ROOT/" /proc/mounts; then
    echo "not removing $ROOT: something is still mounted in it"
  else
    rm -rf "$ROOT" "$ROOT.debootstrap.log"
  fi
}
trap cleanup EXIT

step "debootstrap --variant=minbase bookworm $ROOT $MIRROR"
debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" > "$ROOT.debootstrap.log" 2>&1 \
  || fail "debootstrap failed (see $ROOT.debootstrap.log)"
# A Debian 12 installation's usual sources: the release, its updates and
# the security suite.
cat > "$ROOT/etc/apt/sources.list" <<EOF
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb $SECURITY bookworm-security main
EOF
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
# debootstrap made the device nodes; /proc is what clang-19 and apt expect.
mount -t proc proc "$ROOT/proc"

mkdir -p "$ROOT/work"
cp "$DEB" "$ROOT/work/"
cp "$SRC/examples/seed.cpp" "$ROOT/work/seed.cpp"
DEBNAME=$(basename "$DEB")

in_root() { chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
              DEBIAN_FRONTEND=noninteractive "$@"; }

step "apt-get install ./$DEBNAME (in the fresh root)"
in_root sh -c 'apt-get update -q > /dev/null && cd /work && apt-get install -y -q ./'"$DEBNAME" \
  > "$ROOT/work/apt.log" 2>&1 || { tail -20 "$ROOT/work/apt.log"; fail "apt-get install failed"; }
grep -E '^([0-9]+ upgraded|Need to get|After this operation)' "$ROOT/work/apt.log" || true
for p in libtorch-dev libstdc++-12-dev libclang-common-19-dev libclang-cpp19 python3; do
  in_root dpkg-query -W -f '  ${Package} ${Version} ${db:Status-Abbrev}\n' "$p" 2> /dev/null \
    || echo "  $p: not installed"
done
echo "$(in_root dpkg-query -W -f '${Package}\n' | wc -l) packages installed in the root"

FLAGS="-std=c++17 -I/usr/include/torch/csrc/api/include"
SEED='seed.cpp:8:55: warning: `fc` expects 50176 input features (Linear(50176, 10)) but its input [1, 12288] has 12288'

step "torchshape --version; torchshape seed.cpp -- $FLAGS"
in_root torchshape --version
set +e
in_root sh -c "cd /work && torchshape seed.cpp -- $FLAGS" > "$ROOT/work/torchshape.txt" 2>&1
rc=$?
set -e
cat "$ROOT/work/torchshape.txt"
[ "$rc" = 1 ] || fail "torchshape exited with $rc, not 1 (findings)"
grep -qF "$SEED" "$ROOT/work/torchshape.txt" || fail "torchshape did not report the seed bug"

step "torch-tidy seed.cpp -- $FLAGS"
in_root sh -c "cd /work && torch-tidy --quiet seed.cpp -- $FLAGS" > "$ROOT/work/torch-tidy.txt" 2>&1 \
  || true
cat "$ROOT/work/torch-tidy.txt"
grep -qF "$SEED" "$ROOT/work/torch-tidy.txt" || fail "torch-tidy did not report the seed bug"

# clang-tidy-19 is only suggested by the package: install it as a user would.
step "apt-get install clang-tidy-19; clang-tidy-19 --load=/usr/lib/torchshape/libTorchShapeTidyModule.so"
in_root apt-get install -y -q clang-tidy-19 > "$ROOT/work/apt-tidy.log" 2>&1 \
  || { tail -20 "$ROOT/work/apt-tidy.log"; fail "apt-get install clang-tidy-19 failed"; }
in_root sh -c "cd /work && clang-tidy-19 --quiet --load=/usr/lib/torchshape/libTorchShapeTidyModule.so \
  --checks='-*,torch-shape-*' seed.cpp -- $FLAGS" > "$ROOT/work/clang-tidy.txt" 2>&1 || true
cat "$ROOT/work/clang-tidy.txt"
grep -qF "$SEED" "$ROOT/work/clang-tidy.txt" || fail "clang-tidy-19 with the module did not report the seed bug"

echo
echo "fresh-debian: PASS"
