// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// Lambdas and helper functions: shapes cross them; what they may change is
// forgotten.
#include "oracle.h"

#include <algorithm>
#include <vector>

// --- Bugs ---------------------------------------------------------------------

void bug_in_lambda() {
  auto flatten = [](torch::Tensor t) { return t.view({t.size(0), -1}); };
  torch::nn::Linear fc(784, 10);
  auto y = fc(flatten(torch::rand({2, 3, 28, 28})));
  // CHECK: :[[@LINE-1]]:12: warning: `fc` expects 784 input features (Linear(784, 10)) but its input [2, 2352] has 2352 (3 × 28 × 28, from view at line [[#@LINE-3]]) [torch-shape-layer]
}
// RUNTIME: bug_in_lambda: threw: mat1 and mat2 shapes cannot be multiplied (2x2352 and 784x10)

// A helper that builds and returns a module.
torch::nn::Sequential makeHead(int64_t in, int64_t hidden, int64_t blocks) {
  torch::nn::Sequential head;
  for (int64_t i = 0; i < blocks; ++i) {
    head->push_back(torch::nn::Linear(in, hidden));
    head->push_back(torch::nn::ReLU());
    in = hidden;
  }
  head->push_back(torch::nn::Linear(hidden, 10));
  return head;
}
void bug_helper_module() {
  auto head = makeHead(32, 64, 2);
  auto y = head->forward(torch::rand({4, 16}));
  // CHECK: :[[@LINE-1]]:18: warning: `head[0]` expects 32 input features (Linear(32, 64)) but its input [4, 16] has 16 [torch-shape-layer]
}
// RUNTIME: bug_helper_module: threw: mat1 and mat2 shapes cannot be multiplied (4x16 and 32x64)

// --- Tricky but correct -------------------------------------------------------

void ok_lambda_changes_capture() {
  auto x = torch::rand({2, 6});
  auto widen = [&] { x = torch::rand({5, 5}); };
  widen();
  auto y = x.view({25});
}
// RUNTIME: ok_lambda_changes_capture: ok

void ok_lambda_passed_along() {
  auto x = torch::rand({2, 6});
  std::vector<int> runs = {1};
  std::for_each(runs.begin(), runs.end(), [&](int) { x = torch::rand({5, 5}); });
  auto y = x.view({25});
}
// RUNTIME: ok_lambda_passed_along: ok

void ok_helper_module() {
  auto head = makeHead(32, 64, 3);
  auto y = head->forward(torch::rand({4, 32}));
  auto z = y.view({2, 20});
}
// RUNTIME: ok_helper_module: ok

TS_ORACLE_MAIN(bug_in_lambda, bug_helper_module, ok_lambda_changes_capture,
               ok_lambda_passed_along, ok_helper_module)
