// The clang-tidy module and the CLI report the same warning lines (file, line,
// column, message, check name) for the same file.
//
// RUN: not %torchshape %s -- %flags > %t.cli 2>&1
// RUN: FileCheck %s --implicit-check-not="warning:" < %t.cli
// RUN: %tidy %s -- %flags > %t.tidy 2>&1
// RUN: FileCheck %s --implicit-check-not="warning:" < %t.tidy
// RUN: grep "warning:" %t.cli > %t.cli.warnings
// RUN: grep "warning:" %t.tidy > %t.tidy.warnings
// RUN: diff %t.cli.warnings %t.tidy.warnings
#include <torch/torch.h>

struct NetImpl : torch::nn::Module {
  NetImpl() : fc(register_module("fc", torch::nn::Linear(50176, 10))) {}
  torch::Tensor forward(torch::Tensor x) { return fc->forward(x.view({x.size(0), -1})); }
  // CHECK: tidy-matches-cli.cpp:[[@LINE-1]]:55: warning: `fc` expects 50176 input features (Linear(50176, 10)) but its input [1, 12288] has 12288 (3 × 64 × 64, from view at line [[#@LINE-1]]) [torch-shape-layer]
  // CHECK: tidy-matches-cli.cpp:[[@LINE-3]]:40: note: `fc` is configured here as Linear(50176, 10)
  torch::nn::Linear fc;
};
TORCH_MODULE(Net);

void run() {
  Net net;
  auto out = net->forward(torch::rand({1, 3, 64, 64}));
}

void dim_bug() {
  auto x = torch::rand({2, 3});
  auto y = x.unsqueeze(5);
  // CHECK: tidy-matches-cli.cpp:[[@LINE-1]]:24: warning: dimension 5 is out of range for `unsqueeze` of the 2-d tensor [2, 3] {{.*}} [torch-shape-dim]
}

void view_bug() {
  auto x = torch::rand({2, 3});
  auto y = x.reshape({4, -1});
  // CHECK: tidy-matches-cli.cpp:[[@LINE-1]]:14: warning: shape '[4, -1]' is invalid for input of size 6: {{.*}} [torch-shape-view]
}
