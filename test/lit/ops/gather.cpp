// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// gather(dim, index) has the index's shape; the index has self's rank and is
// no larger than self outside dim.
#include "oracle.h"

void bug_index_too_wide() {
  auto x = torch::rand({2, 3});
  auto i = torch::zeros({2, 5}, torch::kLong);
  auto b = x.gather(0, i);
  // CHECK: :[[@LINE-1]]:24: warning: `gather` along dim 0 needs an index no larger than `x` [2, 3] in the other dims, but the index [2, 5] has 5 in dim 1 (LibTorch: Size does not match at dimension 1 expected index [2, 5] to be smaller than self [2, 3] apart from dimension 0) [torch-shape-dim]
}
// RUNTIME: bug_index_too_wide: threw: Size does not match at dimension 1 expected index [2, 5] to be smaller than self [2, 3] apart from dimension 0

void bug_index_rank() {
  auto x = torch::rand({2, 3});
  auto c = torch::gather(x, 1, torch::zeros({2}, torch::kLong));
  // CHECK: :[[@LINE-1]]:32: warning: `torch::gather` needs an index with the 2 dimensions of `x` [2, 3], but the index has shape [2] (LibTorch: Index tensor must have the same number of dimensions as input tensor) [torch-shape-dim]
}
// RUNTIME: bug_index_rank: threw: Index tensor must have the same number of dimensions as input tensor

void bug_result_shape() {
  auto logits = torch::rand({4, 10});
  auto labels = torch::zeros({4, 1}, torch::kLong);
  auto picked = logits.gather(1, labels).view({2, 3});
  // CHECK: :[[@LINE-1]]:42: warning: shape '[2, 3]' is invalid for input of size 4{{.*}}[torch-shape-view]
}
// RUNTIME: bug_result_shape: threw: shape '[2, 3]' is invalid for input of size 4

void ok_gather() {
  auto x = torch::rand({2, 3});
  auto a = x.gather(1, torch::zeros({2, 5}, torch::kLong)).view({10});
  auto b = x.gather(0, torch::zeros({4, 3}, torch::kLong)).view({12});
  auto c = x.gather(-1, torch::zeros({1, 1}, torch::kLong)).view({1});
}
// RUNTIME: ok_gather: ok

TS_ORACLE_MAIN(bug_index_too_wide, bug_index_rank, bug_result_shape, ok_gather)
