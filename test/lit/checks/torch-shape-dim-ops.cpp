// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// torch-shape-dim on ops that reduce, select, reorder, split and grow dims.
#include "oracle.h"

// --- Bugs: dims out of range ------------------------------------------------

void bug_sum_dim() {
  auto x = torch::rand({2, 3});
  auto y = x.sum(2);
  // CHECK: :[[@LINE-1]]:18: warning: dimension 2 is out of range for the 2-d tensor [2, 3] in `sum` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 2)) [torch-shape-dim]
}
// RUNTIME: bug_sum_dim: threw: Dimension out of range (expected to be in range of [-2, 1], but got 2)

void bug_sum_dim_list() {
  auto x = torch::rand({2, 3});
  auto y = x.sum(std::vector<int64_t>{0, 2});
  // CHECK: :[[@LINE-1]]:42: warning: dimension 2 is out of range for the 2-d tensor [2, 3] in `sum` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 2)) [torch-shape-dim]
}
// RUNTIME: bug_sum_dim_list: threw: Dimension out of range (expected to be in range of [-2, 1], but got 2)

void bug_sum_repeated_dim() {
  auto x = torch::rand({2, 3});
  auto y = x.sum(torch::IntArrayRef{1, -1}, /*keepdim=*/true);
  // CHECK: :[[@LINE-1]]:40: warning: dimension 1 is named twice in the dims [1, -1] of `sum` on the 2-d tensor [2, 3] (LibTorch: dim 1 appears multiple times in the list of dims) [torch-shape-dim]
}
// RUNTIME: bug_sum_repeated_dim: threw: dim 1 appears multiple times in the list of dims

void bug_mean_free() {
  auto x = torch::rand({2, 3});
  auto y = torch::mean(x, 3);
  // CHECK: :[[@LINE-1]]:27: warning: dimension 3 is out of range for the 2-d tensor [2, 3] in `torch::mean` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 3)) [torch-shape-dim]
}
// RUNTIME: bug_mean_free: threw: Dimension out of range (expected to be in range of [-2, 1], but got 3)

void bug_softmax() {
  auto logits = torch::rand({8, 10});
  auto p = logits.softmax(2);
  // CHECK: :[[@LINE-1]]:27: warning: dimension 2 is out of range for the 2-d tensor [8, 10] in `softmax` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 2)) [torch-shape-dim]
}
// RUNTIME: bug_softmax: threw: Dimension out of range (expected to be in range of [-2, 1], but got 2)

void bug_log_softmax_free() {
  auto logits = torch::rand({8, 10});
  auto p = torch::log_softmax(logits, -3);
  // CHECK: :[[@LINE-1]]:39: warning: dimension -3 is out of range for the 2-d tensor [8, 10] in `torch::log_softmax` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got -3)) [torch-shape-dim]
}
// RUNTIME: bug_log_softmax_free: threw: Dimension out of range (expected to be in range of [-2, 1], but got -3)

void bug_argmax() {
  auto logits = torch::rand({8, 10});
  auto k = logits.argmax(2);
  // CHECK: :[[@LINE-1]]:26: warning: dimension 2 is out of range for the 2-d tensor [8, 10] in `argmax` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 2)) [torch-shape-dim]
}
// RUNTIME: bug_argmax: threw: Dimension out of range (expected to be in range of [-2, 1], but got 2)

void bug_transpose() {
  auto x = torch::rand({2, 3});
  auto y = x.transpose(0, 2);
  // CHECK: :[[@LINE-1]]:27: warning: dimension 2 is out of range for the 2-d tensor [2, 3] in `transpose` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 2)) [torch-shape-dim]
}
// RUNTIME: bug_transpose: threw: Dimension out of range (expected to be in range of [-2, 1], but got 2)

void bug_squeeze_dim() {
  auto x = torch::rand({2, 1});
  auto y = x.squeeze(2);
  // CHECK: :[[@LINE-1]]:22: warning: dimension 2 is out of range for the 2-d tensor [2, 1] in `squeeze` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 2)) [torch-shape-dim]
}
// RUNTIME: bug_squeeze_dim: threw: Dimension out of range (expected to be in range of [-2, 1], but got 2)

void bug_slice_dim() {
  auto x = torch::rand({2, 3});
  auto y = x.slice(2, 0, 1);
  // CHECK: :[[@LINE-1]]:20: warning: dimension 2 is out of range for the 2-d tensor [2, 3] in `slice` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 2)) [torch-shape-dim]
}
// RUNTIME: bug_slice_dim: threw: Dimension out of range (expected to be in range of [-2, 1], but got 2)

void bug_index_select_dim() {
  auto x = torch::rand({2, 3});
  auto y = x.index_select(2, torch::zeros({1}, torch::kLong));
  // CHECK: :[[@LINE-1]]:27: warning: dimension 2 is out of range for the 2-d tensor [2, 3] in `index_select` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 2)) [torch-shape-dim]
}
// RUNTIME: bug_index_select_dim: threw: Dimension out of range (expected to be in range of [-2, 1], but got 2)

void bug_chunk_dim() {
  auto x = torch::rand({2, 3});
  auto parts = x.chunk(2, 2);
  // CHECK: :[[@LINE-1]]:27: warning: dimension 2 is out of range for the 2-d tensor [2, 3] in `chunk` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 2)) [torch-shape-dim]
}
// RUNTIME: bug_chunk_dim: threw: Dimension out of range (expected to be in range of [-2, 1], but got 2)

void bug_flip_repeated() {
  auto x = torch::rand({2, 3});
  auto y = x.flip({0, -2});
  // CHECK: :[[@LINE-1]]:23: warning: dimension 0 is named twice in the dims [0, -2] of `flip` on the 2-d tensor [2, 3] (LibTorch: dim 0 appears multiple times in the list of dims) [torch-shape-dim]
}
// RUNTIME: bug_flip_repeated: threw: dim 0 appears multiple times in the list of dims

// A reduction leaves a 1-d tensor; its dim 1 is gone.
void reduce_then_softmax(int64_t batch) {
  auto scores = torch::rand({batch, 10});
  auto total = scores.sum(1);
  auto p = total.softmax(1);
  // CHECK: :[[@LINE-1]]:26: warning: dimension 1 is out of range for the 1-d tensor [batch] in `softmax` (LibTorch: Dimension out of range (expected to be in range of [-1, 0], but got 1)) [torch-shape-dim]
}
void bug_after_reduction() { reduce_then_softmax(4); }
// RUNTIME: bug_after_reduction: threw: Dimension out of range (expected to be in range of [-1, 0], but got 1)

// --- Bugs: indices, lengths and orders ------------------------------------

void bug_select_index() {
  auto x = torch::rand({2, 3});
  auto y = x.select(1, 3);
  // CHECK: :[[@LINE-1]]:24: warning: index 3 is out of range for dimension 1 of `x` [2, 3], which has size 3 (LibTorch: select(): index 3 out of range for tensor of size [2, 3] at dimension 1) [torch-shape-dim]
}
// RUNTIME: bug_select_index: threw: select(): index 3 out of range for tensor of size [2, 3] at dimension 1

void bug_select_negative_index() {
  auto x = torch::rand({2, 3});
  auto y = x.select(-1, -4);
  // CHECK: :[[@LINE-1]]:25: warning: index -4 is out of range for dimension 1 of `x` [2, 3], which has size 3 (LibTorch: select(): index -4 out of range for tensor of size [2, 3] at dimension 1) [torch-shape-dim]
}
// RUNTIME: bug_select_negative_index: threw: select(): index -4 out of range for tensor of size [2, 3] at dimension 1

void bug_subscript() {
  auto x = torch::rand({2, 3});
  auto y = x[2];
  // CHECK: :[[@LINE-1]]:14: warning: index 2 is out of range for dimension 0 of `x` [2, 3], which has size 2 (LibTorch: select(): index 2 out of range for tensor of size [2, 3] at dimension 0) [torch-shape-dim]
}
// RUNTIME: bug_subscript: threw: select(): index 2 out of range for tensor of size [2, 3] at dimension 0

void bug_narrow_length() {
  auto x = torch::rand({2, 3});
  auto y = x.narrow(1, 2, 2);
  // CHECK: :[[@LINE-1]]:27: warning: `narrow` of length 2 from 2 does not fit in dimension 1 of `x` [2, 3], which has size 3 (LibTorch: start (2) + length (2) exceeds dimension size (3).) [torch-shape-dim]
}
// RUNTIME: bug_narrow_length: threw: start (2) + length (2) exceeds dimension size (3).

void bug_narrow_start() {
  auto x = torch::rand({2, 3});
  auto y = x.narrow(1, 4, 0);
  // CHECK: :[[@LINE-1]]:24: warning: start 4 of `narrow` is outside dimension 1 of `x` [2, 3], which has size 3 (LibTorch: Dimension out of range (expected to be in range of [-3, 2], but got 4)) [torch-shape-dim]
}
// RUNTIME: bug_narrow_start: threw: Dimension out of range (expected to be in range of [-3, 2], but got 4)

void bug_index_select_matrix() {
  auto x = torch::rand({2, 3});
  auto y = x.index_select(1, torch::zeros({2, 2}, torch::kLong));
  // CHECK: :[[@LINE-1]]:30: warning: `index_select` needs a 1-d index, but the index has shape [2, 2] (LibTorch: index_select(): Index is supposed to be a vector) [torch-shape-dim]
}
// RUNTIME: bug_index_select_matrix: threw: index_select(): Index is supposed to be a vector

void bug_permute_arity() {
  auto x = torch::rand({2, 3, 4});
  auto y = x.permute({0, 1});
  // CHECK: :[[@LINE-1]]:22: warning: `permute` needs one entry per dimension of the 3-d tensor [2, 3, 4], but the order [0, 1] has 2 (LibTorch: permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = 3 is not equal to len(dims) = 2) [torch-shape-dim]
}
// RUNTIME: bug_permute_arity: threw: permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = 3 is not equal to len(dims) = 2

void bug_permute_repeated() {
  auto x = torch::rand({2, 3, 4});
  auto y = x.permute({-1, 0, 2});
  // CHECK: :[[@LINE-1]]:30: warning: dimension 2 is named twice in the dims [-1, 0, 2] of `permute` on the 3-d tensor [2, 3, 4] (LibTorch: permute(): duplicate dims are not allowed.) [torch-shape-dim]
}
// RUNTIME: bug_permute_repeated: threw: permute(): duplicate dims are not allowed.

void bug_permute_range() {
  auto x = torch::rand({2, 3, 4});
  auto y = x.permute({0, 1, 3});
  // CHECK: :[[@LINE-1]]:29: warning: dimension 3 is out of range for the 3-d tensor [2, 3, 4] in `permute` (LibTorch: Dimension out of range (expected to be in range of [-3, 2], but got 3)) [torch-shape-dim]
}
// RUNTIME: bug_permute_range: threw: Dimension out of range (expected to be in range of [-3, 2], but got 3)

void bug_t_batch() {
  auto x = torch::rand({2, 3, 4});
  auto y = x.t();
  // CHECK: :[[@LINE-1]]:14: warning: `t` needs a tensor of at most 2 dimensions, but `x` [2, 3, 4] is 3-d; use transpose(d0, d1) to swap two of its dims (LibTorch: t() expects a tensor with <= 2 dimensions, but self is 3D) [torch-shape-dim]
}
// RUNTIME: bug_t_batch: threw: t() expects a tensor with <= 2 dimensions, but self is 3D

void bug_chunk_zero() {
  auto x = torch::rand({2, 3});
  auto parts = x.chunk(0, 1);
  // CHECK: :[[@LINE-1]]:24: warning: `chunk` into 0 pieces: the count must be positive (LibTorch: chunk expects `chunks` to be greater than 0, got: 0) [torch-shape-dim]
}
// RUNTIME: bug_chunk_zero: threw: chunk expects `chunks` to be greater than 0, got: 0

void bug_split_sizes() {
  auto x = torch::rand({2, 5});
  auto parts = x.split({2, 2}, 1);
  // CHECK: :[[@LINE-1]]:24: warning: the sizes [2, 2] given to `split` add up to 4, but dimension 1 of `x` [2, 5] has size 5 (LibTorch: split_with_sizes expects split_sizes to sum exactly to 5 (input tensor's size at dimension 1), but got split_sizes=[2, 2]) [torch-shape-dim]
}
// RUNTIME: bug_split_sizes: threw: split_with_sizes expects split_sizes to sum exactly to 5 (input tensor's size at dimension 1), but got split_sizes=[2, 2]

void bug_split_negative() {
  auto x = torch::rand({2, 5});
  auto parts = x.split(-1, 1);
  // CHECK: :[[@LINE-1]]:24: warning: `split` into pieces of size -1: the size cannot be negative (LibTorch: split expects split_size be non-negative, but got split_size=-1) [torch-shape-dim]
}
// RUNTIME: bug_split_negative: threw: split expects split_size be non-negative, but got split_size=-1

void bug_slice_step() {
  auto x = torch::rand({2, 10});
  auto y = x.slice(1, 0, 5, 0);
  // CHECK: :[[@LINE-1]]:29: warning: `slice` step 0 is not positive (LibTorch: slice step must be positive) [torch-shape-dim]
}
// RUNTIME: bug_slice_step: threw: slice step must be positive

void bug_unbind_scalar() {
  auto s = torch::rand({2, 3}).sum();
  auto rows = s.unbind(0);
  // CHECK: :[[@LINE-1]]:17: warning: `unbind` needs a tensor with at least one dimension, but `s` is 0-d (LibTorch: Dimension specified as 0 but tensor has no dimensions) [torch-shape-dim]
}
// RUNTIME: bug_unbind_scalar: threw: Dimension specified as 0 but tensor has no dimensions

void bug_repeat_short() {
  auto x = torch::rand({2, 3});
  auto y = x.repeat({2});
  // CHECK: :[[@LINE-1]]:21: warning: `repeat` needs a count for each of the 2 dimensions of `x` [2, 3], but [2] has 1 (LibTorch: Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor) [torch-shape-dim]
}
// RUNTIME: bug_repeat_short: threw: Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor

void bug_expand_short() {
  auto x = torch::rand({2, 3});
  auto y = x.expand({3});
  // CHECK: :[[@LINE-1]]:21: warning: `expand` to [3] gives 1 size for the 2-d tensor [2, 3], which needs at least one per dimension (LibTorch: expand(...{[2, 3]}, size=[3]): the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)) [torch-shape-dim]
}
// RUNTIME: bug_expand_short: threw: expand(CPUFloatType{[2, 3]}, size=[3]): the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)

void bug_expand_size() {
  auto x = torch::rand({2, 3});
  auto y = x.expand({2, 4});
  // CHECK: :[[@LINE-1]]:21: warning: `expand` cannot stretch dimension 1 of size 3 to 4: only size-1 dimensions expand (LibTorch: The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [2, 3]) [torch-shape-dim]
}
// RUNTIME: bug_expand_size: threw: The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [2, 3]

void bug_expand_leading_minus_one() {
  auto x = torch::rand({2, 1});
  auto y = x.expand({-1, 2, 4});
  // CHECK: :[[@LINE-1]]:21: warning: `expand` to [-1, 2, 4] puts -1 at the new leading dimension 0, which has no existing size to keep (LibTorch: The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension 0) [torch-shape-dim]
}
// RUNTIME: bug_expand_leading_minus_one: threw: The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension 0

void bug_expand_as() {
  auto x = torch::rand({2, 3});
  auto y = x.expand_as(torch::rand({2, 4}));
  // CHECK: :[[@LINE-1]]:24: warning: `expand_as` cannot stretch dimension 1 of size 3 to 4: only size-1 dimensions expand (LibTorch: The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [2, 3]) [torch-shape-dim]
}
// RUNTIME: bug_expand_as: threw: The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [2, 3]

// The torch:: function forms follow the same rules.
void bug_free_functions() {
  auto x = torch::rand({2, 3});
  auto a = torch::select(x, 1, 3);
  // CHECK: :[[@LINE-1]]:32: warning: index 3 is out of range for dimension 1 of `x` [2, 3], which has size 3 (LibTorch: select(): index 3 out of range for tensor of size [2, 3] at dimension 1) [torch-shape-dim]
}
// RUNTIME: bug_free_functions: threw: select(): index 3 out of range for tensor of size [2, 3] at dimension 1

void bug_free_transpose() {
  auto x = torch::rand({2, 3});
  auto a = torch::transpose(x, 0, 2);
  // CHECK: :[[@LINE-1]]:35: warning: dimension 2 is out of range for the 2-d tensor [2, 3] in `torch::transpose` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 2)) [torch-shape-dim]
}
// RUNTIME: bug_free_transpose: threw: Dimension out of range (expected to be in range of [-2, 1], but got 2)

void bug_free_permute() {
  auto x = torch::rand({2, 3});
  auto a = torch::permute(x, {0});
  // CHECK: :[[@LINE-1]]:30: warning: `torch::permute` needs one entry per dimension of the 2-d tensor [2, 3], but the order [0] has 1 (LibTorch: permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = 2 is not equal to len(dims) = 1) [torch-shape-dim]
}
// RUNTIME: bug_free_permute: threw: permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = 2 is not equal to len(dims) = 1

void bug_free_narrow() {
  auto x = torch::rand({2, 3});
  auto a = torch::narrow(x, 1, 2, 2);
  // CHECK: :[[@LINE-1]]:35: warning: `narrow` of length 2 from 2 does not fit in dimension 1 of `x` [2, 3], which has size 3 (LibTorch: start (2) + length (2) exceeds dimension size (3).) [torch-shape-dim]
}
// RUNTIME: bug_free_narrow: threw: start (2) + length (2) exceeds dimension size (3).

void bug_free_reductions() {
  auto x = torch::rand({2, 3});
  auto a = torch::amax(x, {2});
  // CHECK: :[[@LINE-1]]:28: warning: dimension 2 is out of range for the 2-d tensor [2, 3] in `torch::amax` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 2)) [torch-shape-dim]
}
// RUNTIME: bug_free_reductions: threw: Dimension out of range (expected to be in range of [-2, 1], but got 2)

void bug_free_argmin() {
  auto x = torch::rand({2, 3});
  auto a = torch::argmin(x, 2);
  // CHECK: :[[@LINE-1]]:29: warning: dimension 2 is out of range for the 2-d tensor [2, 3] in `torch::argmin` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 2)) [torch-shape-dim]
}
// RUNTIME: bug_free_argmin: threw: Dimension out of range (expected to be in range of [-2, 1], but got 2)

void bug_free_cumprod() {
  auto x = torch::rand({2, 3});
  auto a = torch::cumprod(x, 2);
  // CHECK: :[[@LINE-1]]:30: warning: dimension 2 is out of range for the 2-d tensor [2, 3] in `torch::cumprod` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 2)) [torch-shape-dim]
}
// RUNTIME: bug_free_cumprod: threw: Dimension out of range (expected to be in range of [-2, 1], but got 2)

void bug_free_flip() {
  auto x = torch::rand({2, 3});
  auto a = torch::flip(x, {3});
  // CHECK: :[[@LINE-1]]:28: warning: dimension 3 is out of range for the 2-d tensor [2, 3] in `torch::flip` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 3)) [torch-shape-dim]
}
// RUNTIME: bug_free_flip: threw: Dimension out of range (expected to be in range of [-2, 1], but got 3)

void bug_free_chunk() {
  auto x = torch::rand({2, 3});
  auto a = torch::chunk(x, 2, 2);
  // CHECK: :[[@LINE-1]]:31: warning: dimension 2 is out of range for the 2-d tensor [2, 3] in `torch::chunk` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 2)) [torch-shape-dim]
}
// RUNTIME: bug_free_chunk: threw: Dimension out of range (expected to be in range of [-2, 1], but got 2)

void bug_free_unbind() {
  auto x = torch::rand({2, 3});
  auto a = torch::unbind(x, 2);
  // CHECK: :[[@LINE-1]]:29: warning: dimension 2 is out of range for the 2-d tensor [2, 3] in `torch::unbind` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 2)) [torch-shape-dim]
}
// RUNTIME: bug_free_unbind: threw: Dimension out of range (expected to be in range of [-2, 1], but got 2)

void bug_swapdims() {
  auto x = torch::rand({2, 3});
  auto a = x.swapdims(0, 2);
  // CHECK: :[[@LINE-1]]:26: warning: dimension 2 is out of range for the 2-d tensor [2, 3] in `swapdims` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 2)) [torch-shape-dim]
}
// RUNTIME: bug_swapdims: threw: Dimension out of range (expected to be in range of [-2, 1], but got 2)

void bug_split_scalar() {
  auto s = torch::rand({2, 3}).mean();
  auto parts = s.split(1);
  // CHECK: :[[@LINE-1]]:18: warning: `split` needs a tensor with at least one dimension, but `s` is 0-d (LibTorch: split expects at least a 1-dimensional tensor) [torch-shape-dim]
}
// RUNTIME: bug_split_scalar: threw: split expects at least a 1-dimensional tensor

void bug_split_zero() {
  auto x = torch::rand({2, 5});
  auto parts = x.split(0, 1);
  // CHECK: :[[@LINE-1]]:24: warning: `split` into pieces of size 0 of dimension 1 of `x` [2, 5], which has size 5 (LibTorch: split_size can only be 0 if dimension size is 0, but got dimension size of 5) [torch-shape-dim]
}
// RUNTIME: bug_split_zero: threw: split_size can only be 0 if dimension size is 0, but got dimension size of 5

// The pieces of chunk/split are tracked one by one.
void bug_chunk_piece() {
  auto x = torch::rand({2, 5});
  auto parts = x.chunk(2, 1); // [2, 3] and [2, 2]
  auto y = parts[1].select(1, 2);
  // CHECK: :[[@LINE-1]]:31: warning: index 2 is out of range for dimension 1 of the tensor [2, 2], which has size 2 (LibTorch: select(): index 2 out of range for tensor of size [2, 2] at dimension 1) [torch-shape-dim]
}
// RUNTIME: bug_chunk_piece: threw: select(): index 2 out of range for tensor of size [2, 2] at dimension 1

void bug_split_last_piece() {
  auto x = torch::rand({2, 5});
  auto parts = x.split(2, 1); // [2, 2], [2, 2], [2, 1]
  auto y = parts[2].squeeze(1).transpose(0, 1);
  // CHECK: :[[@LINE-1]]:45: warning: dimension 1 is out of range for the 1-d tensor [2] in `transpose` (LibTorch: Dimension out of range (expected to be in range of [-1, 0], but got 1)) [torch-shape-dim]
}
// RUNTIME: bug_split_last_piece: threw: Dimension out of range (expected to be in range of [-1, 0], but got 1)

// The shapes these ops compute feed the other checks.
void chunk_halves(int64_t batch, int64_t hidden) {
  auto x = torch::rand({batch, 2 * hidden});
  auto h = x.chunk(2, 1)[0].reshape({batch, 2 * hidden});
  // CHECK: :[[@LINE-1]]:29: warning: shape '[batch, 2*hidden]' is invalid for input of size batch*hidden: `reshape` asks for 2*batch*hidden elements but the tensor of shape [batch, hidden] has batch*hidden = batch × hidden [torch-shape-view]
}
void bug_symbolic_chunk() { chunk_halves(3, 4); }
// RUNTIME: bug_symbolic_chunk: threw: shape '[3, 8]' is invalid for input of size 12

// --- Tricky but correct: must stay silent -----------------------------------

void ok_negative_dims() {
  auto x = torch::rand({2, 3, 4});
  auto a = x.sum(-1).view({2, 3});
  auto b = x.softmax(-3).view({24});
  auto c = x.select(-1, -4).view({6});
  auto d = x.transpose(-1, -3).reshape({4, 3, 2});
  auto e = x.permute({-1, 0, 1}).reshape({4, 6});
  auto f = x.unsqueeze(-1).squeeze(-1).view({2, 3, 4});
  auto g = x.mean(torch::IntArrayRef{0, -1}).view({3});
  auto h = x.flip({-1, 0}).view({24});
  auto i = x[-1].view({12});
}
// RUNTIME: ok_negative_dims: ok

void ok_keepdim() {
  auto x = torch::rand({2, 3, 4});
  auto a = x.sum(torch::IntArrayRef{0, 2}, /*keepdim=*/true).view({1, 3, 1});
  auto b = x.argmax(1, true).view({2, 1, 4});
  auto c = x.argmax().view({1});
  auto d = x.amax().view({1});
  auto e = x.prod(-1, true).view({2, 3, 1});
  auto f = x.logsumexp({1}, true).view({2, 1, 4});
  auto g = x.sum().view({1});
}
// RUNTIME: ok_keepdim: ok

void ok_zero_dim() {
  auto s = torch::rand({});
  auto a = s.sum(0);
  auto b = s.softmax(-1);
  auto c = s.transpose(0, -1);
  auto d = s.squeeze(0);
  auto e = s.t();
  auto f = s.argmax(0, true);
  auto g = s.expand({2, 3}).reshape({6});
  auto h = s.repeat({2, 3}).view({6});
}
// RUNTIME: ok_zero_dim: ok

void ok_silent_at_runtime() {
  auto x = torch::rand({2, 10});
  auto a = x.squeeze(1).view({20});           // not size 1: a no-op
  auto b = x.slice(1, 2, 100).reshape({16});  // clamped to the end
  auto c = x.slice(1, -3).reshape({6});
  auto d = x.slice(1, 1, 8, 3).reshape({6});
  auto e = x.slice(1, 5, 2).reshape({0});     // empty, not an error
  auto f = x.narrow(1, 10, 0).reshape({0});   // start == size is allowed
  auto g = x.narrow(1, -2, 2).reshape({4});
  auto h = x.split(20, 1)[0].view({20});      // one piece
  auto i = x.t().t().view({20});
}
// RUNTIME: ok_silent_at_runtime: ok

void ok_pieces() {
  auto x = torch::rand({2, 5});
  auto c = x.chunk(2, 1);
  auto c0 = c[0].reshape({6});
  auto c1 = c[1].reshape({4});
  auto s = x.split(2, -1);
  auto s2 = s[2].reshape({2});
  auto w = x.split({2, 3}, 1);
  auto w1 = w[1].reshape({6});
  auto u = x.unbind(1);
  auto u4 = u[4].reshape({2});
  auto v = x.split_with_sizes({1, 4}, 1)[1].reshape({8});
}
// RUNTIME: ok_pieces: ok

void symbolic_ops(int64_t batch, int64_t hidden) {
  auto x = torch::rand({batch, 2 * hidden});
  auto halves = x.chunk(2, 1);
  auto h = halves[1].reshape({batch, hidden});
  auto first = x.select(0, 0).view({2 * hidden});
  auto total = x.sum(-1).view({batch});
  auto p = x.softmax(1).view({batch, 2 * hidden});
  auto t = x.t().reshape({2 * hidden, batch});
  auto r = x.repeat({3, 1}).view({3 * batch, 2 * hidden});
  auto e = x.unsqueeze(1).expand({batch, 4, -1}).reshape({batch, 8 * hidden});
  auto n = x.narrow(1, 0, hidden).reshape({batch, hidden});
  auto s = x.slice(1, 0, hidden).reshape({batch, hidden});
  auto k = x.argmax(1).view({batch});
  auto q = x.split({hidden, hidden}, 1)[0].reshape({batch, hidden});
}
void ok_symbolic() { symbolic_ops(3, 4); }
// RUNTIME: ok_symbolic: ok

torch::Tensor anyRank(torch::Tensor x) {
  auto a = x.sum(5);
  auto b = x.permute({3, 0, 1, 2, 4, 5, 6});
  auto c = x.select(6, 9);
  auto d = x.transpose(0, 5).softmax(-6);
  auto e = x.expand({2, 1, 1, 1, 1, 1, 1, 10});
  auto f = x.chunk(3, 6);
  return x.index_select(6, torch::zeros({2}, torch::kLong));
}
void ok_unknown_rank() { anyRank(torch::rand({1, 1, 1, 1, 1, 1, 10})); }
// RUNTIME: ok_unknown_rank: ok

void ok_index_select_and_expand() {
  auto x = torch::rand({2, 3});
  auto a = x.index_select(1, torch::zeros({5}, torch::kLong)).view({10});
  auto b = x.index_select(0, torch::zeros({}, torch::kLong)).view({3});
  auto c = torch::rand({2, 1}).expand({5, 2, -1}).reshape({10});
  auto d = torch::rand({2, 1}).expand({-1, 4}).reshape({8});
  auto e = x.expand_as(torch::rand({4, 2, 3})).reshape({24});
  auto f = x.repeat({2, 1, 3}).view({2, 2, 9});
}
// RUNTIME: ok_index_select_and_expand: ok

void ok_more_forms() {
  auto x = torch::rand({2, 3});
  auto a = x.chunk(5, 1);                 // 3 pieces: [2, 1] each
  auto a2 = a[2].view({2});
  auto b = x.unbind(-1)[2].view({2});
  auto c = torch::squeeze(torch::rand({1, 3, 1})).view({3});
  auto d = torch::rand({1, 3}).expand({4, -1}).reshape({12});
  auto e = torch::slice(torch::rand({2, 10}), 1, 2, 5).reshape({6});
  auto f = torch::index_select(x, 0, torch::zeros({4}, torch::kLong)).view({12});
  auto g = torch::t(x).reshape({3, 2});
  auto h = x.amin().view({1});
  auto i = x.mean(torch::IntArrayRef{}, true).view({1, 1});
  auto j = torch::rand({}).prod(0, true).view({1});
  auto k = torch::rand({}).cumsum(0).view({1});
  auto l = torch::rand({}).flip({0}).view({1});
  auto m = x.swapaxes(0, 1).reshape({3, 2});
  auto n = torch::rand({2, 0}).split(0, 1);  // 0 only works for an empty dim
}
// RUNTIME: ok_more_forms: ok

TS_ORACLE_MAIN(bug_sum_dim, bug_sum_dim_list, bug_sum_repeated_dim, bug_mean_free, bug_softmax,
               bug_log_softmax_free, bug_argmax, bug_transpose, bug_squeeze_dim, bug_slice_dim,
               bug_index_select_dim, bug_chunk_dim, bug_flip_repeated, bug_after_reduction,
               bug_select_index, bug_select_negative_index, bug_subscript, bug_narrow_length,
               bug_narrow_start, bug_index_select_matrix, bug_permute_arity,
               bug_permute_repeated, bug_permute_range, bug_t_batch, bug_chunk_zero,
               bug_split_sizes, bug_split_negative, bug_slice_step, bug_unbind_scalar,
               bug_repeat_short, bug_expand_short, bug_expand_size,
               bug_expand_leading_minus_one, bug_expand_as, bug_free_functions,
               bug_free_transpose, bug_free_permute, bug_free_narrow, bug_free_reductions,
               bug_free_argmin, bug_free_cumprod, bug_free_flip, bug_free_chunk,
               bug_free_unbind, bug_swapdims, bug_split_scalar, bug_split_zero, bug_chunk_piece,
               bug_split_last_piece, bug_symbolic_chunk, ok_negative_dims, ok_keepdim, ok_zero_dim,
               ok_silent_at_runtime, ok_pieces, ok_symbolic, ok_unknown_rank,
               ok_index_select_and_expand, ok_more_forms)
