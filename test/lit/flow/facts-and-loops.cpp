// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// Facts from the code (TORCH_CHECK, assert, throw guards) and loops with a
// constant trip count.
#include "oracle.h"

#include <cassert>
#include <stdexcept>

// --- Bugs ---------------------------------------------------------------------

// After the check, x is known to be [?, 784] whatever the caller passed.
torch::Tensor classify(torch::Tensor x) {
  TORCH_CHECK(x.dim() == 2, "expected a batch of flat images");
  TORCH_CHECK(x.size(1) == 784, "expected 28x28 images");
  torch::nn::Linear fc(1000, 10);
  return fc(x);
  // CHECK: :[[@LINE-1]]:10: warning: `fc` expects 1000 input features (Linear(1000, 10)) but its input [x.size(0), 784] has 784 [torch-shape-layer]
}
void bug_checked_input() { classify(torch::rand({2, 784})); }
// RUNTIME: bug_checked_input: threw: mat1 and mat2 shapes cannot be multiplied (2x784 and 1000x10)

// A loop with a constant trip count is unrolled: three Linear(8, 8) then one
// that does not fit.
void bug_unrolled_loop() {
  torch::nn::Sequential seq;
  for (int i = 0; i < 3; ++i)
    seq->push_back(torch::nn::Linear(8, 8));
  seq->push_back(torch::nn::Linear(4, 2));
  auto y = seq->forward(torch::rand({5, 8}));
  // CHECK: :[[@LINE-1]]:17: warning: `seq[3]` expects 4 input features (Linear(4, 2)) but its input [5, 8] has 8 [torch-shape-layer]
}
// RUNTIME: bug_unrolled_loop: threw: mat1 and mat2 shapes cannot be multiplied (5x8 and 4x2)

void bug_loop_reshapes() {
  auto x = torch::rand({2, 3});
  for (int i = 0; i < 2; ++i)
    x = x.unsqueeze(0);
  auto y = x.view({1, 2, 6});
  // CHECK: :[[@LINE-1]]:14: warning: shape '[1, 2, 6]' is invalid for input of size 6: `view` asks for 12 elements but `x` of shape [1, 1, 2, 3] has 6 = 1 × 1 × 2 × 3 [torch-shape-view]
}
// RUNTIME: bug_loop_reshapes: threw: shape '[1, 2, 6]' is invalid for input of size 6

// --- Tricky but correct -------------------------------------------------------

torch::Tensor guarded(torch::Tensor x) {
  if (x.size(1) != 3)
    throw std::runtime_error("expected RGB");
  assert(x.dim() == 4);
  return x.view({x.size(0), 3, -1});
}
void ok_guards() { guarded(torch::rand({2, 3, 8, 8})); }
// RUNTIME: ok_guards: ok

void ok_contradiction_is_dead() {
  auto x = torch::rand({2, 6});
  if (x.size(0) == 3) {
    auto y = x.view({5, 5}); // never runs: x.size(0) is 2
  }
  if (x.dim() != 2)
    x.view({7});
}
// RUNTIME: ok_contradiction_is_dead: ok

void ok_break_in_loop() {
  auto x = torch::rand({2, 3});
  for (int i = 0; i < 5; ++i) {
    if (x.dim() == 4)
      break;
    x = x.unsqueeze(0);
  }
  auto y = x.view({1, 1, 2, 3});
}
// RUNTIME: ok_break_in_loop: ok

void ok_unknown_trip_count() {
  torch::nn::Sequential seq;
  int n = static_cast<int>(torch::randint(1, 4, {1}).item<int64_t>());
  for (int i = 0; i < n; ++i)
    seq->push_back(torch::nn::Linear(8, 8));
  seq->push_back(torch::nn::Linear(8, 2));
  auto y = seq->forward(torch::rand({5, 8}));
  auto x = torch::rand({2, 3});
  for (int i = 0; i < n; ++i)
    x = x.unsqueeze(0);
  auto z = x.view({-1});
}
// RUNTIME: ok_unknown_trip_count: ok

TS_ORACLE_MAIN(bug_checked_input, bug_unrolled_loop, bug_loop_reshapes, ok_guards,
               ok_contradiction_is_dead, ok_break_in_loop, ok_unknown_trip_count)
