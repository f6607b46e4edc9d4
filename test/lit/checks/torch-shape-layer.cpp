// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// torch-shape-layer: input that does not fit a layer's configuration.
#include "oracle.h"

namespace F = torch::nn::functional;

// --- Bugs -------------------------------------------------------------------

void bug_flatten_linear() {
  torch::nn::Linear fc(50176, 10);
  auto x = torch::rand({1, 3, 64, 64});
  auto y = fc->forward(torch::flatten(x, 1));
  // CHECK: :[[@LINE-1]]:16: warning: `fc` expects 50176 input features (Linear(50176, 10)) but its input [1, 12288] has 12288 (3 × 64 × 64, from flatten at line [[@LINE-1]]) [torch-shape-layer]
  // CHECK: :[[@LINE-4]]:21: note: `fc` is configured here as Linear(50176, 10); 50176 = 224 × 224 = 1 × 224 × 224, the size of a flattened 1 × 224 × 224 input
  // CHECK: :[[@LINE-5]]:24: note: change the expected size to 12288 if the layer should take this input
}
// RUNTIME: bug_flatten_linear: threw: mat1 and mat2 shapes cannot be multiplied (1x12288 and 50176x10)

void bug_options_call_operator() {
  torch::nn::Linear fc(torch::nn::LinearOptions(784, 10).bias(false));
  auto y = fc(torch::rand({8, 785}));
  // CHECK: :[[@LINE-1]]:12: warning: `fc` expects 784 input features (Linear(784, 10)) but its input [8, 785] has 785 [torch-shape-layer]
}
// RUNTIME: bug_options_call_operator: threw: mat1 and mat2 shapes cannot be multiplied (8x785 and 784x10)

void bug_one_dimensional() {
  torch::nn::Linear fc(50, 10);
  auto y = fc(torch::rand({100}));
  // CHECK: :[[@LINE-1]]:12: warning: `fc` expects 50 input features (Linear(50, 10)) but its input [100] has 100 [torch-shape-layer]
}
// RUNTIME: bug_one_dimensional: threw: mat1 and mat2 shapes cannot be multiplied (1x100 and 50x10)

void bug_functional() {
  auto y = F::linear(torch::rand({2, 5}), torch::rand({3, 4}));
  // CHECK: :[[@LINE-1]]:12: warning: `F::linear` with weight [3, 4] expects 4 input features but its input [2, 5] has 5 [torch-shape-layer]
}
// RUNTIME: bug_functional: threw: mat1 and mat2 shapes cannot be multiplied (2x5 and 4x3)

// Layers built in the constructor body: fc1's output does not fit fc2.  Found
// in forward on its own, whatever the input.
struct TwoLayerImpl : torch::nn::Module {
  TwoLayerImpl() {
    fc1 = register_module("fc1", torch::nn::Linear(784, 128));
    fc2 = register_module("fc2", torch::nn::Linear(64, 10));
  }
  torch::Tensor forward(torch::Tensor x) {
    x = torch::relu(fc1->forward(x.view({-1, 784})));
    return fc2->forward(x);
    // CHECK: :[[@LINE-1]]:17: warning: `fc2` expects 64 input features (Linear(64, 10)) but its input [?, 128] has 128 [torch-shape-layer]
  }
  torch::nn::Linear fc1{nullptr}, fc2{nullptr};
};
TORCH_MODULE(TwoLayer);
void bug_module_chain() {
  TwoLayer net;
  net->forward(torch::rand({2, 1, 28, 28}));
}
// RUNTIME: bug_module_chain: threw: mat1 and mat2 shapes cannot be multiplied (2x128 and 64x10)

// Sizes flow from the instantiation into the layers.
struct MlpImpl : torch::nn::Module {
  MlpImpl(int64_t in, int64_t hidden)
      : fc1(register_module("fc1", torch::nn::Linear(in, hidden))),
        fc2(register_module("fc2", torch::nn::Linear(hidden, 10))) {}
  torch::Tensor forward(torch::Tensor x) { return fc2(torch::relu(fc1(x))); }
  // CHECK: :[[@LINE-1]]:67: warning: `fc1` expects 784 input features (Linear(784, 256)) but its input [4, 1000] has 1000 [torch-shape-layer]
  // The 784 is written at the instantiation, where it may size other layers
  // too: no fix-it is offered on it.
  // CHECK-NOT: change the expected size
  torch::nn::Linear fc1, fc2;
};
TORCH_MODULE(Mlp);
void bug_constructor_arguments() {
  Mlp mlp(784, 256);
  mlp(torch::rand({4, 1000}));
}
// RUNTIME: bug_constructor_arguments: threw: mat1 and mat2 shapes cannot be multiplied (4x1000 and 784x256)

// --- Tricky but correct: must stay silent -----------------------------------

void ok_lenet_head() {
  torch::nn::Linear fc1(16 * 5 * 5, 120);
  auto x = torch::rand({4, 16, 5, 5});
  auto y = fc1->forward(x.view({-1, 16 * 5 * 5}));
  auto z = torch::nn::Linear(120, 84)(y);
}
// RUNTIME: ok_lenet_head: ok

void ok_three_dimensional_input() {
  torch::nn::Linear fc(20, 7);
  auto y = fc(torch::rand({2, 5, 20}));
  auto w = F::linear(torch::rand({2, 5}), torch::rand({3, 5}));
}
// RUNTIME: ok_three_dimensional_input: ok

void ok_matching_mlp() {
  Mlp mlp(784, 256);
  mlp(torch::rand({4, 1, 28, 28}).flatten(1));
}
// RUNTIME: ok_matching_mlp: ok

torch::Tensor unknownFeatures(torch::Tensor x, int64_t features) {
  torch::nn::Linear fc(features, 10);
  return fc(x.view({x.size(0), -1}));
}
void ok_unknown_features() { unknownFeatures(torch::rand({2, 3, 4}), 12); }
// RUNTIME: ok_unknown_features: ok

TS_ORACLE_MAIN(bug_flatten_linear, bug_options_call_operator, bug_one_dimensional,
               bug_functional, bug_module_chain, bug_constructor_arguments, ok_lenet_head,
               ok_three_dimensional_input, ok_matching_mlp, ok_unknown_features)
