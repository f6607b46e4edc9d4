// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// Modules kept in ModuleList (indexed, at<T>, ptr, as<T>, size), defaulted
// constructor parameters, and structured bindings of tuples.
#include "oracle.h"

namespace nn = torch::nn;

struct TowerImpl : nn::Module {
  TowerImpl() {
    layers = register_module(
        "layers", nn::ModuleList(nn::Linear(8, 16), nn::ReLU(), nn::Linear(16, 4)));
  }
  torch::Tensor forward(torch::Tensor x) {
    x = layers[0]->as<nn::Linear>()->forward(x);
    x = layers[1]->as<nn::ReLU>()->forward(x);
    return layers->at<nn::LinearImpl>(2).forward(x);
  }
  nn::ModuleList layers{nullptr};
};
TORCH_MODULE(Tower);

void bug_module_list() {
  Tower t;
  auto y = t->forward(torch::rand({3, 8})).view({3, 5});
  // CHECK: :[[@LINE-1]]:44: warning: shape '[3, 5]' is invalid for input of size 12{{.*}}[torch-shape-view]
}
// RUNTIME: bug_module_list: threw: shape '[3, 5]' is invalid for input of size 12

void bug_list_element() {
  nn::ModuleList heads(nn::Linear(4, 2), nn::Linear(4, 3));
  auto y = heads->ptr(1)->as<nn::Linear>()->forward(torch::rand({5, 3}));
  // CHECK: :[[@LINE-1]]:45: warning: {{.*}}expects 4 input features (Linear(4, 3)) but its input [5, 3] has 3 [torch-shape-layer]
}
// RUNTIME: bug_list_element: threw: mat1 and mat2 shapes cannot be multiplied (5x3 and 4x3)

void ok_module_list() {
  Tower t;
  auto y = t->forward(torch::rand({3, 8})).view({3, 4});
  nn::ModuleList heads(nn::Linear(4, 2), nn::ReLU());
  auto n = static_cast<int64_t>(heads->size());
  auto z = torch::rand({n, 4}).view({4, 2});
  // as<T>() of another type is nullptr at run time: nothing is claimed.
  auto *none = heads[1]->as<nn::Linear>();
  for (const auto &m : *heads)
    (void)m;
}
// RUNTIME: ok_module_list: ok

// Modules grown in a loop: their number (and so the indices) is unknown.
void ok_grown_in_loop(int64_t depth) {
  nn::ModuleList blocks;
  for (int64_t i = 0; i < depth; ++i)
    blocks->push_back(nn::Linear(6, 6));
  blocks->push_back(nn::Linear(6, 2));
  auto y = blocks[1]->as<nn::Linear>()->forward(torch::rand({1, 6}));
}
void ok_loop() { ok_grown_in_loop(3); }
// RUNTIME: ok_loop: ok

struct BlockImpl : nn::Module {
  BlockImpl(int64_t in, int64_t out = 64) : fc(register_module("fc", nn::Linear(in, out))) {}
  torch::Tensor forward(torch::Tensor x) { return fc(x); }
  nn::Linear fc;
};
TORCH_MODULE(Block);

void bug_default_argument() {
  Block b(32);
  auto y = b(torch::rand({2, 32})).view({2, 65});
  // CHECK: :[[@LINE-1]]:36: warning: shape '[2, 65]' is invalid for input of size 128: `view` asks for 130 elements but the tensor of shape [2, 64] has 128 = 2 × 64 [torch-shape-view]
}
// RUNTIME: bug_default_argument: threw: shape '[2, 65]' is invalid for input of size 128

void bug_bindings() {
  nn::LSTM lstm(nn::LSTMOptions(10, 20));
  auto [out, state] = lstm->forward(torch::rand({5, 3, 10}));
  auto [h, c] = state;
  auto a = out.view({5, 3, 21});
  // CHECK: :[[@LINE-1]]:16: warning: shape '[5, 3, 21]' is invalid for input of size 300{{.*}}[torch-shape-view]
}
// RUNTIME: bug_bindings: threw: shape '[5, 3, 21]' is invalid for input of size 300

void ok_bindings() {
  auto [a, b] = std::make_tuple(torch::rand({2, 3}), torch::rand({4}));
  auto x = a.view({6});
  auto y = b.view({2, 2});
  nn::LSTM lstm(nn::LSTMOptions(10, 20));
  auto [out, state] = lstm->forward(torch::rand({5, 3, 10}));
  auto [h, c] = state;
  auto z = h.view({3, 20});
}
// RUNTIME: ok_bindings: ok

// Modules kept in a std::vector member, and replace_module.
struct HeadsImpl : nn::Module {
  HeadsImpl(int64_t in) {
    heads.push_back(register_module("a", nn::Linear(in, 2)));
    heads.push_back(register_module("b", nn::Linear(in, 3)));
    fc = register_module("fc", nn::Linear(in, 4));
  }
  torch::Tensor forward(torch::Tensor x) { return heads[1](x).view({-1, 4}); }
  // CHECK: :[[@LINE-1]]:63: warning: shape '[-1, 4]' is invalid for input of size 15{{.*}}[torch-shape-view]
  torch::Tensor tail(torch::Tensor x) { return fc(x); }
  std::vector<nn::Linear> heads;
  nn::Linear fc{nullptr};
};
TORCH_MODULE(Heads);

void bug_vector_of_modules() {
  Heads h(8);
  h->forward(torch::rand({5, 8}));
}
// RUNTIME: bug_vector_of_modules: threw: shape '[-1, 4]' is invalid for input of size 15

void ok_replace_module() {
  Heads h(8);
  h->fc = h->replace_module("fc", nn::Linear(8, 6));
  auto y = h->tail(torch::rand({5, 8})).view({5, 6});
}
// RUNTIME: ok_replace_module: ok

TS_ORACLE_MAIN(bug_module_list, bug_list_element, ok_module_list, ok_loop, bug_default_argument,
               bug_bindings, ok_bindings, bug_vector_of_modules, ok_replace_module)
