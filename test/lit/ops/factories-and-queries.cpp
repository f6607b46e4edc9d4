// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// Every factory, query and shape-preserving op of the foundation carries the
// shape through to a view that is then checked.
#include "oracle.h"

namespace F = torch::nn::functional;

void bug_factories() {
  auto a = torch::randn({2, 3}).view({5});
  // CHECK: :[[@LINE-1]]:33: warning: shape '[5]' is invalid for input of size 6: `view` asks for 5 elements but the tensor of shape [2, 3] has 6 = 2 × 3 [torch-shape-view]
}
// RUNTIME: bug_factories: threw: shape '[5]' is invalid for input of size 6

void bug_ones_empty_full() {
  auto a = torch::ones({4}).view({2, 2});
  auto b = torch::empty({3, 3}).reshape({2, 4});
  // CHECK: :[[@LINE-1]]:33: warning: shape '[2, 4]' is invalid for input of size 9: `reshape` asks for 8 elements but the tensor of shape [3, 3] has 9 = 3 × 3 [torch-shape-view]
}
// RUNTIME: bug_ones_empty_full: threw: shape '[2, 4]' is invalid for input of size 9

void bug_like_factories() {
  auto x = torch::rand({2, 5});
  auto a = torch::ones_like(x).view({10});
  auto b = torch::randn_like(x).view({3, -1});
  // CHECK: :[[@LINE-1]]:33: warning: shape '[3, -1]' is invalid for input of size 10: the tensor of shape [2, 5] has 10 = 2 × 5 elements, which is not a multiple of 3 (the product of the other sizes), so -1 cannot be inferred [torch-shape-view]
}
// RUNTIME: bug_like_factories: threw: shape '[3, -1]' is invalid for input of size 10

void bug_through_elementwise() {
  auto x = torch::rand({4, 6});
  auto y = torch::relu(x).sigmoid().tanh().exp().abs().contiguous().clone().to(torch::kFloat);
  auto z = F::dropout(F::relu(y)).detach();
  auto w = z.view({5, 5});
  // CHECK: :[[@LINE-1]]:14: warning: shape '[5, 5]' is invalid for input of size 24: `view` asks for 25 elements but `z` of shape [4, 6] has 24 = 4 × 6 [torch-shape-view]
}
// RUNTIME: bug_through_elementwise: threw: shape '[5, 5]' is invalid for input of size 24

void bug_queries() {
  auto x = torch::rand({2, 3, 4});
  auto s = x.sizes();
  auto y = x.view({s[0], s[1] * s[2] + 1});
  // CHECK: :[[@LINE-1]]:14: warning: shape '[2, 13]' is invalid for input of size 24: `view` asks for 26 elements but `x` of shape [2, 3, 4] has 24 = 2 × 3 × 4 [torch-shape-view]
}
// RUNTIME: bug_queries: threw: shape '[2, 13]' is invalid for input of size 24

void bug_numel_dim() {
  auto x = torch::zeros({2, 3, 4});
  auto y = torch::zeros({x.numel() / 2, x.dim()});
  auto z = y.view({5, -1});
  // CHECK: :[[@LINE-1]]:14: warning: shape '[5, -1]' is invalid for input of size 36: `y` of shape [12, 3] has 36 = 12 × 3 elements, which is not a multiple of 5 (the product of the other sizes), so -1 cannot be inferred [torch-shape-view]
}
// RUNTIME: bug_numel_dim: threw: shape '[5, -1]' is invalid for input of size 36

// --- Tricky but correct -------------------------------------------------------

void ok_queries() {
  auto x = torch::rand({2, 3, 4});
  auto s = x.sizes();
  auto a = x.view({s[0], s[1] * s[2]});
  auto b = x.view({x.size(0), x.size(1), -1});
  auto c = torch::full({x.numel()}, 0.5).view({x.size(0), -1});
  auto d = torch::arange(0, 12, 2).view({2, 3});
  auto e = torch::arange(3, 9).view({x.dim(), 2});
}
// RUNTIME: ok_queries: ok

TS_ORACLE_MAIN(bug_factories, bug_ones_empty_full, bug_like_factories, bug_through_elementwise,
               bug_queries, bug_numel_dim, ok_queries)
