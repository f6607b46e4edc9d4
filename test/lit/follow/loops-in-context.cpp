// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// Loops whose trip count is known where they run: a constructor's loop over
// its argument (`Backbone(4, 16)`), range-for over a size vector given at the
// call, loop-carried sizes (`in = channels; channels *= 2;`), and containers
// of layers built in those loops and iterated in forward (std::vector members,
// ModuleList, Sequential grown by a helper that takes it by reference).
#include "oracle.h"

#include <string>
#include <vector>

namespace nn = torch::nn;

// --- Bugs ---------------------------------------------------------------------

struct BackboneImpl : nn::Module {
  std::vector<nn::Conv2d> convs;
  nn::Linear fc{nullptr};
  BackboneImpl(int64_t num_stages, int64_t base) {
    int64_t in = 3;
    int64_t channels = base;
    for (int64_t i = 0; i < num_stages; ++i) {
      convs.push_back(register_module(
          "conv" + std::to_string(i),
          nn::Conv2d(nn::Conv2dOptions(in, channels, 3).stride(2).padding(1))));
      in = channels;
      channels *= 2;
    }
    // Sized for 32 × 32 inputs: 32 / 2^4 = 2.
    fc = register_module("fc", nn::Linear(in * 2 * 2, 10));
  }
  torch::Tensor forward(torch::Tensor x) {
    for (auto &conv : convs)
      x = torch::relu(conv->forward(x));
    return fc->forward(x.flatten(1));
    // CHECK: :[[@LINE-1]]:16: warning: `fc` expects 512 input features (Linear(512, 10)) but its input [2, 2048] has 2048 (128 × 4 × 4, from flatten at line [[@LINE-1]]) [torch-shape-layer]
    // CHECK: note: in the call of `forward` from `bug_backbone_64px`
  }
};
TORCH_MODULE(Backbone);

void bug_backbone_64px() {
  Backbone net(4, 16);
  auto y = net->forward(torch::rand({2, 3, 64, 64}));
}
// RUNTIME: bug_backbone_64px: threw: mat1 and mat2 shapes cannot be multiplied (2x2048 and 512x10)

struct MlpImpl : nn::Module {
  nn::ModuleList layers;
  MlpImpl(int64_t in, const std::vector<int64_t> &hidden, int64_t out) {
    layers = register_module("layers", nn::ModuleList());
    int64_t prev = in;
    for (int64_t h : hidden) {
      layers->push_back(nn::Linear(prev, h));
      prev = h;
    }
    layers->push_back(nn::Linear(prev, out));
  }
  torch::Tensor forward(torch::Tensor x) {
    for (const auto &m : *layers)
      x = torch::relu(m->as<nn::Linear>()->forward(x));
    // CHECK: :[[@LINE-1]]:44: warning: `m->as<nn::Linear>()` expects 784 input features (Linear(784, 256)) but its input [8, 28, 28] has 28 [torch-shape-layer]
    return x;
  }
};
TORCH_MODULE(Mlp);

void bug_mlp_unflattened() {
  Mlp net(784, std::vector<int64_t>{256, 128}, 10);
  auto y = net->forward(torch::rand({8, 28, 28}));
}
// RUNTIME: bug_mlp_unflattened: threw: mat1 and mat2 shapes cannot be multiplied (224x28 and 784x256)

struct TowerImpl : nn::Module {
  std::vector<nn::Linear> fcs;
  explicit TowerImpl(const std::vector<int64_t> &sizes) {
    for (size_t i = 0; i + 1 < sizes.size(); ++i)
      fcs.push_back(register_module("fc" + std::to_string(i), nn::Linear(sizes[i], sizes[i + 1])));
  }
  torch::Tensor forward(torch::Tensor x) {
    for (size_t i = 0; i < fcs.size(); ++i)
      x = fcs[i]->forward(x);
    // CHECK: :[[@LINE-1]]:19: warning: `fcs[i]` expects 100 input features (Linear(100, 50)) but its input [4, 90] has 90 [torch-shape-layer]
    return x;
  }
};
TORCH_MODULE(Tower);

void bug_tower_input() {
  Tower net(std::vector<int64_t>{100, 50, 20});
  auto y = net->forward(torch::rand({4, 90}));
}
// RUNTIME: bug_tower_input: threw: mat1 and mat2 shapes cannot be multiplied (4x90 and 100x50)

void append_block(nn::Sequential &seq, int64_t &channels, int64_t out, int64_t depth) {
  for (int64_t i = 0; i < depth; ++i) {
    seq->push_back(nn::Conv2d(nn::Conv2dOptions(channels, out, 3).padding(1)));
    seq->push_back(nn::ReLU());
    channels = out;
  }
  seq->push_back(nn::MaxPool2d(2));
}

void bug_vgg_cfg() {
  nn::Sequential features;
  int64_t ch = 3;
  const std::vector<int64_t> cfg{64, 128, 256};
  for (auto c : cfg)
    append_block(features, ch, c, 2);
  features->push_back(nn::Flatten());
  features->push_back(nn::Linear(256 * 7 * 7, 10)); // written for 56 × 56 inputs
  auto y = features->forward(torch::rand({1, 3, 32, 32}));
  // CHECK: :[[@LINE-1]]:22: warning: `features[16]` expects 12544 input features (Linear(12544, 10)) but its input [1, 4096] has 4096 (256 × 4 × 4, from flatten at line [[@LINE-1]]) [torch-shape-layer]
}
// RUNTIME: bug_vgg_cfg: threw: mat1 and mat2 shapes cannot be multiplied (1x4096 and 12544x10)

// --- Correct code: silent -----------------------------------------------------

struct StagesImpl : nn::Module {
  std::vector<nn::Conv2d> convs;
  nn::Linear fc{nullptr};
  StagesImpl(int64_t num_stages, int64_t base) {
    int64_t in = 1;
    for (int64_t i = 0; i < num_stages; ++i) {
      int64_t out = base << i;
      convs.push_back(register_module("c" + std::to_string(i),
                                      nn::Conv2d(nn::Conv2dOptions(in, out, 3).stride(2).padding(1))));
      in = out;
    }
    fc = register_module("fc", nn::Linear(in * 4 * 4, 10));
  }
  torch::Tensor forward(torch::Tensor x) {
    for (auto &conv : convs)
      x = conv->forward(x);
    return fc->forward(x.view({x.size(0), -1}));
  }
};
TORCH_MODULE(Stages);

void ok_stages_shifted_channels() {
  Stages net(3, 8); // 32 -> 16 -> 8 -> 4 with 8, 16, 32 channels: 32 * 4 * 4
  auto y = net->forward(torch::rand({2, 1, 32, 32})).view({2, 10});
}
// RUNTIME: ok_stages_shifted_channels: ok

struct DeepMlpImpl : nn::Module {
  nn::Sequential body;
  DeepMlpImpl(int64_t in, const std::vector<int64_t> &hidden) {
    for (size_t i = 0; i < hidden.size(); ++i) {
      body->push_back(nn::Linear(i == 0 ? in : hidden[i - 1], hidden[i]));
      body->push_back(nn::ReLU());
    }
    register_module("body", body);
  }
  torch::Tensor forward(torch::Tensor x) { return body->forward(x); }
};
TORCH_MODULE(DeepMlp);

void ok_sequential_from_sizes() {
  DeepMlp net(20, std::vector<int64_t>{16, 8, 4});
  auto y = net->forward(torch::rand({5, 20})).view({20});
}
// RUNTIME: ok_sequential_from_sizes: ok

void ok_loop_breaks_early() {
  nn::ModuleList list;
  for (int64_t i = 0; i < 4; ++i)
    list->push_back(nn::Linear(6, 6));
  auto x = torch::rand({2, 6});
  for (const auto &m : *list) {
    if (x.size(1) == 6)
      break;
    x = m->as<nn::Linear>()->forward(x.view({2, 3}));
  }
  auto y = x.view({12});
}
// RUNTIME: ok_loop_breaks_early: ok

TS_ORACLE_MAIN(bug_backbone_64px, bug_mlp_unflattened, bug_tower_input, bug_vgg_cfg,
               ok_stages_shifted_channels, ok_sequential_from_sizes, ok_loop_breaks_early)
