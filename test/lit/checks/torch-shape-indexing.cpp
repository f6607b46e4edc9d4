// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// Tensor::index and Tensor::index_put_ with at::indexing values: integers
// select and must be in bounds (LibTorch names the integer's position in the
// index list as its "dimension"), slices clamp and never fail (a zero or
// negative step does), None inserts a size-1 dim, Ellipsis skips the
// unindexed dims, a bool mask must match the dims it covers and gives one
// dim of unknown size, integer index tensors broadcast together.
// index_put_ expands the value to the indexed part.
#include "oracle.h"

using namespace torch::indexing;
namespace nn = torch::nn;

// --- Bugs -------------------------------------------------------------------

void bug_index_out_of_bounds() {
  auto x = torch::rand({3, 4});
  auto row = x.index({5});
  // CHECK: :[[@LINE-1]]:23: warning: index 5 is out of bounds for dimension 0 of `x` [3, 4], which has size 3 (LibTorch: index 5 is out of bounds for dimension 0 with size 3) [torch-shape-dim]
  // CHECK: :[[@LINE-3]]:12: note: torch::rand creates a tensor of shape [3, 4]
}
// RUNTIME: bug_index_out_of_bounds: threw: index 5 is out of bounds for dimension 0 with size 3

void bug_column_out_of_bounds() {
  auto x = torch::rand({3, 4});
  auto col = x.index({Slice(), 4});
  // CHECK: :[[@LINE-1]]:32: warning: index 4 is out of bounds for dimension 1 of `x` [3, 4], which has size 4 (LibTorch: index 4 is out of bounds for dimension 1 with size 4) [torch-shape-dim]
}
// RUNTIME: bug_column_out_of_bounds: threw: index 4 is out of bounds for dimension 1 with size 4

void bug_negative_index() {
  auto x = torch::rand({3, 4});
  auto row = x.index({-4});
  // CHECK: :[[@LINE-1]]:23: warning: index -4 is out of bounds for dimension 0 of `x` [3, 4], which has size 3 (LibTorch: index -4 is out of bounds for dimension 0 with size 3) [torch-shape-dim]
}
// RUNTIME: bug_negative_index: threw: index -4 is out of bounds for dimension 0 with size 3

// LibTorch counts the None: the integer is entry 1 of the list.
void bug_index_after_none() {
  auto x = torch::rand({3});
  auto y = x.index({None, 5});
  // CHECK: :[[@LINE-1]]:27: warning: index 5 is out of bounds for dimension 0 of `x` [3], which has size 3 (LibTorch: index 5 is out of bounds for dimension 1 with size 3) [torch-shape-dim]
}
// RUNTIME: bug_index_after_none: threw: index 5 is out of bounds for dimension 1 with size 3

// After Ellipsis the integer indexes the last dim (size 4).
void bug_index_after_ellipsis() {
  auto x = torch::rand({2, 3, 4});
  auto y = x.index({Ellipsis, 5});
  // CHECK: :[[@LINE-1]]:31: warning: index 5 is out of bounds for dimension 2 of `x` [2, 3, 4], which has size 4 (LibTorch: index 5 is out of bounds for dimension 1 with size 4) [torch-shape-dim]
}
// RUNTIME: bug_index_after_ellipsis: threw: index 5 is out of bounds for dimension 1 with size 4

// Found through the call: x.size(0) is one past the last row.
torch::Tensor lastRow(torch::Tensor x) { return x.index({x.size(0)}); }
// CHECK: :[[@LINE-1]]:58: warning: index 3 is out of bounds for dimension 0 of `x` [3, 4], which has size 3 (LibTorch: index 3 is out of bounds for dimension 0 with size 3) [torch-shape-dim]
// CHECK: :[[@LINE+1]]:29: note: in the call of `lastRow` from `bug_symbolic_index` here, with `x` of shape [3, 4]
void bug_symbolic_index() { lastRow(torch::rand({3, 4})); }
// RUNTIME: bug_symbolic_index: threw: index 3 is out of bounds for dimension 0 with size 3

void bug_too_many_indices() {
  auto x = torch::rand({3, 4});
  auto y = x.index({0, Slice(), 0});
  // CHECK: :[[@LINE-1]]:14: warning: `index` indexes 3 dimensions of `x` [3, 4], which has 2 (LibTorch: too many indices for tensor of dimension 2) [torch-shape-dim]
}
// RUNTIME: bug_too_many_indices: threw: too many indices for tensor of dimension 2

void bug_slice_zero_step() {
  auto x = torch::rand({6, 4});
  auto y = x.index({Slice(0, None, 0)});
  // CHECK: :[[@LINE-1]]:21: warning: the step of a Slice cannot be 0 (LibTorch: slice step cannot be zero) [torch-shape-dim]
}
// RUNTIME: bug_slice_zero_step: threw: slice step cannot be zero

// Python's x[::-1] has no C++ counterpart: use flip.
void bug_slice_reversed() {
  auto x = torch::rand({6, 4});
  auto y = x.index({Slice(None, None, -1)});
  // CHECK: :[[@LINE-1]]:21: warning: the step -1 of a Slice given to `index` is negative; LibTorch's C++ indexing only slices forwards (LibTorch: step must be greater than zero) [torch-shape-dim]
}
// RUNTIME: bug_slice_reversed: threw: step must be greater than zero

void bug_mask_shape() {
  auto x = torch::rand({4, 5});
  auto keep = torch::rand({3}) > 0.5;
  auto y = x.index({keep});
  // CHECK: :[[@LINE-1]]:21: warning: the mask [3] given to `index` must have the sizes of the dimensions it selects from, but its dimension 0 is 3 where the indexed tensor [4, 5] has 4 (LibTorch: The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [4, 5] at index 0) [torch-shape-dim]
  // CHECK: :[[@LINE-3]]:15: note: torch::rand creates a tensor of shape [3]
}
// RUNTIME: bug_mask_shape: threw: The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [4, 5] at index 0

// A column mask built from the rows.
void bug_column_mask() {
  auto x = torch::rand({4, 5});
  auto y = x.index({Slice(), x.index({Slice(), 0}) > 0.5});
  // CHECK: :[[@LINE-1]]:30: warning: the mask [4] given to `index` must have the sizes of the dimensions it selects from, but its dimension 0 is 4 where the indexed tensor [4, 5] has 5 (LibTorch: The shape of the mask [4] at index 0 does not match the shape of the indexed tensor [4, 5] at index 1) [torch-shape-dim]
}
// RUNTIME: bug_column_mask: threw: The shape of the mask [4] at index 0 does not match the shape of the indexed tensor [4, 5] at index 1

// The element type is read from how the index was made: .to(torch::kBool)
// is a mask.
void bug_mask_from_dtype() {
  auto x = torch::rand({4, 5});
  auto scores = torch::rand({5});
  auto y = x.index({(scores * 2).to(torch::kBool)});
  // CHECK: :[[@LINE-1]]:21: warning: the mask [5] given to `index` must have the sizes of the dimensions it selects from, but its dimension 0 is 5 where the indexed tensor [4, 5] has 4 (LibTorch: The shape of the mask [5] at index 0 does not match the shape of the indexed tensor [4, 5] at index 0) [torch-shape-dim]
}
// RUNTIME: bug_mask_from_dtype: threw: The shape of the mask [5] at index 0 does not match the shape of the indexed tensor [4, 5] at index 0

void bug_index_tensors_broadcast() {
  auto x = torch::rand({5, 6});
  auto y = x.index({torch::arange(2), torch::arange(3)});
  // CHECK: :[[@LINE-1]]:14: warning: the index tensors of `index` cannot broadcast together: [2], [3] (LibTorch: shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]) [torch-shape-dim]
}
// RUNTIME: bug_index_tensors_broadcast: threw: shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]

void bug_0d_index() {
  auto total = torch::rand({3}).sum();
  auto y = total.index({0});
  // CHECK: :[[@LINE-1]]:25: warning: index 0 of the 0-d tensor `total` selects nothing: a 0-d tensor has no dimension to index (LibTorch: invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number) [torch-shape-dim]
}
// RUNTIME: bug_0d_index: threw: invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number

// Column 0 has 3 elements; a row of 4 does not fit.
void bug_index_put_value() {
  auto x = torch::rand({3, 4});
  x.index_put_({Slice(), 0}, torch::ones({4}));
  // CHECK: :[[@LINE-1]]:30: warning: the value [4] assigned by `index_put_` does not fit the indexed part [3] of `x` [3, 4]: its size 4 cannot expand to 3 in dimension 0 (LibTorch: The expanded size of the tensor (3) must match the existing size (4) at non-singleton dimension 0.  Target sizes: [3].  Tensor sizes: [4]) [torch-shape-broadcast]
}
// RUNTIME: bug_index_put_value: threw: The expanded size of the tensor (3) must match the existing size (4) at non-singleton dimension 0.  Target sizes: [3].  Tensor sizes: [4]

void bug_index_put_rank() {
  auto x = torch::rand({3, 4});
  x.index_put_({0}, torch::ones({2, 4}));
  // CHECK: :[[@LINE-1]]:21: warning: the value [2, 4] assigned by `index_put_` has 2 dimensions, more than the indexed part [4] of `x` [3, 4] (LibTorch: expand(…): the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)) [torch-shape-broadcast]
}
// RUNTIME: bug_index_put_rank: threw: expand(CPUFloatType{[2, 4]}, size=[4]): the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)

// The last time step of a batch-first sequence is x[:, -1]; x[-1] is the
// last sample of the batch.
void bug_last_step_wrong_axis() {
  nn::Linear head(16, 2);
  auto seq = torch::rand({8, 5, 16});
  auto last = seq.index({-1});
  auto y = head(last.view({8, 16}));
  // CHECK: :[[@LINE-1]]:22: warning: shape '[8, 16]' is invalid for input of size 80: `view` asks for 128 elements but `last` of shape [5, 16] has 80 = 5 × 16 [torch-shape-view]
  // CHECK: :[[@LINE-3]]:19: note: index gives [5, 16]
}
// RUNTIME: bug_last_step_wrong_axis: threw: shape '[8, 16]' is invalid for input of size 80

// --- Tricky but correct: must stay silent -----------------------------------

// Slices clamp: past-the-end bounds and empty ranges are fine.
void ok_slices_clamp() {
  auto x = torch::rand({3, 8});
  x.index({Slice(0, 10)}).view({3, 8});
  x.index({Slice(), Slice(1, None, 2)}).view({3, 4});
  x.index({Slice(-2, None), Slice(None, -3)}).view({2, 5});
  x.index({Slice(5, 2)}).view({0, 8});
}
// RUNTIME: ok_slices_clamp: ok

void ok_none_and_ellipsis() {
  auto x = torch::rand({3, 4});
  x.index({Slice(), Slice(), None}).view({3, 4, 1});
  x.index({"...", None}).view({3, 4, 1});
  x.index({None, Ellipsis, -1}).view({1, 3});
  x.index({Ellipsis}).view({3, 4});
  x.index({-3, -4}).view({1});
}
// RUNTIME: ok_none_and_ellipsis: ok

// A mask selects an unknown number of rows; what follows is not judged.
void ok_mask() {
  auto x = torch::rand({3, 4});
  auto picked = x.index({x > 0.5});
  auto rows = x.index({x.index({Slice(), 0}) > 0.5});
  rows.view({-1, 4});
  auto mask = x.sum(1) > 1.0;
  x.index({mask, Slice(1, 3)}).view({-1, 2});
}
// RUNTIME: ok_mask: ok

// Integer index tensors replace the dims they index; apart, they go first.
void ok_index_tensors() {
  auto x = torch::rand({5, 6, 7});
  x.index({torch::arange(2)}).view({2, 6, 7});
  x.index({Slice(), torch::arange(3)}).view({5, 3, 7});
  x.index({torch::arange(2), Slice(), torch::arange(2)}).view({2, 6});
  x.index({Slice(), torch::arange(2), torch::arange(2)}).view({5, 2});
  auto rows = torch::zeros({2, 3}, torch::kLong);
  x.index({rows}).view({2, 3, 6, 7});
  x.index({Slice(), rows, torch::argmax(x.index({0, Slice(), 0}))}).view({5, 2, 3});
}
// RUNTIME: ok_index_tensors: ok

// true adds a dim of 1, false of 0.
void ok_bool_literals() {
  auto x = torch::rand({3, 4});
  x.index({true}).view({1, 3, 4});
  x.index({Slice(), true}).view({3, 1, 4});
  x.index({false}).view({0, 3, 4});
}
// RUNTIME: ok_bool_literals: ok

// The value broadcasts: leading 1s are dropped, size-1 dims stretch.
void ok_index_put() {
  auto x = torch::rand({3, 4});
  x.index_put_({0}, torch::ones({1, 4}));
  x.index_put_({Slice(), 0}, torch::ones({1, 1, 3}));
  x.index_put_({Slice(), Slice(1, 3)}, torch::ones({1}));
  x.index_put_({Slice(), 0}, 2.0);
  x.index_put_({x > 0.5}, 0.0);
  x.view({3, 4});
}
// RUNTIME: ok_index_put: ok

// A mask variable that is reassigned keeps no known element type.
void ok_reassigned_index() {
  auto x = torch::rand({3, 4});
  auto idx = x > 0.5;
  idx = torch::arange(2);
  x.index({idx}).view({2, 4});
}
// RUNTIME: ok_reassigned_index: ok

// Unknown sizes and indices are never judged.
torch::Tensor pick(torch::Tensor x, int64_t i) { return x.index({Slice(), i}); }
void ok_unknown() {
  pick(torch::rand({3, 4}), 2);
  auto x = torch::rand({3, 4});
  for (int64_t i = 0; i < x.size(0); ++i)
    x.index({i}).view({4});
}
// RUNTIME: ok_unknown: ok

TS_ORACLE_MAIN(bug_index_out_of_bounds, bug_column_out_of_bounds, bug_negative_index,
               bug_index_after_none, bug_index_after_ellipsis, bug_symbolic_index,
               bug_too_many_indices, bug_slice_zero_step, bug_slice_reversed, bug_mask_shape,
               bug_column_mask, bug_mask_from_dtype, bug_index_tensors_broadcast, bug_0d_index, bug_index_put_value,
               bug_index_put_rank, bug_last_step_wrong_axis, ok_slices_clamp,
               ok_none_and_ellipsis, ok_mask, ok_index_tensors, ok_bool_literals, ok_index_put,
               ok_reassigned_index, ok_unknown)
