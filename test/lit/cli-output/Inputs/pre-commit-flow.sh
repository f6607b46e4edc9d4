#!/bin/sh
# Installs torchshape's pre-commit hook (the repository's own
# .pre-commit-hooks.yaml, served from a scratch git repository) in a new git
# project, then commits a LibTorch file with a shape bug, then its fix.
# Prints what happened to each commit.
#
# usage: pre-commit-flow.sh <scratch dir> <source root> <PATH entries> <hook id> <compiler flags...>
set -u
T=$1 SRC=$2 BIN=$3 HOOK=$4
shift 4
FLAGS="$*"
export PATH="$BIN:$PATH"
export HOME="$T/home" PRE_COMMIT_HOME="$T/pre-commit-cache"
export GIT_AUTHOR_NAME=tester GIT_AUTHOR_EMAIL=tester@example.invalid
export GIT_COMMITTER_NAME=tester GIT_COMMITTER_EMAIL=tester@example.invalid
mkdir -p "$HOME"

# The hook repository: pre-commit clones it at a revision.
mkdir -p "$T/hooks" && cp "$SRC/.pre-commit-hooks.yaml" "$T/hooks/"
git -C "$T/hooks" init -q && git -C "$T/hooks" add . && git -C "$T/hooks" commit -qm hooks
REV=$(git -C "$T/hooks" rev-parse HEAD)

# The project: one source file, a build/compile_commands.json for it.
mkdir -p "$T/proj/src" "$T/proj/build" && cd "$T/proj" && git init -q
printf 'build/\n' > .gitignore
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $T/hooks
    rev: $REV
    hooks:
      - id: $HOOK
YAML
cat > build/compile_commands.json <<JSON
[{"directory": "$T/proj/build", "file": "$T/proj/src/net.cpp",
  "command": "clang++ $FLAGS -c $T/proj/src/net.cpp -o net.o"}]
JSON
cat > src/net.cpp <<'CPP'
#include <torch/torch.h>
torch::Tensor head(const torch::Tensor &features) {
  torch::nn::Linear fc(784, 10);
  auto x = torch::rand({8, 3, 32, 32}).view({8, -1});
  return fc->forward(x);
}
CPP
pre-commit install
git add .gitignore .pre-commit-config.yaml src/net.cpp
if git commit -qm "add head" > "$T/commit1.log" 2>&1; then
  echo "buggy commit: accepted"
else
  echo "buggy commit: refused"
fi
cat "$T/commit1.log"
sed -i 's/Linear fc(784, 10)/Linear fc(3072, 10)/' src/net.cpp
git add src/net.cpp
if git commit -qm "add head" > "$T/commit2.log" 2>&1; then
  echo "fixed commit: accepted"
else
  echo "fixed commit: refused"
fi
cat "$T/commit2.log"
echo "commits: $(git rev-list --count HEAD)"
