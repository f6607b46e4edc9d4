// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// The seed bug (a 64x64 RGB image fed to a model built for 224x224
// grayscale) in the forms users write it.
#include "oracle.h"

struct NetImpl : torch::nn::Module {
  NetImpl() : fc(register_module("fc", torch::nn::Linear(50176, 10))) {}
  torch::Tensor forward(torch::Tensor x) { return fc->forward(x); }
  // CHECK-DAG: :[[@LINE-1]]:55: warning: `fc` expects 50176 input features (Linear(50176, 10)) but its input [1, 12288] has 12288 (3 × 64 × 64, from view at line [[#@LINE+9]]) [torch-shape-layer]
  torch::nn::Linear fc;
};
TORCH_MODULE(Net);

// The flatten written in main, as view({1, -1}).
void bug_view_in_main() {
  Net net;
  auto image = torch::rand({1, 3, 64, 64});
  auto out = net->forward(image.view({1, -1}));
}
// RUNTIME: bug_view_in_main: threw: mat1 and mat2 shapes cannot be multiplied (1x12288 and 50176x10)

struct FlatNetImpl : torch::nn::Module {
  FlatNetImpl() : fc(register_module("fc", torch::nn::Linear(50176, 10))) {}
  torch::Tensor forward(torch::Tensor x) { return fc(torch::flatten(x, 1)); }
  // CHECK-DAG: :[[@LINE-1]]:51: warning: `fc` expects 50176 input features (Linear(50176, 10)) but its input [1, 12288] has 12288 (3 × 64 × 64, from flatten at line [[#@LINE-1]]) [torch-shape-layer]
  torch::nn::Linear fc;
};
TORCH_MODULE(FlatNet);

// torch::flatten(x, 1) inside forward, called through operator().
void bug_flatten_operator_call() {
  FlatNet net;
  net(torch::rand({1, 3, 64, 64}));
}
// RUNTIME: bug_flatten_operator_call: threw: mat1 and mat2 shapes cannot be multiplied (1x12288 and 50176x10)

// Sizes from constexpr constants, reshape with a product in main.
constexpr int kSize = 64;
constexpr int kChannels = 3;
struct ConstNetImpl : torch::nn::Module {
  static constexpr int kInput = 224 * 224;
  ConstNetImpl() { fc = register_module("fc", torch::nn::Linear(kInput, 10)); }
  torch::Tensor forward(torch::Tensor x) { return fc->forward(x); }
  // CHECK-DAG: :[[@LINE-1]]:55: warning: `fc` expects 50176 input features (Linear(50176, 10)) but its input [1, 12288] has 12288 (64 × 64 × 3) [torch-shape-layer]
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(ConstNet);
void bug_reshape_constexpr() {
  ConstNet net;
  auto image = torch::rand({1, kChannels, kSize, kSize});
  net->forward(image.reshape({1, kSize * kSize * kChannels}));
}
// RUNTIME: bug_reshape_constexpr: threw: mat1 and mat2 shapes cannot be multiplied (1x12288 and 50176x10)

// --- The corrected programs: silent -----------------------------------------

void ok_resized_grayscale() {
  Net net;
  auto image = torch::rand({1, 1, 224, 224});
  net->forward(image.view({1, -1}));
  FlatNet flat;
  flat(torch::rand({2, 1, 224, 224}));
  ConstNet c;
  c->forward(torch::rand({3, 1, 224, 224}).reshape({3, 224 * 224}));
}
// RUNTIME: ok_resized_grayscale: ok

torch::Tensor anyBatch(FlatNet &net, int64_t batch) {
  return net(torch::rand({batch, 1, 224, 224}));
}
void ok_unknown_batch() {
  FlatNet net;
  anyBatch(net, 5);
}
// RUNTIME: ok_unknown_batch: ok

TS_ORACLE_MAIN(bug_view_in_main, bug_flatten_operator_call, bug_reshape_constexpr,
               ok_resized_grayscale, ok_unknown_batch)
