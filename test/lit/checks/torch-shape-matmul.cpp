// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// torch-shape-matmul: matrix products whose inner dimensions differ, operands
// of the wrong rank, batch dimensions that do not broadcast, and einsum
// equations that do not fit their operands.  The `view` calls in the silent
// cases pin the result shapes: a wrong result would make them warn.
#include "oracle.h"

// --- Bugs -------------------------------------------------------------------

void bug_mm_inner() {
  auto x = torch::rand({64, 32});
  auto w = torch::rand({16, 8});
  auto y = x.mm(w);
  // CHECK: :[[@LINE-1]]:14: warning: `mm` cannot multiply `x` of shape [64, 32] by `w` of shape [16, 8]: `x` has 32 columns but `w` has 16 rows (LibTorch: mat1 and mat2 shapes cannot be multiplied (64x32 and 16x8)) [torch-shape-matmul]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [64, 32]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [16, 8]
}
// RUNTIME: bug_mm_inner: threw: mat1 and mat2 shapes cannot be multiplied (64x32 and 16x8)

void bug_mm_rank() {
  auto x = torch::rand({2, 64, 32});
  auto w = torch::rand({32, 8});
  auto y = torch::mm(x, w);
  // CHECK: :[[@LINE-1]]:12: warning: `torch::mm` multiplies two matrices (2-d tensors), but `x` of shape [2, 64, 32] is 3-d (LibTorch: self must be a matrix) [torch-shape-matmul]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2, 64, 32]
}
// RUNTIME: bug_mm_rank: threw: self must be a matrix

void bug_matmul_dot() {
  auto u = torch::rand({3});
  auto v = torch::rand({4});
  auto s = torch::matmul(u, v);
  // CHECK: :[[@LINE-1]]:12: warning: `torch::matmul` needs two vectors of the same length, but `u` of shape [3] has 3 elements and `v` of shape [4] has 4 (LibTorch: inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively) [torch-shape-matmul]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [3]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [4]
}
// RUNTIME: bug_matmul_dot: threw: inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively

void bug_matmul_mat_vec() {
  auto a = torch::rand({2, 3});
  auto v = torch::rand({4});
  auto y = a.matmul(v);
  // CHECK: :[[@LINE-1]]:14: warning: `matmul` cannot multiply `a` of shape [2, 3] by `v` of shape [4]: `a` has 3 columns but `v` has 4 elements (LibTorch: size mismatch, got 2, 2x3,4) [torch-shape-matmul]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2, 3]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [4]
}
// RUNTIME: bug_matmul_mat_vec: threw: size mismatch, got 2, 2x3,4

void bug_matmul_vec_mat() {
  auto v = torch::rand({3});
  auto b = torch::rand({4, 5});
  auto y = v.matmul(b);
  // CHECK: :[[@LINE-1]]:14: warning: `matmul` cannot multiply `v` of shape [3] by `b` of shape [4, 5]: `v` has 3 elements but `b` has 4 rows (LibTorch: mat1 and mat2 shapes cannot be multiplied (1x3 and 4x5)) [torch-shape-matmul]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [3]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [4, 5]
}
// RUNTIME: bug_matmul_vec_mat: threw: mat1 and mat2 shapes cannot be multiplied (1x3 and 4x5)

void bug_matmul_batch_broadcast() {
  auto a = torch::rand({7, 2, 3});
  auto b = torch::rand({6, 3, 5});
  auto y = torch::matmul(a, b);
  // CHECK: :[[@LINE-1]]:12: warning: `torch::matmul` cannot broadcast the batch dimensions [7] of `a` of shape [7, 2, 3] with [6] of `b` of shape [6, 3, 5]: aligned from the right, batch dimension 0 is 7 in `a` and 6 in `b`, and neither is 1 (LibTorch: The size of tensor a (7) must match the size of tensor b (6) at non-singleton dimension 0) [torch-shape-matmul]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [7, 2, 3]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [6, 3, 5]
}
// RUNTIME: bug_matmul_batch_broadcast: threw: The size of tensor a (7) must match the size of tensor b (6) at non-singleton dimension 0

void bug_matmul_batched_inner() {
  auto a = torch::rand({7, 2, 3});
  auto b = torch::rand({7, 4, 5});
  auto y = a.matmul(b);
  // CHECK: :[[@LINE-1]]:14: warning: `matmul` cannot multiply `a` of shape [7, 2, 3] by `b` of shape [7, 4, 5]: `a` has 3 columns but `b` has 4 rows (LibTorch: Expected size for first two dimensions of batch2 tensor to be: [7, 3] but got: [7, 4].) [torch-shape-matmul]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [7, 2, 3]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [7, 4, 5]
}
// RUNTIME: bug_matmul_batched_inner: threw: Expected size for first two dimensions of batch2 tensor to be: [7, 3] but got: [7, 4].

void bug_matmul_0d() {
  auto s = torch::rand({});
  auto v = torch::rand({3});
  auto y = torch::matmul(s, v);
  // CHECK: :[[@LINE-1]]:12: warning: `torch::matmul` needs tensors of at least 1 dimension, but `s` of shape [] is 0-d (LibTorch: both arguments to matmul need to be at least 1D, but they are 0D and 1D) [torch-shape-matmul]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape []
}
// RUNTIME: bug_matmul_0d: threw: both arguments to matmul need to be at least 1D, but they are 0D and 1D

// [B, N, K] x [K', M] with K != K': the batch size is unknown, the mismatch is not.
torch::Tensor projectBatch(int64_t batch, int64_t seq) {
  auto x = torch::rand({batch, seq, 32});
  auto w = torch::rand({16, 8});
  return torch::matmul(x, w);
  // CHECK: :[[@LINE-1]]:10: warning: `torch::matmul` cannot multiply `x` of shape [batch, seq, 32] by `w` of shape [16, 8]: `x` has 32 columns but `w` has 16 rows [torch-shape-matmul]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [batch, seq, 32]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [16, 8]
}
void bug_symbolic_project() { projectBatch(2, 10); }
// RUNTIME: bug_symbolic_project: threw: mat1 and mat2 shapes cannot be multiplied (20x32 and 16x8)

// Attention scores with the key not transposed: [B, T, 64] x [B, 32, T].
torch::Tensor scores(int64_t batch, int64_t t) {
  auto q = torch::rand({batch, t, 64});
  auto k = torch::rand({batch, 32, t});
  return q.matmul(k);
  // CHECK: :[[@LINE-1]]:12: warning: `matmul` cannot multiply `q` of shape [batch, t, 64] by `k` of shape [batch, 32, t]: `q` has 64 columns but `k` has 32 rows (LibTorch: Expected size for first two dimensions of batch2 tensor to be: [batch, 64] but got: [batch, 32].) [torch-shape-matmul]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [batch, t, 64]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [batch, 32, t]
}
void bug_symbolic_scores() { scores(2, 5); }
// RUNTIME: bug_symbolic_scores: threw: Expected size for first two dimensions of batch2 tensor to be: [2, 64] but got: [2, 32].

torch::Tensor squareish(int64_t n) {
  auto a = torch::rand({n, 2 * n});
  auto b = torch::rand({2 * n + 1, 3});
  return a.mm(b);
  // CHECK: :[[@LINE-1]]:12: warning: `mm` cannot multiply `a` of shape [n, 2*n] by `b` of shape [2*n + 1, 3]: `a` has 2*n (2 × n) columns but `b` has 2*n + 1 (2 × n + 1) rows (LibTorch: mat1 and mat2 shapes cannot be multiplied (nx(2*n) and (2*n + 1)x3)) [torch-shape-matmul]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [n, 2*n]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2*n + 1, 3]
}
void bug_symbolic_mm() { squareish(3); }
// RUNTIME: bug_symbolic_mm: threw: mat1 and mat2 shapes cannot be multiplied (3x6 and 7x3)

void bug_bmm_batch() {
  auto a = torch::rand({2, 3, 4});
  auto b = torch::rand({3, 4, 6});
  auto y = a.bmm(b);
  // CHECK: :[[@LINE-1]]:14: warning: `bmm` cannot multiply `a` of shape [2, 3, 4] by `b` of shape [3, 4, 6]: the batch sizes differ, 2 in `a` and 3 in `b`, and `bmm` does not broadcast them (LibTorch: Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [3, 4].) [torch-shape-matmul]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2, 3, 4]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [3, 4, 6]
}
// RUNTIME: bug_bmm_batch: threw: Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [3, 4].

void bug_bmm_no_broadcast() {
  auto a = torch::rand({1, 3, 4});
  auto b = torch::rand({2, 4, 6});
  auto y = torch::bmm(a, b);
  // CHECK: :[[@LINE-1]]:12: warning: `torch::bmm` cannot multiply `a` of shape [1, 3, 4] by `b` of shape [2, 4, 6]: the batch sizes differ, 1 in `a` and 2 in `b`, and `torch::bmm` does not broadcast them (LibTorch: Expected size for first two dimensions of batch2 tensor to be: [1, 4] but got: [2, 4].) [torch-shape-matmul]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [1, 3, 4]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2, 4, 6]
}
// RUNTIME: bug_bmm_no_broadcast: threw: Expected size for first two dimensions of batch2 tensor to be: [1, 4] but got: [2, 4].

void bug_bmm_rank() {
  auto a = torch::rand({3, 4});
  auto b = torch::rand({2, 4, 6});
  auto y = torch::bmm(a, b);
  // CHECK: :[[@LINE-1]]:12: warning: `torch::bmm` multiplies two batches of matrices (3-d tensors), but `a` of shape [3, 4] is 2-d (LibTorch: batch1 must be a 3D tensor) [torch-shape-matmul]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [3, 4]
}
// RUNTIME: bug_bmm_rank: threw: batch1 must be a 3D tensor

void bug_mv() {
  auto a = torch::rand({4, 3});
  auto v = torch::rand({5});
  auto y = torch::mv(a, v);
  // CHECK: :[[@LINE-1]]:12: warning: `torch::mv` cannot multiply `a` of shape [4, 3] by `v` of shape [5]: `a` has 3 columns but `v` has 5 elements (LibTorch: size mismatch, got 4, 4x3,5) [torch-shape-matmul]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [4, 3]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [5]
}
// RUNTIME: bug_mv: threw: size mismatch, got 4, 4x3,5

void bug_mv_rank() {
  auto a = torch::rand({4, 3});
  auto v = torch::rand({3, 1});
  auto y = a.mv(v);
  // CHECK: :[[@LINE-1]]:14: warning: `mv` multiplies a matrix (2-d) by a vector (1-d), but `v` of shape [3, 1] is 2-d (LibTorch: vector + matrix @ vector expected, got 1, 2, 2) [torch-shape-matmul]
  // CHECK: :[[@LINE-3]]:12: note: torch::rand creates a tensor of shape [3, 1]
}
// RUNTIME: bug_mv_rank: threw: vector + matrix @ vector expected, got 1, 2, 2

void bug_dot() {
  auto u = torch::rand({3});
  auto v = torch::rand({4});
  auto y = u.dot(v);
  // CHECK: :[[@LINE-1]]:14: warning: `dot` needs two vectors of the same length, but `u` of shape [3] has 3 elements and `v` of shape [4] has 4 (LibTorch: inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively) [torch-shape-matmul]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [3]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [4]
}
// RUNTIME: bug_dot: threw: inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively

void bug_dot_rank() {
  auto u = torch::rand({3, 1});
  auto v = torch::rand({3});
  auto y = torch::dot(u, v);
  // CHECK: :[[@LINE-1]]:12: warning: `torch::dot` takes two vectors (1-d tensors), but `u` of shape [3, 1] is 2-d (LibTorch: 1D tensors expected, but got 2D and 1D tensors) [torch-shape-matmul]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [3, 1]
}
// RUNTIME: bug_dot_rank: threw: 1D tensors expected, but got 2D and 1D tensors

void bug_addmm_bias() {
  auto bias = torch::rand({3});
  auto x = torch::rand({2, 4});
  auto w = torch::rand({4, 5});
  auto y = torch::addmm(bias, x, w);
  // CHECK: :[[@LINE-1]]:12: warning: `torch::addmm` cannot add `bias` of shape [3] to the product [2, 5] of `x` of shape [2, 4] and `w` of shape [4, 5]: aligned from the right, dimension 1 is 3 in `bias` but 5 in the product, and only a size of 1 could stretch (LibTorch: The expanded size of the tensor (5) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 5].  Tensor sizes: [3]) [torch-shape-matmul]
  // CHECK: :[[@LINE-5]]:15: note: torch::rand creates a tensor of shape [3]
  // CHECK: :[[@LINE-5]]:12: note: torch::rand creates a tensor of shape [2, 4]
  // CHECK: :[[@LINE-5]]:12: note: torch::rand creates a tensor of shape [4, 5]
}
// RUNTIME: bug_addmm_bias: threw: The expanded size of the tensor (5) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 5].  Tensor sizes: [3]

void bug_addmm_inner() {
  auto bias = torch::rand({5});
  auto x = torch::rand({2, 4});
  auto w = torch::rand({3, 5});
  auto y = bias.addmm(x, w);
  // CHECK: :[[@LINE-1]]:17: warning: `addmm` cannot multiply `x` of shape [2, 4] by `w` of shape [3, 5]: `x` has 4 columns but `w` has 3 rows (LibTorch: mat1 and mat2 shapes cannot be multiplied (2x4 and 3x5)) [torch-shape-matmul]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2, 4]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [3, 5]
}
// RUNTIME: bug_addmm_inner: threw: mat1 and mat2 shapes cannot be multiplied (2x4 and 3x5)

void bug_addmm_rank() {
  auto bias = torch::rand({5});
  auto x = torch::rand({1, 2, 4});
  auto w = torch::rand({4, 5});
  auto y = torch::addmm(bias, x, w);
  // CHECK: :[[@LINE-1]]:12: warning: `torch::addmm` multiplies two matrices (2-d tensors), but `x` of shape [1, 2, 4] is 3-d (LibTorch: mat1 must be a matrix, got 3-D tensor) [torch-shape-matmul]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [1, 2, 4]
}
// RUNTIME: bug_addmm_rank: threw: mat1 must be a matrix, got 3-D tensor

void bug_addmm_inplace() {
  auto acc = torch::rand({5});
  auto x = torch::rand({2, 4});
  auto w = torch::rand({4, 5});
  acc.addmm_(x, w);
  // CHECK: :[[@LINE-1]]:7: warning: in-place `addmm_` writes the product of shape [2, 5] into `acc` of shape [5], which must already have that shape: `acc` is 1-d and the product 2-d (LibTorch: Bad in-place call: input tensor size [5] and output tensor size [2, 5] should match) [torch-shape-matmul]
  // CHECK: :[[@LINE-5]]:14: note: torch::rand creates a tensor of shape [5]
  // CHECK: :[[@LINE-5]]:12: note: torch::rand creates a tensor of shape [2, 4]
  // CHECK: :[[@LINE-5]]:12: note: torch::rand creates a tensor of shape [4, 5]
}
// RUNTIME: bug_addmm_inplace: threw: Bad in-place call: input tensor size [5] and output tensor size [2, 5] should match

void bug_baddbmm_bias() {
  auto bias = torch::rand({3});
  auto a = torch::rand({2, 3, 4});
  auto b = torch::rand({2, 4, 5});
  auto y = torch::baddbmm(bias, a, b);
  // CHECK: :[[@LINE-1]]:12: warning: `torch::baddbmm` cannot add `bias` of shape [3] to the product [2, 3, 5] of `a` of shape [2, 3, 4] and `b` of shape [2, 4, 5]: aligned from the right, dimension 2 is 3 in `bias` but 5 in the product, and only a size of 1 could stretch (LibTorch: The expanded size of the tensor (5) must match the existing size (3) at non-singleton dimension 2.  Target sizes: [2, 3, 5].  Tensor sizes: [3]) [torch-shape-matmul]
  // CHECK: :[[@LINE-5]]:15: note: torch::rand creates a tensor of shape [3]
  // CHECK: :[[@LINE-5]]:12: note: torch::rand creates a tensor of shape [2, 3, 4]
  // CHECK: :[[@LINE-5]]:12: note: torch::rand creates a tensor of shape [2, 4, 5]
}
// RUNTIME: bug_baddbmm_bias: threw: The expanded size of the tensor (5) must match the existing size (3) at non-singleton dimension 2.  Target sizes: [2, 3, 5].  Tensor sizes: [3]

void bug_einsum_size() {
  auto a = torch::rand({2, 3});
  auto b = torch::rand({5, 4});
  auto y = torch::einsum("ij,jk->ik", {a, b});
  // CHECK: :[[@LINE-1]]:12: warning: `torch::einsum` with "ij,jk->ik": subscript j has size 5 in `b` of shape [5, 4] but 3 in the operands before it, and neither is 1 (LibTorch: einsum(): subscript j has size 5 for operand 1 which does not broadcast with previously seen size 3) [torch-shape-matmul]
  // CHECK: :[[@LINE-3]]:12: note: torch::rand creates a tensor of shape [5, 4]
}
// RUNTIME: bug_einsum_size: threw: einsum(): subscript j has size 5 for operand 1 which does not broadcast with previously seen size 3

void bug_einsum_rank() {
  auto a = torch::rand({2, 3, 1});
  auto b = torch::rand({3, 4});
  auto y = torch::einsum("ij,jk->ik", {a, b});
  // CHECK: :[[@LINE-1]]:12: warning: `torch::einsum` with "ij,jk->ik": the term for `a` has 2 subscripts but `a` of shape [2, 3, 1] has 3 dimensions (LibTorch: einsum(): the number of subscripts in the equation (2) does not match the number of dimensions (3) for operand 0 and no ellipsis was given) [torch-shape-matmul]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2, 3, 1]
}
// RUNTIME: bug_einsum_rank: threw: einsum(): the number of subscripts in the equation (2) does not match the number of dimensions (3) for operand 0 and no ellipsis was given

void bug_einsum_operands() {
  auto a = torch::rand({2, 3});
  auto b = torch::rand({3, 4});
  auto y = torch::einsum("ij,jk,kl->il", {a, b});
  // CHECK: :[[@LINE-1]]:12: warning: `torch::einsum` with "ij,jk,kl->il" has 3 operand terms but is given 2 tensors (LibTorch: einsum(): fewer operands were provided than specified in the equation) [torch-shape-matmul]
}
// RUNTIME: bug_einsum_operands: threw: einsum(): fewer operands were provided than specified in the equation

void bug_einsum_output() {
  auto a = torch::rand({2, 3});
  auto b = torch::rand({3, 4});
  auto y = torch::einsum("ij,jk->iz", {a, b});
  // CHECK: :[[@LINE-1]]:12: warning: `torch::einsum` with "ij,jk->iz": output subscript z does not appear in the equation for any input operand (LibTorch: einsum(): output subscript z does not appear in the equation for any input operand) [torch-shape-matmul]
}
// RUNTIME: bug_einsum_output: threw: einsum(): output subscript z does not appear in the equation for any input operand

void bug_einsum_diagonal() {
  auto a = torch::rand({3, 4});
  auto y = torch::einsum("ii->i", {a});
  // CHECK: :[[@LINE-1]]:12: warning: `torch::einsum` with "ii->i": subscript i is repeated in the term for `a` and so takes its diagonal, but `a` of shape [3, 4] has 3 and 4 there (LibTorch: einsum(): subscript i is repeated for operand 0 but the sizes don't match, 4 != 3) [torch-shape-matmul]
  // CHECK: :[[@LINE-3]]:12: note: torch::rand creates a tensor of shape [3, 4]
}
// RUNTIME: bug_einsum_diagonal: threw: einsum(): subscript i is repeated for operand 0 but the sizes don't match, 4 != 3

// Found through the call: `project` on its own knows nothing of its inputs.
torch::Tensor project(torch::Tensor x, torch::Tensor w) { return x.matmul(w); }
// CHECK: :[[@LINE-1]]:68: warning: `matmul` cannot multiply `x` of shape [8, 5, 32] by `w` of shape [64, 10]: `x` has 32 columns but `w` has 64 rows [torch-shape-matmul]
// CHECK: :[[@LINE+3]]:35: note: torch::rand creates a tensor of shape [8, 5, 32]
// CHECK: :[[@LINE+2]]:60: note: torch::rand creates a tensor of shape [64, 10]
// CHECK: :[[@LINE+1]]:27: note: in the call of `project` from `bug_through_call` here, with `x` of shape [8, 5, 32], `w` of shape [64, 10]
void bug_through_call() { project(torch::rand({8, 5, 32}), torch::rand({64, 10})); }
// RUNTIME: bug_through_call: threw: mat1 and mat2 shapes cannot be multiplied (40x32 and 64x10)

// --- Tricky but correct: must stay silent -----------------------------------

// [B, N, K] x [K, M] -> [B, N, M], whatever B and N.
torch::Tensor projectOk(int64_t batch, int64_t seq) {
  auto x = torch::rand({batch, seq, 32});
  auto w = torch::rand({32, 8});
  auto y = torch::matmul(x, w);
  return y.view({batch * seq, 8});
}
void ok_symbolic_project() { projectOk(2, 10); }
// RUNTIME: ok_symbolic_project: ok

void ok_rank_cases() {
  auto s = torch::matmul(torch::rand({3}), torch::rand({3})).view({1});
  auto mv = torch::matmul(torch::rand({2, 3}), torch::rand({3})).view({2});
  auto vm = torch::matmul(torch::rand({3}), torch::rand({3, 5})).view({5});
  auto bv = torch::matmul(torch::rand({7, 2, 3}), torch::rand({3})).view({7, 2});
  auto vb = torch::matmul(torch::rand({3}), torch::rand({7, 3, 5})).view({7, 5});
  auto mb = torch::matmul(torch::rand({2, 3}), torch::rand({7, 3, 5})).view({7, 2, 5});
}
// RUNTIME: ok_rank_cases: ok

void ok_batch_broadcast() {
  auto a = torch::rand({2, 1, 3, 4});
  auto b = torch::rand({5, 4, 6});
  auto y = a.matmul(b).view({2, 5, 3, 6});
}
// RUNTIME: ok_batch_broadcast: ok

torch::Tensor attention(int64_t batch, int64_t t) {
  auto q = torch::rand({batch, t, 64});
  auto k = torch::rand({batch, 64, t});
  auto v = torch::rand({batch, t, 32});
  auto w = q.matmul(k);
  return torch::bmm(w, v).view({batch, t * 32});
}
void ok_attention() { attention(2, 5); }
// RUNTIME: ok_attention: ok

// Unknown ranks and sizes: nothing is proven.
torch::Tensor anyProduct(torch::Tensor x, torch::Tensor w) { return x.mm(w) + x.matmul(w); }
torch::Tensor dependsOn(int64_t n, int64_t k, int64_t m) {
  return torch::rand({n, k}).mm(torch::rand({m, 3}));
}
void ok_unknown() {
  anyProduct(torch::rand({3, 3}), torch::rand({3, 3}));
  dependsOn(2, 4, 4);
}
// RUNTIME: ok_unknown: ok

void ok_mv_dot_addmm() {
  auto a = torch::rand({4, 3});
  auto v = torch::rand({3});
  auto y = a.mv(v).view({4});
  auto d = v.dot(v).view({1});
  auto bias = torch::rand({5});
  auto z = torch::addmm(bias, torch::rand({2, 4}), torch::rand({4, 5})).view({10});
  auto acc = torch::zeros({2, 5});
  acc.addmm_(torch::rand({2, 4}), torch::rand({4, 5}));
  auto col = torch::rand({2, 1});
  auto z2 = col.addmm(torch::rand({2, 4}), torch::rand({4, 5})).view({10});
  auto bb = torch::baddbmm(torch::rand({3, 1}), torch::rand({2, 3, 4}), torch::rand({2, 4, 5}));
  auto bb2 = bb.view({30});
}
// RUNTIME: ok_mv_dot_addmm: ok

void ok_einsum() {
  auto a = torch::rand({2, 3});
  auto b = torch::rand({3, 4});
  auto y = torch::einsum("ij,jk->ik", {a, b}).view({8});
  auto imp = torch::einsum("ij,jk", {a, b}).view({8});
  auto one = torch::einsum("ij,jk->ik", {torch::rand({2, 1}), b}).view({8});
  auto bat = torch::einsum("...ij,...jk->...ik", {torch::rand({7, 2, 3}), b}).view({56});
  auto bmm = torch::einsum("bij,bjk->bik", {torch::rand({5, 2, 3}), torch::rand({5, 3, 4})});
  auto bmm2 = bmm.view({40});
  auto tr = torch::einsum("ii", {torch::rand({3, 3})}).view({1});
  auto outer = torch::einsum("i,j->ij", {torch::rand({3}), torch::rand({4})}).view({12});
  auto perm = torch::einsum("ba...", {torch::rand({2, 3, 4})}).view({4, 3, 2});
}
// RUNTIME: ok_einsum: ok

TS_ORACLE_MAIN(bug_mm_inner, bug_mm_rank, bug_matmul_dot, bug_matmul_mat_vec, bug_matmul_vec_mat,
               bug_matmul_batch_broadcast, bug_matmul_batched_inner, bug_matmul_0d,
               bug_symbolic_project, bug_symbolic_scores, bug_symbolic_mm, bug_bmm_batch,
               bug_bmm_no_broadcast, bug_bmm_rank, bug_mv, bug_mv_rank, bug_dot, bug_dot_rank,
               bug_addmm_bias, bug_addmm_inner, bug_addmm_rank, bug_addmm_inplace,
               bug_baddbmm_bias, bug_einsum_size, bug_einsum_rank, bug_einsum_operands,
               bug_einsum_output, bug_einsum_diagonal, bug_through_call,
               ok_symbolic_project, ok_rank_cases, ok_batch_broadcast, ok_attention, ok_unknown,
               ok_mv_dot_addmm, ok_einsum)
