// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// The calls that most often ended tracking in public LibTorch code (issue 9):
// register_parameter / register_buffer, triu / tril, var / std / mean over
// dims, multinomial, copy_, assignment into a slice or a whole tensor,
// view_as / reshape_as, and the items of named_parameters().
#include "oracle.h"

using namespace torch::indexing;

// --- register_parameter / register_buffer return the tensor they are given --

struct Attention : torch::nn::Module {
  torch::Tensor W, mask;
  int64_t d;
  explicit Attention(int64_t d) : d(d) {
    W = register_parameter("W", torch::randn({d, d}));
    mask = register_buffer("mask", torch::ones({d, d}).tril());
  }
  torch::Tensor forward(torch::Tensor x) {
    auto scores = x.matmul(W).masked_fill(mask == 0, -1e9);
    return scores.view({2, d * d});
  }
};

void bug_registered_parameter() {
  Attention att(4);
  att.forward(torch::rand({3, 4, 4}));
  // CHECK: :[[@LINE-7]]:19: warning: shape '[2, 16]' is invalid for input of size 48{{.*}}[torch-shape-view]
}
// RUNTIME: bug_registered_parameter: threw: shape '[2, 16]' is invalid for input of size 48

void ok_registered_parameter() {
  Attention att(4);
  att.forward(torch::rand({2, 4, 4}));
}
// RUNTIME: ok_registered_parameter: ok

// --- triu / tril ------------------------------------------------------------

void bug_triu_1d() {
  auto causal = torch::triu(torch::ones({5}), 1);
  // CHECK: :[[@LINE-1]]:17: warning: `torch::triu` needs a matrix or a batch of matrices (2 or more dimensions), but the tensor [5] is 1-d (LibTorch: Dimension out of range (expected to be in range of [-1, 0], but got -2)) [torch-shape-dim]
}
// RUNTIME: bug_triu_1d: threw: Dimension out of range (expected to be in range of [-1, 0], but got -2)

void bug_tril_shape() {
  auto m = torch::ones({3, 4}).tril();
  m.view({4, 4});
  // CHECK: :[[@LINE-1]]:5: warning: shape '[4, 4]' is invalid for input of size 12{{.*}}[torch-shape-view]
}
// RUNTIME: bug_tril_shape: threw: shape '[4, 4]' is invalid for input of size 12

void ok_triu_batched() {
  auto m = torch::triu(torch::rand({2, 3, 4}), 1).view({24});
  auto n = torch::ones({4, 4}).tril(-1).view({16});
}
// RUNTIME: ok_triu_batched: ok

// --- var / std / mean over dims ---------------------------------------------

void bug_var_dim() {
  auto x = torch::rand({2, 3});
  auto v = x.var(2);
  // CHECK: :[[@LINE-1]]:18: warning: dimension 2 is out of range for the 2-d tensor [2, 3] in `var` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 2)) [torch-shape-dim]
}
// RUNTIME: bug_var_dim: threw: Dimension out of range (expected to be in range of [-2, 1], but got 2)

void bug_std_dim() {
  auto x = torch::rand({2, 3});
  auto s = x.std(-3);
  // CHECK: :[[@LINE-1]]:18: warning: dimension -3 is out of range for the 2-d tensor [2, 3] in `std` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got -3)) [torch-shape-dim]
}
// RUNTIME: bug_std_dim: threw: Dimension out of range (expected to be in range of [-2, 1], but got -3)

void bug_mean_keepdim() {
  auto x = torch::rand({2, 3, 4});
  auto m = x.mean({1}, true);
  m.view({2, 3});
  // CHECK: :[[@LINE-1]]:5: warning: shape '[2, 3]' is invalid for input of size 8{{.*}}[torch-shape-view]
}
// RUNTIME: bug_mean_keepdim: threw: shape '[2, 3]' is invalid for input of size 8

void ok_reductions() {
  auto x = torch::rand({2, 3, 4});
  auto a = x.var(1).view({8});
  auto b = x.var({1}, true, true).view({2, 4});
  auto c = x.std(-1).view({6});
  auto d = x.var().view({1});
  auto e = x.std(true).view({1});
  auto f = x.mean(-1).view({6});
  auto g = torch::std(x, 1, true, true).view({2, 4});
  auto h = x.mean({1}, true).view({2, 4, 1});
}
// RUNTIME: ok_reductions: ok

// --- multinomial --------------------------------------------------------------

void bug_multinomial_rank() {
  auto probs = torch::rand({2, 3, 4});
  auto s = probs.multinomial(2);
  // CHECK: :[[@LINE-1]]:18: warning: `multinomial` draws from a 1-d tensor of probabilities or a 2-d batch of them, but `probs` has shape [2, 3, 4] (LibTorch: prob_dist must be 1 or 2 dim) [torch-shape-dim]
}
// RUNTIME: bug_multinomial_rank: threw: prob_dist must be 1 or 2 dim

void bug_multinomial_without_replacement() {
  auto probs = torch::rand({3, 4});
  auto s = probs.multinomial(5);
  // CHECK: :[[@LINE-1]]:30: warning: `multinomial` cannot draw 5 samples without replacement from the 4 categories in the last dimension of `probs` [3, 4]; draw at most 4 or pass replacement = true (LibTorch: cannot sample n_sample > prob_dist.size(-1) samples without replacement) [torch-shape-dim]
}
// RUNTIME: bug_multinomial_without_replacement: threw: cannot sample n_sample > prob_dist.size(-1) samples without replacement

void ok_multinomial() {
  auto p = torch::rand({5});
  auto a = p.multinomial(3).view({3});
  auto b = torch::multinomial(torch::rand({4, 5}), 2, true).view({8});
  auto c = p.multinomial(7, true).view({7});
}
// RUNTIME: ok_multinomial: ok

// --- copy_ and assignment -----------------------------------------------------

void bug_copy() {
  auto a = torch::zeros({2, 3});
  a.copy_(torch::rand({3, 2}));
  // CHECK: :[[@LINE-1]]:5: warning: `copy_` cannot broadcast `a` of shape [2, 3] with the source of shape [3, 2]: aligned from the right, dimension 1 has size 3 in `a` and 2 in the source, and neither is 1 (LibTorch: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1) [torch-shape-broadcast]
}
// RUNTIME: bug_copy: threw: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1

void bug_copy_more_dims() {
  auto a = torch::zeros({2, 3});
  a.copy_(torch::rand({1, 2, 3}));
  // CHECK: :[[@LINE-1]]:5: warning: in-place `copy_` cannot keep the shape of `a` of shape [2, 3], as in-place ops must: with the source of shape [1, 2, 3] it broadcasts to [1, 2, 3], which has 3 dimensions where `a` has 2 (LibTorch: output with shape [2, 3] doesn't match the broadcast shape [1, 2, 3]) [torch-shape-broadcast]
}
// RUNTIME: bug_copy_more_dims: threw: output with shape [2, 3] doesn't match the broadcast shape [1, 2, 3]

void bug_slice_assign() {
  auto a = torch::zeros({4, 3});
  a.slice(0, 0, 2) = torch::rand({3, 3});
  // CHECK: :[[@LINE-1]]:20: warning: `=` cannot broadcast the destination of shape [2, 3] with the source of shape [3, 3]: aligned from the right, dimension 0 has size 2 (from slice at line [[@LINE-1]]) in the destination and 3 in the source, and neither is 1 (LibTorch: The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0) [torch-shape-broadcast]
}
// RUNTIME: bug_slice_assign: threw: The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0

void bug_index_assign() {
  auto a = torch::zeros({4, 3});
  a.index({Slice(0, 2)}) = torch::rand({2, 2});
  // CHECK: :[[@LINE-1]]:26: warning: `=` cannot broadcast the destination of shape [2, 3] with the source of shape [2, 2]: aligned from the right, dimension 1 has size 3 in the destination and 2 in the source, and neither is 1 (LibTorch: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1) [torch-shape-broadcast]
}
// RUNTIME: bug_index_assign: threw: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1

void bug_whole_assign_rebinds() {
  auto a = torch::zeros({4, 3});
  a = torch::rand({7});
  a.view({4, 3});
  // CHECK: :[[@LINE-1]]:5: warning: shape '[4, 3]' is invalid for input of size 7{{.*}}[torch-shape-view]
}
// RUNTIME: bug_whole_assign_rebinds: threw: shape '[4, 3]' is invalid for input of size 7

void ok_copy_and_assign() {
  auto a = torch::zeros({4, 3});
  a.copy_(torch::rand({3}));
  a.slice(0, 0, 2) = torch::ones({3});
  a.slice(1, 0, 1) = 5;
  a.index({Slice(0, 2)}) = torch::rand({2, 1});
  auto b = a;
  a = torch::rand({7});
  auto c = a.view({7});
  auto d = b.view({12});
  auto s = b.slice(0, 0, 2);
  s = torch::rand({5});
  auto e = s.view({5});
}
// RUNTIME: ok_copy_and_assign: ok

// --- view_as / reshape_as: the other tensor's sizes -------------------------

void bug_view_as() {
  auto a = torch::rand({2, 6});
  auto b = a.view_as(torch::rand({5}));
  // CHECK: :[[@LINE-1]]:14: warning: shape '[5]' is invalid for input of size 12{{.*}}[torch-shape-view]
}
// RUNTIME: bug_view_as: threw: shape '[5]' is invalid for input of size 12

void bug_reshape_as() {
  auto a = torch::rand({2, 6});
  auto b = a.reshape_as(torch::rand({5, 2}));
  // CHECK: :[[@LINE-1]]:14: warning: shape '[5, 2]' is invalid for input of size 12{{.*}}[torch-shape-view]
}
// RUNTIME: bug_reshape_as: threw: shape '[5, 2]' is invalid for input of size 12

void bug_view_as_transposed() {
  auto a = torch::rand({2, 6});
  auto b = a.t().view_as(torch::rand({12}));
  // CHECK: :[[@LINE-1]]:18: warning: `view_as` cannot give the tensor of shape [6, 2] the shape [12] without copying{{.*}}[torch-shape-view]
}
// RUNTIME: bug_view_as_transposed: threw: view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.

void ok_view_as() {
  auto a = torch::rand({2, 6});
  auto b = a.view_as(torch::rand({3, 4})).view({12});
  auto c = a.t().reshape_as(torch::rand({12})).view({12});
  auto d = a.reshape_as(torch::rand({4, 3})).view({4, 3});
}
// RUNTIME: ok_view_as: ok

// --- named_parameters() items -----------------------------------------------

struct Net : torch::nn::Module {
  torch::nn::Linear fc{nullptr};
  Net() { fc = register_module("fc", torch::nn::Linear(4, 2)); }
};

void ok_named_parameters() {
  Net net;
  auto x = torch::rand({3, 4});
  for (auto &kv : net.named_parameters())
    kv.value().data().mul_(0.5);
  auto y = x.view({12});
}
// RUNTIME: ok_named_parameters: ok

void bug_after_named_parameters() {
  Net net;
  auto x = torch::rand({3, 4});
  for (auto &kv : net.named_parameters())
    kv.value().data().mul_(0.5);
  auto y = net.fc(x).view({5});
  // CHECK: :[[@LINE-1]]:22: warning: shape '[5]' is invalid for input of size 6{{.*}}[torch-shape-view]
}
// RUNTIME: bug_after_named_parameters: threw: shape '[5]' is invalid for input of size 6

TS_ORACLE_MAIN(bug_registered_parameter, ok_registered_parameter, bug_triu_1d, bug_tril_shape,
               ok_triu_batched, bug_var_dim, bug_std_dim, bug_mean_keepdim, ok_reductions,
               bug_multinomial_rank, bug_multinomial_without_replacement, ok_multinomial,
               bug_copy, bug_copy_more_dims, bug_slice_assign, bug_index_assign,
               bug_whole_assign_rebinds, ok_copy_and_assign, bug_view_as, bug_reshape_as,
               bug_view_as_transposed, ok_view_as, ok_named_parameters,
               bug_after_named_parameters)
