// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// Initialisers (nn::init::*_) return their argument; clamp keeps self's
// shape with number bounds and broadcasts with tensor bounds.
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

TS_ORACLE_MAIN(bug_initialised_weight, bug_filled, bug_clamped, ok_clamp_forms)
