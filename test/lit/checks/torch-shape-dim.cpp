// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// torch-shape-dim: dimension arguments out of range for the tensor's rank.
#include "oracle.h"

// --- Bugs -------------------------------------------------------------------

void bug_unsqueeze() {
  auto x = torch::rand({1, 3, 64, 64});
  auto y = x.unsqueeze(5);
  // CHECK: :[[@LINE-1]]:24: warning: dimension 5 is out of range for `unsqueeze` of the 4-d tensor [1, 3, 64, 64] (LibTorch: Dimension out of range (expected to be in range of [-5, 4], but got 5)) [torch-shape-dim]
}
// RUNTIME: bug_unsqueeze: threw: Dimension out of range (expected to be in range of [-5, 4], but got 5)

void bug_flatten_order() {
  auto x = torch::rand({1, 3, 64, 64});
  auto y = x.flatten(2, 1);
  // CHECK: :[[@LINE-1]]:14: warning: flatten() has invalid args: start_dim cannot come after end_dim (start_dim 2, end_dim 1 of the 4-d tensor [1, 3, 64, 64]) [torch-shape-dim]
}
// RUNTIME: bug_flatten_order: threw: flatten() has invalid args: start_dim cannot come after end_dim

void bug_flatten_range() {
  auto x = torch::rand({1, 3, 64, 64});
  auto y = torch::flatten(x, 0, 7);
  // CHECK: :[[@LINE-1]]:33: warning: dimension 7 is out of range for the 4-d tensor [1, 3, 64, 64] in `torch::flatten` (LibTorch: Dimension out of range (expected to be in range of [-4, 3], but got 7)) [torch-shape-dim]
}
// RUNTIME: bug_flatten_range: threw: Dimension out of range (expected to be in range of [-4, 3], but got 7)

void bug_size() {
  auto x = torch::rand({2, 3}).unsqueeze(0);
  auto n = x.size(3);
  // CHECK: :[[@LINE-1]]:19: warning: dimension 3 is out of range for the 3-d tensor [1, 2, 3] in `size` (LibTorch: Dimension out of range (expected to be in range of [-3, 2], but got 3)) [torch-shape-dim]
}
// RUNTIME: bug_size: threw: Dimension out of range (expected to be in range of [-3, 2], but got 3)

// --- Tricky but correct: must stay silent -----------------------------------

void ok_negative_and_edge_dims() {
  auto x = torch::rand({1, 3, 64, 64});
  auto a = x.unsqueeze(-1);
  auto b = x.unsqueeze(4);
  auto c = x.unsqueeze(-5);
  auto d = x.flatten(-2, -1);
  auto e = x.size(-1) + x.size(-4);
  auto f = torch::rand({}).flatten();
  auto g = x.flatten(3, 3);
}
// RUNTIME: ok_negative_and_edge_dims: ok

torch::Tensor anyRank(torch::Tensor x) { return x.unsqueeze(7).flatten(5, 6); }
void ok_unknown_rank() { anyRank(torch::rand({1, 2, 3, 4, 5, 6, 7})); }
// RUNTIME: ok_unknown_rank: ok

TS_ORACLE_MAIN(bug_unsqueeze, bug_flatten_order, bug_flatten_range, bug_size,
               ok_negative_and_edge_dims, ok_unknown_rank)
