// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// A ResNet basic block (conv-bn-relu-conv-bn + identity, a 1 × 1 projection
// when the stride or width changes) and a small ResNet around it, written as
// users write them.  All correct: nothing may be reported, except in the
// copy of the block whose second BatchNorm is sized with the wrong variable.
#include "oracle.h"

namespace nn = torch::nn;

struct BasicBlockImpl : nn::Module {
  BasicBlockImpl(int64_t in_planes, int64_t planes, int64_t stride = 1)
      : conv1(register_module(
            "conv1",
            nn::Conv2d(nn::Conv2dOptions(in_planes, planes, 3).stride(stride).padding(1).bias(false)))),
        bn1(register_module("bn1", nn::BatchNorm2d(planes))),
        conv2(register_module(
            "conv2", nn::Conv2d(nn::Conv2dOptions(planes, planes, 3).padding(1).bias(false)))),
        bn2(register_module("bn2", nn::BatchNorm2d(planes))) {
    if (stride != 1 || in_planes != planes) {
      downsample = register_module(
          "downsample",
          nn::Sequential(
              nn::Conv2d(nn::Conv2dOptions(in_planes, planes, 1).stride(stride).bias(false)),
              nn::BatchNorm2d(planes)));
    }
  }

  torch::Tensor forward(torch::Tensor x) {
    auto identity = x;
    auto out = torch::relu(bn1(conv1(x)));
    out = bn2(conv2(out));
    if (!downsample.is_empty())
      identity = downsample->forward(x);
    out += identity;
    return torch::relu(out);
  }

  nn::Conv2d conv1, conv2;
  nn::BatchNorm2d bn1, bn2;
  nn::Sequential downsample{nullptr};
};
TORCH_MODULE(BasicBlock);

// Stem (7 × 7 stride 2, 3 × 3 max pool stride 2), two stages, global
// average pooling, classifier: 64 × 64 images → 32 → 16 → 16 → 8 → 1.
struct TinyResNetImpl : nn::Module {
  TinyResNetImpl(int64_t num_classes = 10)
      : conv1(register_module(
            "conv1", nn::Conv2d(nn::Conv2dOptions(3, 64, 7).stride(2).padding(3).bias(false)))),
        bn1(register_module("bn1", nn::BatchNorm2d(64))),
        pool(register_module("pool", nn::MaxPool2d(nn::MaxPool2dOptions(3).stride(2).padding(1)))),
        layer1(register_module("layer1", BasicBlock(64, 64))),
        layer2(register_module("layer2", BasicBlock(64, 128, 2))),
        avgpool(register_module("avgpool", nn::AdaptiveAvgPool2d(nn::AdaptiveAvgPool2dOptions({1, 1})))),
        fc(register_module("fc", nn::Linear(128, num_classes))) {}

  torch::Tensor forward(torch::Tensor x) {
    x = pool(torch::relu(bn1(conv1(x))));
    x = layer2(layer1(x));
    x = torch::flatten(avgpool(x), 1);
    return fc(x);
  }

  nn::Conv2d conv1;
  nn::BatchNorm2d bn1;
  nn::MaxPool2d pool;
  BasicBlock layer1, layer2;
  nn::AdaptiveAvgPool2d avgpool;
  nn::Linear fc;
};
TORCH_MODULE(TinyResNet);

// bn2 sized with in_planes: right while the width is kept, wrong when it
// doubles.
struct TypoBlockImpl : nn::Module {
  TypoBlockImpl(int64_t in_planes, int64_t planes, int64_t stride = 1)
      : conv1(register_module(
            "conv1",
            nn::Conv2d(nn::Conv2dOptions(in_planes, planes, 3).stride(stride).padding(1).bias(false)))),
        bn1(register_module("bn1", nn::BatchNorm2d(planes))),
        conv2(register_module(
            "conv2", nn::Conv2d(nn::Conv2dOptions(planes, planes, 3).padding(1).bias(false)))),
        bn2(register_module("bn2", nn::BatchNorm2d(in_planes))) {}

  torch::Tensor forward(torch::Tensor x) {
    auto out = torch::relu(bn1(conv1(x)));
    return torch::relu(bn2(conv2(out)));
    // CHECK: :[[@LINE-1]]:24: warning: `bn2` expects 64 channels (BatchNorm2d(64)) but its input [2, 128, 28, 28] has 128 in dim 1 (LibTorch: running_mean should contain 128 elements not 64) [torch-shape-layer]
    // CHECK: :[[@LINE-6]]:36: note: `bn2` is configured here as BatchNorm2d(64)
    // CHECK: :[[@LINE-4]]:32: note: `conv1` (Conv2d(64, 128, kernel_size=3, stride=2, padding=1)) maps [2, 64, 56, 56] to [2, 128, 28, 28] (28 = (56 + 2×1 - 3) / 2 + 1)
    // CHECK: :[[@LINE-4]]:28: note: `conv2` (Conv2d(128, 128, kernel_size=3, padding=1)) maps [2, 128, 28, 28] to [2, 128, 28, 28] (28 = 28 + 2×1 - 3 + 1)
    // CHECK: :[[@LINE+35]]:12: note: in the call of `forward` from `bug_typo_block` here
  }

  nn::Conv2d conv1, conv2;
  nn::BatchNorm2d bn1, bn2;
};
TORCH_MODULE(TypoBlock);

void ok_block() {
  BasicBlock block(64, 64);
  auto y = block(torch::rand({2, 64, 56, 56})).view({2, 64 * 56 * 56});
}
// RUNTIME: ok_block: ok

void ok_block_downsample() {
  BasicBlock block(64, 128, 2);
  auto y = block->forward(torch::rand({2, 64, 56, 56})).view({2, 128, 28 * 28});
}
// RUNTIME: ok_block_downsample: ok

void ok_resnet() {
  TinyResNet net;
  net->eval();
  auto y = net(torch::rand({2, 3, 64, 64})).view({20});
}
// RUNTIME: ok_resnet: ok

void ok_typo_block_same_width() {
  TypoBlock block(64, 64);
  auto y = block(torch::rand({2, 64, 56, 56}));
}
// RUNTIME: ok_typo_block_same_width: ok

void bug_typo_block() {
  TypoBlock block(64, 128, 2);
  auto y = block(torch::rand({2, 64, 56, 56}));
}
// RUNTIME: bug_typo_block: threw: running_mean should contain 128 elements not 64

TS_ORACLE_MAIN(ok_block, ok_block_downsample, ok_resnet, ok_typo_block_same_width,
               bug_typo_block)
