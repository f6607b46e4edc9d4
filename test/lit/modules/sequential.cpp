// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// torch::nn::Sequential: each layer's output feeds the next.
#include "oracle.h"

void bug_chain() {
  torch::nn::Sequential seq(torch::nn::Linear(4, 8), torch::nn::ReLU(), torch::nn::Linear(6, 2));
  auto y = seq->forward(torch::rand({3, 4}));
  // CHECK: :[[@LINE-1]]:17: warning: `seq[2]` expects 6 input features (Linear(6, 2)) but its input [3, 8] has 8 [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:73: note: `seq[2]` is configured here as Linear(6, 2)
}
// RUNTIME: bug_chain: threw: mat1 and mat2 shapes cannot be multiplied (3x8 and 6x2)

void bug_push_back() {
  torch::nn::Sequential seq;
  seq->push_back(torch::nn::Linear(10, 20));
  seq->push_back(torch::nn::Tanh());
  auto y = seq->forward(torch::rand({2, 5}));
  // CHECK: :[[@LINE-1]]:17: warning: `seq[0]` expects 10 input features (Linear(10, 20)) but its input [2, 5] has 5 [torch-shape-layer]
}
// RUNTIME: bug_push_back: threw: mat1 and mat2 shapes cannot be multiplied (2x5 and 10x20)

struct HeadImpl : torch::nn::Module {
  HeadImpl(int64_t in, int64_t classes) {
    layers = register_module("layers", torch::nn::Sequential(
                                           torch::nn::Linear(in, 64), torch::nn::ReLU(),
                                           torch::nn::Dropout(0.5), torch::nn::Linear(64, classes)));
  }
  torch::Tensor forward(torch::Tensor x) { return layers->forward(x.flatten(1)); }
  // CHECK: :[[@LINE-1]]:59: warning: `layers[0]` expects 784 input features (Linear(784, 64)) but its input [2, 2352] has 2352 (3 × 28 × 28, from flatten at line [[#@LINE-1]]) [torch-shape-layer]
  torch::nn::Sequential layers{nullptr};
};
TORCH_MODULE(Head);
void bug_in_module() {
  Head head(784, 10);
  head(torch::rand({2, 3, 28, 28}));
}
// RUNTIME: bug_in_module: threw: mat1 and mat2 shapes cannot be multiplied (2x2352 and 784x64)

// --- Tricky but correct -------------------------------------------------------

void ok_chain() {
  torch::nn::Sequential seq(torch::nn::Linear(4, 8), torch::nn::ReLU(), torch::nn::Linear(8, 2));
  auto y = seq->forward(torch::rand({3, 4}));
  auto z = torch::nn::Linear(2, 1)(y);
  Head head(784, 10);
  head(torch::rand({2, 1, 28, 28}));
}
// RUNTIME: ok_chain: ok

void ok_opaque_member() {
  torch::nn::Sequential seq(torch::nn::Linear(4, 8), torch::nn::Functional(torch::relu),
                            torch::nn::Linear(8, 2));
  auto y = seq->forward(torch::rand({3, 4}));
}
// RUNTIME: ok_opaque_member: ok

TS_ORACLE_MAIN(bug_chain, bug_push_back, bug_in_module, ok_chain, ok_opaque_member)
