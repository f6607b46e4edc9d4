// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// The flow engine: flow-sensitive reassignment, branches joined without
// mixing their facts into false alarms, loops and calls that may change a
// tensor forget its shape.
#include "oracle.h"

#include <ctime>

static bool coin() { return std::time(nullptr) % 2 == 0; }

// --- Bugs that survive control flow -------------------------------------------

void bug_after_reassignment() {
  auto x = torch::rand({2, 3, 4});
  x = x.view({6, 4});
  x = x.flatten();
  auto y = x.view({5, 5});
  // CHECK: :[[@LINE-1]]:14: warning: shape '[5, 5]' is invalid for input of size 24: `view` asks for 25 elements but `x` of shape [24] has 24 [torch-shape-view]
}
// RUNTIME: bug_after_reassignment: threw: shape '[5, 5]' is invalid for input of size 24

void bug_both_branches_agree() {
  auto x = torch::rand({2, 8});
  if (coin())
    x = x.view({4, 4});
  else
    x = x.reshape({16, 1});
  auto y = x.view({3, -1});
  // CHECK: :[[@LINE-1]]:14: warning: shape '[3, -1]' is invalid for input of size 16: `x` of shape [?, ?] has 16 elements, which is not a multiple of 3 (the product of the other sizes), so -1 cannot be inferred [torch-shape-view]
}
// RUNTIME: bug_both_branches_agree: threw: shape '[3, -1]' is invalid for input of size 16

// --- Tricky but correct: must stay silent -----------------------------------

// Mutually exclusive branches: the RGB and the grayscale path each fit.
torch::Tensor preprocess(bool rgb) {
  torch::Tensor x;
  if (rgb) {
    x = torch::rand({1, 3, 32, 32});
    x = x.view({1, 3 * 32 * 32});
  } else {
    x = torch::rand({1, 1, 32, 32});
    x = x.view({1, 32 * 32});
  }
  return x;
}
void ok_exclusive_branches() {
  preprocess(true);
  preprocess(false);
}
// RUNTIME: ok_exclusive_branches: ok

void ok_branches_disagree() {
  auto x = torch::rand({2, 8});
  if (coin())
    x = torch::rand({3, 5});
  auto y = x.view({-1});
  auto z = x.view({x.size(0), -1});
}
// RUNTIME: ok_branches_disagree: ok

void ok_loop_changes_shape() {
  auto x = torch::rand({4, 4});
  for (int i = 0; i < 2; ++i)
    x = x.view({-1}).repeat({2});
  auto y = x.view({8, 8});
}
// RUNTIME: ok_loop_changes_shape: ok

void ok_early_return() {
  auto x = torch::rand({2, 6});
  if (x.size(1) == 6)
    return;
  auto y = x.view({5, 5}); // unreachable: size(1) is 6
}
// RUNTIME: ok_early_return: ok

void ok_dead_branch() {
  auto x = torch::rand({2, 6});
  if (x.dim() == 3)
    x.view({7}); // never runs: x is 2-d
  TORCH_CHECK(x.numel() == 12, "unexpected size");
}
// RUNTIME: ok_dead_branch: ok

static void refill(torch::Tensor &t) { t = torch::rand({5, 5}); }
void ok_changed_by_reference() {
  auto x = torch::rand({2, 6});
  refill(x);
  auto y = x.view({25});
}
// RUNTIME: ok_changed_by_reference: ok

void ok_switch() {
  auto x = torch::rand({2, 6});
  switch (std::time(nullptr) % 3) {
  case 0:
    x = x.view({3, 4});
    break;
  case 1:
    x = torch::rand({7});
    break;
  default:
    break;
  }
  auto y = x.view({-1});
}
// RUNTIME: ok_switch: ok

void ok_inplace_unmodelled() {
  auto x = torch::rand({2, 6});
  x.squeeze_();
  x.unsqueeze_(0);
  auto y = x.view({1, 2, 6});
}
// RUNTIME: ok_inplace_unmodelled: ok

TS_ORACLE_MAIN(bug_after_reassignment, bug_both_branches_agree, ok_exclusive_branches,
               ok_branches_disagree, ok_loop_changes_shape, ok_early_return, ok_dead_branch,
               ok_changed_by_reference, ok_switch, ok_inplace_unmodelled)
