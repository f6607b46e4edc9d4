// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// torch-shape-concat: cat/concat/stack/hstack/vstack inputs whose shapes
// disagree (and, under torch-shape-dim, a cat/stack dim out of range).
#include "oracle.h"

// --- Bugs -------------------------------------------------------------------

void bug_cat_sizes() {
  auto a = torch::rand({2, 3});
  auto b = torch::rand({3, 3});
  auto c = torch::cat({a, b}, 1);
  // CHECK: :[[@LINE-1]]:27: warning: `torch::cat` along dimension 1 needs the other sizes to match, but tensor 0 [2, 3] and tensor 1 [3, 3] differ at dimension 0 (2 vs 3) (LibTorch: Sizes of tensors must match except in dimension 1. Expected size 2 but got size 3 for tensor number 1 in the list.) [torch-shape-concat]
}
// RUNTIME: bug_cat_sizes: threw: Sizes of tensors must match except in dimension 1. Expected size 2 but got size 3 for tensor number 1 in the list.

void bug_cat_rank() {
  auto a = torch::rand({2, 3});
  auto c = torch::cat({a, torch::rand({2, 3, 4})}, 1);
  // CHECK: :[[@LINE-1]]:27: warning: `torch::cat` needs inputs of the same rank, but tensor 0 [2, 3] is 2-d and tensor 1 [2, 3, 4] is 3-d (LibTorch: Tensors must have same number of dimensions: got 2 and 3) [torch-shape-concat]
}
// RUNTIME: bug_cat_rank: threw: Tensors must have same number of dimensions: got 2 and 3

void bug_cat_third_input() {
  auto a = torch::rand({4, 3});
  auto c = torch::cat({a, a.narrow(0, 1, 2), torch::rand({1, 4})});
  // CHECK: :[[@LINE-1]]:46: warning: `torch::cat` along dimension 0 needs the other sizes to match, but tensor 0 [4, 3] and tensor 2 [1, 4] differ at dimension 1 (3 vs 4) (LibTorch: Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 2 in the list.) [torch-shape-concat]
}
// RUNTIME: bug_cat_third_input: threw: Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 2 in the list.

void bug_cat_zero_dim() {
  auto a = torch::rand({2, 3});
  auto s = a.sum();
  auto c = torch::cat({a, s});
  // CHECK: :[[@LINE-1]]:27: warning: `torch::cat` cannot concatenate the 0-d tensor at position 1: every input needs at least one dimension (LibTorch: zero-dimensional tensor (at position 1) cannot be concatenated) [torch-shape-concat]
}
// RUNTIME: bug_cat_zero_dim: threw: zero-dimensional tensor (at position 1) cannot be concatenated

void bug_cat_dim() {
  auto a = torch::rand({2, 3});
  auto c = torch::cat({a, a}, 2);
  // CHECK: :[[@LINE-1]]:31: warning: dimension 2 is out of range for the 2-d tensor [2, 3] in `torch::cat` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 2)) [torch-shape-dim]
}
// RUNTIME: bug_cat_dim: threw: Dimension out of range (expected to be in range of [-2, 1], but got 2)

void bug_cat_negative_dim() {
  auto a = torch::rand({2, 3});
  auto c = torch::cat({a, a}, -3);
  // CHECK: :[[@LINE-1]]:31: warning: dimension -3 is out of range for the 2-d tensor [2, 3] in `torch::cat` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got -3)) [torch-shape-dim]
}
// RUNTIME: bug_cat_negative_dim: threw: Dimension out of range (expected to be in range of [-2, 1], but got -3)

void cat_batch_plus_one(int64_t batch) {
  auto x = torch::rand({batch, 3});
  auto y = torch::rand({batch + 1, 3});
  auto c = torch::cat({x, y}, 1);
  // CHECK: :[[@LINE-1]]:27: warning: `torch::cat` along dimension 1 needs the other sizes to match, but tensor 0 [batch, 3] and tensor 1 [batch + 1, 3] differ at dimension 0 (batch vs batch + 1) (LibTorch: Sizes of tensors must match except in dimension 1. Expected size batch but got size batch + 1 for tensor number 1 in the list.) [torch-shape-concat]
}
void bug_cat_symbolic() { cat_batch_plus_one(2); }
// RUNTIME: bug_cat_symbolic: threw: Sizes of tensors must match except in dimension 1. Expected size 2 but got size 3 for tensor number 1 in the list.

void bug_concat() {
  auto a = torch::rand({2, 3});
  auto c = torch::concat({a, a.t()}, 0);
  // CHECK: :[[@LINE-1]]:30: warning: `torch::concat` along dimension 0 needs the other sizes to match, but tensor 0 [2, 3] and tensor 1 [3, 2] differ at dimension 1 (3 vs 2) (LibTorch: Sizes of tensors must match except in dimension 0. Expected size 3 but got size 2 for tensor number 1 in the list.) [torch-shape-concat]
}
// RUNTIME: bug_concat: threw: Sizes of tensors must match except in dimension 0. Expected size 3 but got size 2 for tensor number 1 in the list.

void bug_cat_vector() {
  std::vector<torch::Tensor> parts = {torch::rand({2, 3}), torch::rand({2, 3, 1})};
  auto c = torch::cat(parts, 0);
  // CHECK: :[[@LINE-1]]:23: warning: `torch::cat` needs inputs of the same rank, but tensor 0 [2, 3] is 2-d and tensor 1 [2, 3, 1] is 3-d (LibTorch: Tensors must have same number of dimensions: got 2 and 3) [torch-shape-concat]
}
// RUNTIME: bug_cat_vector: threw: Tensors must have same number of dimensions: got 2 and 3

torch::Tensor joinFeatures(torch::Tensor image, torch::Tensor text) {
  return torch::cat({image, text}, 1);
  // CHECK: :[[@LINE-1]]:29: warning: `torch::cat` along dimension 1 needs the other sizes to match, but tensor 0 [8, 512] and tensor 1 [4, 256] differ at dimension 0 (8 vs 4) (LibTorch: Sizes of tensors must match except in dimension 1. Expected size 8 but got size 4 for tensor number 1 in the list.) [torch-shape-concat]
}
void bug_cat_through_helper() {
  auto img = torch::rand({8, 512});
  auto txt = torch::rand({4, 256});
  auto z = joinFeatures(img, txt);
}
// RUNTIME: bug_cat_through_helper: threw: Sizes of tensors must match except in dimension 1. Expected size 8 but got size 4 for tensor number 1 in the list.

void bug_stack_shapes() {
  auto a = torch::rand({2, 3});
  auto b = torch::rand({2, 4});
  auto s = torch::stack({a, b});
  // CHECK: :[[@LINE-1]]:29: warning: `torch::stack` needs inputs of the same shape, but tensor 0 is [2, 3] and tensor 1 is [2, 4] (LibTorch: stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [2, 4] at entry 1) [torch-shape-concat]
}
// RUNTIME: bug_stack_shapes: threw: stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [2, 4] at entry 1

void bug_stack_dim() {
  auto a = torch::rand({2, 3});
  auto s = torch::stack({a, a}, 3);
  // CHECK: :[[@LINE-1]]:33: warning: dimension 3 is out of range for `torch::stack` of 2-d tensors [2, 3], which makes a 3-d result (LibTorch: Dimension out of range (expected to be in range of [-3, 2], but got 3)) [torch-shape-dim]
}
// RUNTIME: bug_stack_dim: threw: Dimension out of range (expected to be in range of [-3, 2], but got 3)

void bug_hstack() {
  auto s = torch::hstack({torch::rand({2, 3}), torch::rand({3, 3})});
  // CHECK: :[[@LINE-1]]:48: warning: `torch::hstack` along dimension 1 needs the other sizes to match, but tensor 0 [2, 3] and tensor 1 [3, 3] differ at dimension 0 (2 vs 3) (LibTorch: Sizes of tensors must match except in dimension 1. Expected size 2 but got size 3 for tensor number 1 in the list.) [torch-shape-concat]
}
// RUNTIME: bug_hstack: threw: Sizes of tensors must match except in dimension 1. Expected size 2 but got size 3 for tensor number 1 in the list.

void bug_hstack_mixed_rank() {
  auto s = torch::hstack({torch::rand({2}), torch::rand({3, 2})});
  // CHECK: :[[@LINE-1]]:45: warning: `torch::hstack` needs inputs of the same rank, but tensor 0 [2] is 1-d and tensor 1 [3, 2] is 2-d (LibTorch: Tensors must have same number of dimensions: got 1 and 2) [torch-shape-concat]
}
// RUNTIME: bug_hstack_mixed_rank: threw: Tensors must have same number of dimensions: got 1 and 2

void bug_vstack() {
  auto s = torch::vstack({torch::rand({2, 3}), torch::rand({2, 4})});
  // CHECK: :[[@LINE-1]]:48: warning: `torch::vstack` along dimension 0 needs the other sizes to match, but tensor 0 [2, 3] and tensor 1 [2, 4] differ at dimension 1 (3 vs 4) (LibTorch: Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.) [torch-shape-concat]
}
// RUNTIME: bug_vstack: threw: Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.

void bug_vstack_rows() {
  auto s = torch::vstack({torch::rand({3}), torch::rand({4})});
  // CHECK: :[[@LINE-1]]:45: warning: `torch::vstack` along dimension 0 needs the other sizes to match, but tensor 0 [3] (as [1, 3]) and tensor 1 [4] (as [1, 4]) differ at dimension 1 (3 vs 4) (LibTorch: Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.) [torch-shape-concat]
}
// RUNTIME: bug_vstack_rows: threw: Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.

// --- Tricky but correct: must stay silent -----------------------------------

void ok_cat_negative_dim() {
  auto a = torch::rand({2, 3});
  auto b = torch::rand({2, 4});
  auto c = torch::cat({a, b}, -1).view({2, 7});
  auto d = torch::cat({a, b.narrow(1, 0, 3)}, -2).view({4, 3});
}
// RUNTIME: ok_cat_negative_dim: ok

void ok_cat_default_dim() {
  auto c = torch::cat({torch::rand({1, 3}), torch::rand({2, 3}), torch::rand({3, 3})});
  auto v = c.view({6, 3});
}
// RUNTIME: ok_cat_default_dim: ok

void ok_cat_skips_empty_1d() {
  // LibTorch skips 1-d inputs with no elements (legacy behaviour).
  auto c = torch::cat({torch::rand({0}), torch::rand({2, 3})}, 1);
  auto v = c.view({2, 3});
}
// RUNTIME: ok_cat_skips_empty_1d: ok

void cat_batch(int64_t batch) {
  auto x = torch::rand({batch, 3});
  auto h = torch::rand({batch, 4});
  auto c = torch::cat({x, h}, 1).view({batch, 7});
  auto s = torch::stack({x, x}, 1).view({batch, 6});
}
void ok_cat_symbolic() { cat_batch(5); }
// RUNTIME: ok_cat_symbolic: ok

void cat_two_sizes(int64_t n, int64_t m) {
  auto c = torch::cat({torch::rand({n, 3}), torch::rand({m, 3})}, 1);
}
void ok_cat_unproven() { cat_two_sizes(2, 2); }
// RUNTIME: ok_cat_unproven: ok

torch::Tensor joinAny(torch::Tensor x, torch::Tensor y) { return torch::cat({x, y}, 5); }
void ok_cat_unknown_rank() {
  auto r = joinAny(torch::rand({1, 1, 1, 1, 1, 2}), torch::rand({1, 1, 1, 1, 1, 3}));
}
// RUNTIME: ok_cat_unknown_rank: ok

void ok_cat_built_in_loop() {
  std::vector<torch::Tensor> parts;
  for (int i = 0; i < 3; ++i)
    parts.push_back(torch::rand({i + 1, 3}));
  auto c = torch::cat(parts, 0);
}
// RUNTIME: ok_cat_built_in_loop: ok

void ok_stack_edges() {
  auto a = torch::rand({2, 3});
  auto s = torch::stack({a, a, a}, 2).view({2, 3, 3});
  auto t = torch::stack({a, a}, -3).view({2, 2, 3});
  auto u = torch::stack({torch::rand({}), torch::rand({})}).view({2});
}
// RUNTIME: ok_stack_edges: ok

void ok_hstack_vstack() {
  auto a = torch::hstack({torch::rand({2}), torch::rand({3})}).view({5});
  auto b = torch::hstack({torch::rand({}), torch::rand({3})}).view({4});
  auto c = torch::hstack({torch::rand({2, 1}), torch::rand({2, 3})}).view({2, 4});
  auto d = torch::vstack({torch::rand({3}), torch::rand({2, 3})}).view({3, 3});
  auto e = torch::vstack({torch::rand({}), torch::rand({})}).view({2, 1});
}
// RUNTIME: ok_hstack_vstack: ok

TS_ORACLE_MAIN(bug_cat_sizes, bug_cat_rank, bug_cat_third_input, bug_cat_zero_dim, bug_cat_dim,
               bug_cat_negative_dim, bug_cat_symbolic, bug_concat, bug_cat_vector,
               bug_cat_through_helper, bug_stack_shapes, bug_stack_dim, bug_hstack,
               bug_hstack_mixed_rank, bug_vstack, bug_vstack_rows, ok_cat_negative_dim,
               ok_cat_default_dim, ok_cat_skips_empty_1d, ok_cat_symbolic, ok_cat_unproven,
               ok_cat_unknown_rank, ok_cat_built_in_loop, ok_stack_edges, ok_hstack_vstack)
