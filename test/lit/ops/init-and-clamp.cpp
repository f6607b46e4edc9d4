// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// Initialisers (nn::init::*_) return their argument; clamp keeps self's
// shape with number bounds and broadcasts with tensor bounds; masked_select
// is 1-d; torch::normal takes its sizes last; data() keeps the shape.
#include "oracle.h"

namespace nn = torch::nn;

void bug_initialised_weight() {
  auto w = torch::empty({64, 3, 3, 3});
  auto k = nn::init::kaiming_normal_(w);
  auto v = k.view({64, 26});
  // CHECK: :[[@LINE-1]]:14: warning: shape '[64, 26]' is invalid for input of size 1728{{.*}}[torch-shape-view]
}
// RUNTIME: bug_initialised_weight: threw: shape '[64, 26]' is invalid for input of size 1728

void bug_filled() {
  auto flat = nn::init::constant_(torch::empty({10}), 0.5).view({3, 3});
  // CHECK: :[[@LINE-1]]:60: warning: shape '[3, 3]' is invalid for input of size 10{{.*}}[torch-shape-view]
}
// RUNTIME: bug_filled: threw: shape '[3, 3]' is invalid for input of size 10

void bug_clamped() {
  auto x = torch::rand({4, 5}).clamp(0, 1).view({21});
  // CHECK: :[[@LINE-1]]:44: warning: shape '[21]' is invalid for input of size 20{{.*}}[torch-shape-view]
}
// RUNTIME: bug_clamped: threw: shape '[21]' is invalid for input of size 20

void ok_clamp_forms() {
  auto x = torch::rand({4, 5});
  auto a = x.clamp_min(0.1).view({20});
  auto b = torch::clamp_max(x, 0.9).view({2, 10});
  // Tensor bounds broadcast: [5] with [3, 1, 1] gives [3, 1, 5].
  auto lo = torch::zeros({3, 1, 1});
  auto c = torch::rand({5}).clamp(lo, torch::ones({1})).view({15});
  auto d = nn::init::xavier_uniform_(torch::empty({8, 4})).view({32});
}
// RUNTIME: ok_clamp_forms: ok

void bug_selected() {
  auto x = torch::rand({4, 5});
  auto picked = x.masked_select(x > 2.0);
  auto s = picked.sum(1);
  // CHECK: :[[@LINE-1]]:23: warning: dimension 1 is out of range for the 1-d tensor [?] in `sum`{{.*}}[torch-shape-dim]
}
// RUNTIME: bug_selected: threw: Dimension out of range (expected to be in range of [-1, 0], but got 1)

void bug_normal() {
  auto n = torch::normal(0, 1, {3, 4}).view({13});
  // CHECK: :[[@LINE-1]]:40: warning: shape '[13]' is invalid for input of size 12{{.*}}[torch-shape-view]
}
// RUNTIME: bug_normal: threw: shape '[13]' is invalid for input of size 12

void ok_selection_and_data() {
  auto x = torch::rand({4, 5});
  auto m = x.masked_select(x > 0.5).view({-1, 1});
  x.set_requires_grad(true);
  auto d = x.data().view({20});
}
// RUNTIME: ok_selection_and_data: ok

TS_ORACLE_MAIN(bug_initialised_weight, bug_filled, bug_clamped, ok_clamp_forms, bug_selected,
               bug_normal, ok_selection_and_data)
