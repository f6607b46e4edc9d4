#!/usr/bin/env python3
"""Writes valid LibTorch programs whose expressions nest very deeply.

  gen-deep.py view-chain N   x.view({6}).view({6})... N times
  gen-deep.py tensor-sum N   x0 + x1 + ... over N tensors
  gen-deep.py size-sum N     torch::zeros({1+1+...}) with N terms
  gen-deep.py call-chain N   f1 calls f2 ... calls fN, which has a view bug

Generated, not committed: the files are megabytes of one construct.
"""
import sys

kind, n = sys.argv[1], int(sys.argv[2])
out = ["#include <torch/torch.h>"]
if kind == "view-chain":
    out.append("torch::Tensor f() {")
    out.append("  auto x = torch::zeros({6});")
    out.append("  return x" + ".view({6})" * n + ";")
    out.append("}")
elif kind == "tensor-sum":
    out.append("torch::Tensor f(std::vector<torch::Tensor> &v) {")
    for i in range(n):
        out.append(f"  auto x{i} = torch::zeros({{2, 3}});")
    out.append("  return " + " + ".join(f"x{i}" for i in range(n)) + ";")
    out.append("}")
elif kind == "size-sum":
    out.append("torch::Tensor f() {")
    out.append("  return torch::zeros({" + "+".join(["1"] * n) + "});")
    out.append("}")
elif kind == "call-chain":
    out.append(f"torch::Tensor f{n}(torch::Tensor x) {{ return x.view({{5, -1}}); }}")
    for i in range(n - 1, 0, -1):
        out.append(f"torch::Tensor f{i}(torch::Tensor x) {{ return f{i + 1}(x); }}")
    out.append("int main() { f1(torch::zeros({2, 3})); }")
else:
    sys.exit("unknown kind " + kind)
print("\n".join(out))
