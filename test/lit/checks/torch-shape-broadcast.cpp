// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// torch-shape-broadcast: elementwise operands whose shapes cannot broadcast,
// and in-place ops whose broadcast result does not keep self's shape.  The
// `view` calls in the silent cases pin the result shapes: a wrong result
// would make them warn.
#include "oracle.h"

// --- Bugs -------------------------------------------------------------------

void bug_add() {
  auto x = torch::rand({2, 3});
  auto b = torch::rand({4});
  auto y = x + b;
  // CHECK: :[[@LINE-1]]:14: warning: `+` cannot broadcast `x` of shape [2, 3] with `b` of shape [4]: aligned from the right, dimension 1 has size 3 in `x` and 4 in `b`, and neither is 1 (LibTorch: The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1) [torch-shape-broadcast]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2, 3]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [4]
}
// RUNTIME: bug_add: threw: The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1

void bug_sub_leading() {
  auto x = torch::rand({5, 2, 3});
  auto b = torch::rand({4, 3});
  auto y = x - b;
  // CHECK: :[[@LINE-1]]:14: warning: `-` cannot broadcast `x` of shape [5, 2, 3] with `b` of shape [4, 3]: aligned from the right, dimension 1 has size 2 in `x` and 4 in `b`, and neither is 1 (LibTorch: The size of tensor a (2) must match the size of tensor b (4) at non-singleton dimension 1) [torch-shape-broadcast]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [5, 2, 3]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [4, 3]
}
// RUNTIME: bug_sub_leading: threw: The size of tensor a (2) must match the size of tensor b (4) at non-singleton dimension 1

void bug_mul_method() {
  auto x = torch::rand({2, 3});
  auto s = torch::rand({3, 3});
  auto y = x.mul(s);
  // CHECK: :[[@LINE-1]]:14: warning: `mul` cannot broadcast `x` of shape [2, 3] with `s` of shape [3, 3]: aligned from the right, dimension 0 has size 2 in `x` and 3 in `s`, and neither is 1 (LibTorch: The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0) [torch-shape-broadcast]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2, 3]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [3, 3]
}
// RUNTIME: bug_mul_method: threw: The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0

void bug_div_free() {
  auto x = torch::rand({8, 10});
  auto n = torch::rand({8});
  auto y = torch::div(x, n);
  // CHECK: :[[@LINE-1]]:12: warning: `torch::div` cannot broadcast `x` of shape [8, 10] with `n` of shape [8]: aligned from the right, dimension 1 has size 10 in `x` and 8 in `n`, and neither is 1 (LibTorch: The size of tensor a (10) must match the size of tensor b (8) at non-singleton dimension 1) [torch-shape-broadcast]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [8, 10]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [8]
}
// RUNTIME: bug_div_free: threw: The size of tensor a (10) must match the size of tensor b (8) at non-singleton dimension 1

void bug_compare() {
  auto x = torch::rand({2, 3});
  auto t = torch::rand({2});
  auto m = x < t;
  // CHECK: :[[@LINE-1]]:14: warning: `<` cannot broadcast `x` of shape [2, 3] with `t` of shape [2]: aligned from the right, dimension 1 has size 3 in `x` and 2 in `t`, and neither is 1 (LibTorch: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1) [torch-shape-broadcast]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2, 3]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2]
}
// RUNTIME: bug_compare: threw: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1

void bug_eq_method() {
  auto x = torch::rand({2, 3});
  auto t = torch::rand({4, 1});
  auto m = x.eq(t);
  // CHECK: :[[@LINE-1]]:14: warning: `eq` cannot broadcast `x` of shape [2, 3] with `t` of shape [4, 1]: aligned from the right, dimension 0 has size 2 in `x` and 4 in `t`, and neither is 1 (LibTorch: The size of tensor a (2) must match the size of tensor b (4) at non-singleton dimension 0) [torch-shape-broadcast]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2, 3]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [4, 1]
}
// RUNTIME: bug_eq_method: threw: The size of tensor a (2) must match the size of tensor b (4) at non-singleton dimension 0

void bug_scalar_first() {
  auto x = torch::rand({2, 3});
  auto b = torch::rand({4});
  auto y = (1 - x) * b;
  // CHECK: :[[@LINE-1]]:20: warning: `*` cannot broadcast the left operand of shape [2, 3] with `b` of shape [4]: aligned from the right, dimension 1 has size 3 in the left operand and 4 in `b`, and neither is 1 (LibTorch: The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1) [torch-shape-broadcast]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2, 3]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [4]
}
// RUNTIME: bug_scalar_first: threw: The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1

void bug_pow() {
  auto x = torch::rand({2, 3});
  auto e = torch::rand({2});
  auto y = x.pow(e);
  // CHECK: :[[@LINE-1]]:14: warning: `pow` cannot broadcast `x` of shape [2, 3] with `e` of shape [2]: aligned from the right, dimension 1 has size 3 in `x` and 2 in `e`, and neither is 1 (LibTorch: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1) [torch-shape-broadcast]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2, 3]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2]
}
// RUNTIME: bug_pow: threw: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1

void bug_maximum() {
  auto x = torch::rand({2, 3});
  auto c = torch::rand({5});
  auto y = torch::maximum(x, c);
  // CHECK: :[[@LINE-1]]:12: warning: `torch::maximum` cannot broadcast `x` of shape [2, 3] with `c` of shape [5]: aligned from the right, dimension 1 has size 3 in `x` and 5 in `c`, and neither is 1 (LibTorch: The size of tensor a (3) must match the size of tensor b (5) at non-singleton dimension 1) [torch-shape-broadcast]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2, 3]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [5]
}
// RUNTIME: bug_maximum: threw: The size of tensor a (3) must match the size of tensor b (5) at non-singleton dimension 1

void bug_max_two() {
  auto x = torch::rand({2, 3});
  auto c = torch::rand({5});
  auto y = x.max(c);
  // CHECK: :[[@LINE-1]]:14: warning: `max` cannot broadcast `x` of shape [2, 3] with `c` of shape [5]: aligned from the right, dimension 1 has size 3 in `x` and 5 in `c`, and neither is 1 (LibTorch: The size of tensor a (3) must match the size of tensor b (5) at non-singleton dimension 1) [torch-shape-broadcast]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2, 3]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [5]
}
// RUNTIME: bug_max_two: threw: The size of tensor a (3) must match the size of tensor b (5) at non-singleton dimension 1

void bug_where() {
  auto x = torch::rand({2, 3});
  auto y = torch::rand({3});
  auto cond = torch::rand({4}) > 0.5;
  auto z = torch::where(cond, x, y);
  // CHECK: :[[@LINE-1]]:12: warning: the operands of `torch::where` cannot broadcast: `cond` of shape [4] and `x` of shape [2, 3]: aligned from the right, dimension 1 has size 4 in `cond` and 3 in `x`, and neither is 1 (LibTorch: The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1) [torch-shape-broadcast]
  // CHECK: :[[@LINE-3]]:15: note: torch::rand creates a tensor of shape [4]
  // CHECK: :[[@LINE-6]]:12: note: torch::rand creates a tensor of shape [2, 3]
}
// RUNTIME: bug_where: threw: The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1

// Whatever the condition, [3] and [4] cannot broadcast.  Which sizes LibTorch
// names depends on the condition, so its message is not quoted.
torch::Tensor pick(torch::Tensor cond) {
  return torch::where(cond, torch::rand({3}), torch::rand({4}));
  // CHECK: :[[@LINE-1]]:10: warning: the operands of `torch::where` cannot broadcast: the first value of shape [3] and the second value of shape [4]: aligned from the right, dimension 0 has size 3 in the first value and 4 in the second value, and neither is 1 [torch-shape-broadcast]
  // CHECK: :[[@LINE-2]]:29: note: torch::rand creates a tensor of shape [3]
  // CHECK: :[[@LINE-3]]:47: note: torch::rand creates a tensor of shape [4]
}
void bug_where_any_condition() { pick(torch::rand({2}) > 0.5); }
// RUNTIME: bug_where_any_condition: threw: The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0

void bug_masked_fill() {
  auto x = torch::rand({2, 3});
  auto mask = torch::rand({4}) > 0.5;
  auto y = x.masked_fill(mask, 0.0);
  // CHECK: :[[@LINE-1]]:14: warning: `masked_fill` cannot broadcast `mask` of shape [4] with `x` of shape [2, 3]: aligned from the right, dimension 1 has size 4 in `mask` and 3 in `x`, and neither is 1 (LibTorch: The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1) [torch-shape-broadcast]
  // CHECK: :[[@LINE-3]]:15: note: torch::rand creates a tensor of shape [4]
  // CHECK: :[[@LINE-5]]:12: note: torch::rand creates a tensor of shape [2, 3]
}
// RUNTIME: bug_masked_fill: threw: The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1

void bug_masked_fill_value() {
  auto x = torch::rand({2, 3});
  auto mask = x > 0.5;
  auto v = torch::rand({1});
  auto y = x.masked_fill(mask, v);
  // CHECK: :[[@LINE-1]]:32: warning: the fill value `v` of `masked_fill` has shape [1]; it must be a scalar or a 0-dimensional tensor (LibTorch: masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).) [torch-shape-broadcast]
  // CHECK: :[[@LINE-3]]:12: note: torch::rand creates a tensor of shape [1]
}
// RUNTIME: bug_masked_fill_value: threw: masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).

// In place: the result must keep self's shape.
void bug_add_inplace_grows() {
  auto acc = torch::zeros({3});
  auto x = torch::rand({2, 3});
  acc.add_(x);
  // CHECK: :[[@LINE-1]]:7: warning: in-place `add_` cannot keep the shape of `acc` of shape [3], as in-place ops must: with `x` of shape [2, 3] it broadcasts to [2, 3], which has 2 dimensions where `acc` has 1 (LibTorch: output with shape [3] doesn't match the broadcast shape [2, 3]) [torch-shape-broadcast]
  // CHECK: :[[@LINE-4]]:14: note: torch::zeros creates a tensor of shape [3]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2, 3]
}
// RUNTIME: bug_add_inplace_grows: threw: output with shape [3] doesn't match the broadcast shape [2, 3]

void bug_iadd_leading_one() {
  auto acc = torch::zeros({3});
  acc += torch::rand({1, 3});
  // CHECK: :[[@LINE-1]]:7: warning: in-place `+=` cannot keep the shape of `acc` of shape [3], as in-place ops must: with the right operand of shape [1, 3] it broadcasts to [1, 3], which has 2 dimensions where `acc` has 1 (LibTorch: output with shape [3] doesn't match the broadcast shape [1, 3]) [torch-shape-broadcast]
  // CHECK: :[[@LINE-3]]:14: note: torch::zeros creates a tensor of shape [3]
  // CHECK: :[[@LINE-3]]:10: note: torch::rand creates a tensor of shape [1, 3]
}
// RUNTIME: bug_iadd_leading_one: threw: output with shape [3] doesn't match the broadcast shape [1, 3]

void bug_imul_size_one() {
  auto g = torch::rand({2, 1});
  auto w = torch::rand({2, 3});
  g *= w;
  // CHECK: :[[@LINE-1]]:5: warning: in-place `*=` cannot keep the shape of `g` of shape [2, 1], as in-place ops must: with `w` of shape [2, 3] it broadcasts to [2, 3], whose dimension 1 is 3 where `g`'s is 1 (LibTorch: output with shape [2, 1] doesn't match the broadcast shape [2, 3]) [torch-shape-broadcast]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2, 1]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2, 3]
}
// RUNTIME: bug_imul_size_one: threw: output with shape [2, 1] doesn't match the broadcast shape [2, 3]

void bug_masked_fill_inplace() {
  auto x = torch::rand({3});
  auto mask = torch::rand({2, 3}) > 0.5;
  x.masked_fill_(mask, 0.0);
  // CHECK: :[[@LINE-1]]:5: warning: in-place `masked_fill_` cannot keep the shape of `x` of shape [3], as in-place ops must: with `mask` of shape [2, 3] it broadcasts to [2, 3], which has 2 dimensions where `x` has 1 (LibTorch: output with shape [3] doesn't match the broadcast shape [2, 3]) [torch-shape-broadcast]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [3]
  // CHECK: :[[@LINE-4]]:15: note: torch::rand creates a tensor of shape [2, 3]
}
// RUNTIME: bug_masked_fill_inplace: threw: output with shape [3] doesn't match the broadcast shape [2, 3]

void bug_inplace_mismatch() {
  auto x = torch::rand({2, 3});
  auto b = torch::rand({4});
  x.sub_(b);
  // CHECK: :[[@LINE-1]]:5: warning: `sub_` cannot broadcast `x` of shape [2, 3] with `b` of shape [4]: aligned from the right, dimension 1 has size 3 in `x` and 4 in `b`, and neither is 1 (LibTorch: The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1) [torch-shape-broadcast]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [2, 3]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [4]
}
// RUNTIME: bug_inplace_mismatch: threw: The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1

// The sizes are unknown, but 2n and 2n + 1 are never equal and never 1.
torch::Tensor widen(int64_t batch, int64_t n) {
  auto x = torch::rand({batch, n, 2 * n});
  auto b = torch::rand({n, 2 * n + 1});
  return x + b;
  // CHECK: :[[@LINE-1]]:12: warning: `+` cannot broadcast `x` of shape [batch, n, 2*n] with `b` of shape [n, 2*n + 1]: aligned from the right, dimension 2 has size 2*n (2 × n) in `x` and 2*n + 1 (2 × n + 1) in `b`, and neither is 1 (LibTorch: The size of tensor a (2*n) must match the size of tensor b (2*n + 1) at non-singleton dimension 2) [torch-shape-broadcast]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [batch, n, 2*n]
  // CHECK: :[[@LINE-4]]:12: note: torch::rand creates a tensor of shape [n, 2*n + 1]
}
void bug_symbolic() { widen(2, 3); }
// RUNTIME: bug_symbolic: threw: The size of tensor a (6) must match the size of tensor b (7) at non-singleton dimension 2

// Found through the call: `addBias` on its own knows nothing of its inputs.
torch::Tensor addBias(torch::Tensor x, torch::Tensor b) { return x + b; }
// CHECK: :[[@LINE-1]]:68: warning: `+` cannot broadcast `x` of shape [8, 10] with `b` of shape [5]: aligned from the right, dimension 1 has size 10 in `x` and 5 in `b`, and neither is 1 (LibTorch: The size of tensor a (10) must match the size of tensor b (5) at non-singleton dimension 1) [torch-shape-broadcast]
// CHECK: :[[@LINE+3]]:35: note: torch::rand creates a tensor of shape [8, 10]
// CHECK: :[[@LINE+2]]:57: note: torch::rand creates a tensor of shape [5]
// CHECK: :[[@LINE+1]]:27: note: in the call of `addBias` from `bug_through_call` here, with `x` of shape [8, 10], `b` of shape [5]
void bug_through_call() { addBias(torch::rand({8, 10}), torch::rand({5})); }
// RUNTIME: bug_through_call: threw: The size of tensor a (10) must match the size of tensor b (5) at non-singleton dimension 1

// --- Tricky but correct: must stay silent -----------------------------------

// [B, 1, C] + [C] -> [B, 1, C]; [B, 1, C] * [1, T, 1] -> [B, T, C].
torch::Tensor biasAdd(int64_t batch, int64_t c, int64_t t) {
  auto x = torch::rand({batch, 1, c});
  auto b = torch::rand({c});
  auto y = (x + b).view({batch, c});
  auto g = torch::rand({1, t, 1});
  return (x * g).view({batch * t * c});
}
void ok_bias_broadcast() { biasAdd(4, 3, 5); }
// RUNTIME: ok_bias_broadcast: ok

void ok_outer_broadcast() {
  auto col = torch::rand({4, 1});
  auto row = torch::rand({1, 5});
  auto y = (col * row).view({20});
  auto z = (torch::rand({5, 1, 3}) + torch::rand({4, 3})).view({60});
  auto w = torch::where(torch::rand({4, 1}) > 0.5, torch::rand({3}), torch::rand({2, 1, 1}));
  auto w2 = w.view({24});
}
// RUNTIME: ok_outer_broadcast: ok

void ok_scalars() {
  auto x = torch::rand({2, 3});
  auto y = (x + 1).view({6});
  auto z = (2 * x - 1.5).view({6});
  auto p = x.pow(2) + torch::pow(2, x);
  auto m = torch::where(x > 0.5, x, 0.0).view({6});
  auto c = x.clone();
  c += 1;
  c.mul_(0.5);
  auto f = x.masked_fill(x > 0.5, 0.0).view({6});
  auto s = (x + torch::rand({})).view({6});
}
// RUNTIME: ok_scalars: ok

// Unknown ranks and sizes: nothing is proven.
torch::Tensor anySum(torch::Tensor x, torch::Tensor y) {
  x.add_(y);
  return x * y + torch::rand({3});
}
torch::Tensor maybeOne(int64_t n) {
  auto x = torch::rand({n, 3});
  auto y = torch::rand({n});
  auto z = torch::rand({n});
  z += torch::rand({3}); // fine whenever n == 3
  return x + y; // fine whenever n is 1 or 3
}
void ok_unknown() {
  anySum(torch::rand({2, 3}), torch::rand({3}));
  maybeOne(3);
}
// RUNTIME: ok_unknown: ok

void ok_inplace() {
  auto x = torch::rand({2, 3});
  x += torch::rand({3});
  x.sub_(torch::rand({2, 1}));
  x.masked_fill_(torch::rand({3}) > 0.5, 0.0);
  x.div_(torch::rand({}));
  auto y = x.view({6});
}
// RUNTIME: ok_inplace: ok

void ok_reductions() {
  auto x = torch::rand({2, 3});
  auto m = x.max().view({1});
  auto r = std::get<0>(x.max(1)).view({2});
  auto k = std::get<0>(torch::min(x, 0, true)).view({3});
}
// RUNTIME: ok_reductions: ok

TS_ORACLE_MAIN(bug_add, bug_sub_leading, bug_mul_method, bug_div_free, bug_compare, bug_eq_method,
               bug_scalar_first, bug_pow, bug_maximum, bug_max_two, bug_where,
               bug_where_any_condition, bug_masked_fill, bug_masked_fill_value, bug_add_inplace_grows, bug_iadd_leading_one,
               bug_imul_size_one, bug_masked_fill_inplace, bug_inplace_mismatch, bug_symbolic,
               bug_through_call, ok_bias_broadcast, ok_outer_broadcast, ok_scalars, ok_unknown,
               ok_inplace, ok_reductions)
