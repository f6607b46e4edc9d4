// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// torch-shape-view: view/reshape sizes that cannot hold the tensor's
// elements, and -1 inference LibTorch refuses.
#include "oracle.h"

#include <ctime>

// --- Bugs -------------------------------------------------------------------

void bug_view_count() {
  auto x = torch::rand({1, 3, 64, 64});
  auto y = x.view({1, 1000});
  // CHECK: :[[@LINE-1]]:14: warning: shape '[1, 1000]' is invalid for input of size 12288: `view` asks for 1000 elements but `x` of shape [1, 3, 64, 64] has 12288 = 1 × 3 × 64 × 64 [torch-shape-view]
  // CHECK: :[[@LINE-3]]:12: note: torch::rand creates a tensor of shape [1, 3, 64, 64]
}
// RUNTIME: bug_view_count: threw: shape '[1, 1000]' is invalid for input of size 12288

void bug_two_inferred() {
  auto x = torch::rand({1, 3, 64, 64});
  auto y = x.view({-1, -1});
  // CHECK: :[[@LINE-1]]:14: warning: only one dimension can be inferred: shape [-1, -1] passed to `view` has 2 entries of -1 [torch-shape-view]
}
// RUNTIME: bug_two_inferred: threw: only one dimension can be inferred

void bug_not_divisible() {
  auto x = torch::rand({1, 3, 64, 64});
  auto y = x.view({-1, 1000});
  // CHECK: :[[@LINE-1]]:14: warning: shape '[-1, 1000]' is invalid for input of size 12288: `x` of shape [1, 3, 64, 64] has 12288 = 1 × 3 × 64 × 64 elements, which is not a multiple of 1000 (the product of the other sizes), so -1 cannot be inferred [torch-shape-view]
}
// RUNTIME: bug_not_divisible: threw: shape '[-1, 1000]' is invalid for input of size 12288

void bug_reshape_constexpr() {
  constexpr int kSize = 64;
  auto x = torch::rand({1, 3, kSize, kSize});
  auto y = x.reshape({1, kSize * kSize});
  // CHECK: :[[@LINE-1]]:14: warning: shape '[1, 4096]' is invalid for input of size 12288: `reshape` asks for 4096 elements but `x` of shape [1, 3, 64, 64] has 12288 = 1 × 3 × 64 × 64 [torch-shape-view]
}
// RUNTIME: bug_reshape_constexpr: threw: shape '[1, 4096]' is invalid for input of size 12288

void bug_after_resize() {
  auto x = torch::rand({4, 4});
  x.resize_({2, 3});
  auto y = x.view({7});
  // CHECK: :[[@LINE-1]]:14: warning: shape '[7]' is invalid for input of size 6: `view` asks for 7 elements but `x` of shape [2, 3] has 6 = 2 × 3 [torch-shape-view]
}
// RUNTIME: bug_after_resize: threw: shape '[7]' is invalid for input of size 6

void bug_zeros_like() {
  auto a = torch::ones({2, 3});
  auto y = torch::zeros_like(a).view({1, 5});
  // CHECK: :[[@LINE-1]]:33: warning: shape '[1, 5]' is invalid for input of size 6: `view` asks for 5 elements but the tensor of shape [2, 3] has 6 = 2 × 3 [torch-shape-view]
}
// RUNTIME: bug_zeros_like: threw: shape '[1, 5]' is invalid for input of size 6

void bug_arange() {
  auto y = torch::arange(10).view({3, -1});
  // CHECK: :[[@LINE-1]]:30: warning: shape '[3, -1]' is invalid for input of size 10: the tensor of shape [10] has 10 elements, which is not a multiple of 3 (the product of the other sizes), so -1 cannot be inferred [torch-shape-view]
}
// RUNTIME: bug_arange: threw: shape '[3, -1]' is invalid for input of size 10

// The batch size is unknown here, but no batch size makes B*12288 equal B*1000.
torch::Tensor flattenWrongly(int64_t batch) {
  auto x = torch::rand({batch, 3, 64, 64});
  return x.reshape({batch, 1000});
  // CHECK: :[[@LINE-1]]:12: warning: shape '[batch, 1000]' is invalid for input of size 12288*batch: `reshape` asks for 1000*batch elements but `x` of shape [batch, 3, 64, 64] has 12288*batch = batch × 3 × 64 × 64 [torch-shape-view]
}
void bug_symbolic_batch() { flattenWrongly(2); }
// RUNTIME: bug_symbolic_batch: threw: shape '[2, 1000]' is invalid for input of size 24576

// --- Tricky but correct: must stay silent -----------------------------------

void ok_infer_lenet() {
  auto x = torch::rand({4, 16, 5, 5});
  auto y = x.view({-1, 16 * 5 * 5});
  auto z = x.view({x.size(0), -1});
  auto w = x.reshape({4, 400}).view({2, 2, 20, 20});
}
// RUNTIME: ok_infer_lenet: ok

torch::Tensor flattenBatch(torch::Tensor x) { return x.view({x.size(0), -1}); }
void ok_unknown_input() { flattenBatch(torch::rand({2, 3, 8, 8})); }
// RUNTIME: ok_unknown_input: ok

torch::Tensor anyBatch(int64_t batch) {
  auto x = torch::rand({batch, 3, 64, 64});
  auto y = x.view({batch, -1});
  return y.view({-1, 12288});
}
void ok_symbolic_batch() { anyBatch(3); }
// RUNTIME: ok_symbolic_batch: ok

void ok_runtime_sizes() {
  int64_t n = static_cast<int64_t>(std::time(nullptr) % 3) + 1;
  auto x = torch::rand({n, 6});
  auto y = x.view({-1, 3});
  auto z = x.view({2 * n, 3});
}
// RUNTIME: ok_runtime_sizes: ok

void ok_empty_and_full() {
  auto e = torch::empty({0, 4}).view({-1, 4});
  auto f = torch::full({2, 3}, 1.5).view({3, 2});
  auto r = torch::rand({1, 3, 64, 64}).reshape({1, 64 * 64 * 3});
  auto a = torch::arange(10).view({2, 5});
}
// RUNTIME: ok_empty_and_full: ok

void ok_resize_grows() {
  auto x = torch::rand({2, 3});
  x.resize_({4, 5});
  auto y = x.view({20});
}
// RUNTIME: ok_resize_grows: ok

TS_ORACLE_MAIN(bug_view_count, bug_two_inferred, bug_not_divisible, bug_reshape_constexpr,
               bug_after_resize, bug_zeros_like, bug_arange, bug_symbolic_batch,
               ok_infer_lenet, ok_unknown_input, ok_symbolic_batch, ok_runtime_sizes,
               ok_empty_and_full, ok_resize_grows)
