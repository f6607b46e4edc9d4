// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// torch-shape-layer on pooling: MaxPool1d/2d/3d, AvgPool1d/2d, adaptive pools,
// F::max_pool2d, torch::max_pool2d/avg_pool2d/adaptive_avg_pool2d.  The stride
// defaults to the kernel; padding is at most half the kernel; the output
// ⌊(H + 2p − d(k − 1) − 1) / s⌋ + 1 (⌈⌉ with ceil_mode) must be at least 1.
#include "oracle.h"

namespace F = torch::nn::functional;
using torch::nn::MaxPool2dOptions;

// --- Bugs -------------------------------------------------------------------

void bug_too_small() {
  torch::nn::MaxPool2d pool(2);
  auto y = pool(torch::rand({1, 16, 1, 1}));
  // CHECK: :[[@LINE-1]]:12: warning: `pool` (MaxPool2d(kernel_size=2)) shrinks its input [1, 16, 1, 1] to an empty output 0 × 0 (0 = floor((1 - 2) / 2) + 1) (LibTorch: Given input size: (16x1x1). Calculated output size: (16x0x0). Output size is too small) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:24: note: `pool` is configured here as MaxPool2d(kernel_size=2)
}
// RUNTIME: bug_too_small: threw: Given input size: (16x1x1). Calculated output size: (16x0x0). Output size is too small

// Three halvings of a 6 × 6 map: 3, 1, then 0.
void bug_pooled_away() {
  torch::nn::Conv2d conv(3, 8, 3);
  auto x = torch::relu(conv(torch::rand({1, 3, 8, 8})));
  x = torch::max_pool2d(x, 2);
  x = torch::max_pool2d(x, 2);
  x = torch::max_pool2d(x, 2);
  // CHECK: :[[@LINE-1]]:7: warning: `torch::max_pool2d` (kernel_size=2) shrinks its input [1, 8, 1, 1] to an empty output 0 × 0 (0 = floor((1 - 2) / 2) + 1) (LibTorch: Given input size: (8x1x1). Calculated output size: (8x0x0). Output size is too small) [torch-shape-layer]
  // CHECK: :[[@LINE-5]]:24: note: `conv` (Conv2d(3, 8, kernel_size=3)) maps [1, 3, 8, 8] to [1, 8, 6, 6] (6 = 8 - 3 + 1)
  // CHECK: :[[@LINE-5]]:7: note: `torch::max_pool2d` (kernel_size=2) maps [1, 8, 6, 6] to [1, 8, 3, 3] (3 = (6 - 2) / 2 + 1)
  // CHECK: :[[@LINE-5]]:7: note: `torch::max_pool2d` (kernel_size=2) maps [1, 8, 3, 3] to [1, 8, 1, 1] (1 = (3 - 2) / 2 + 1)
}
// RUNTIME: bug_pooled_away: threw: Given input size: (8x1x1). Calculated output size: (8x0x0). Output size is too small

void bug_padding() {
  torch::nn::MaxPool2d pool(MaxPool2dOptions(3).padding(2));
  auto y = pool(torch::rand({1, 1, 6, 6}));
  // CHECK: :[[@LINE-1]]:12: warning: `pool` (MaxPool2d(kernel_size=3, padding=2)) pads by 2, more than half of its kernel size 3 (LibTorch: pad should be at most half of kernel size, but got pad=2 and kernel_size=3) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:24: note: `pool` is configured here as MaxPool2d(kernel_size=3, padding=2)
}
// RUNTIME: bug_padding: threw: pad should be at most half of kernel size, but got pad=2 and kernel_size=3

void bug_rank() {
  torch::nn::MaxPool2d pool(2);
  auto y = pool(torch::rand({4, 4}));
  // CHECK: :[[@LINE-1]]:12: warning: `pool` (MaxPool2d(kernel_size=2)) expects a 3-d (unbatched) or 4-d (batched) input but its input [4, 4] is 2-d (LibTorch: non-empty 3D or 4D (batch mode) tensor expected for input) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:24: note: `pool` is configured here as MaxPool2d(kernel_size=2)
}
// RUNTIME: bug_rank: threw: non-empty 3D or 4D (batch mode) tensor expected for input

void bug_functional() {
  auto y = F::max_pool2d(torch::rand({1, 3, 2, 2}), F::MaxPool2dFuncOptions(3).stride(2));
  // CHECK: :[[@LINE-1]]:12: warning: `F::max_pool2d` (kernel_size=3, stride=2) shrinks its input [1, 3, 2, 2] to an empty output 0 × 0 (0 = floor((2 - 3) / 2) + 1) (LibTorch: Given input size: (3x2x2). Calculated output size: (3x0x0). Output size is too small) [torch-shape-layer]
}
// RUNTIME: bug_functional: threw: Given input size: (3x2x2). Calculated output size: (3x0x0). Output size is too small

void bug_avg_pool() {
  torch::nn::AvgPool2d pool(2);
  auto y = pool(torch::rand({1, 1, 1, 1}));
  // CHECK: :[[@LINE-1]]:12: warning: `pool` (AvgPool2d(kernel_size=2)) shrinks its input [1, 1, 1, 1] to an empty output 0 × 0 (0 = floor((1 - 2) / 2) + 1) (LibTorch: Given input size: (1x1x1). Calculated output size: (1x0x0). Output size is too small) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:24: note: `pool` is configured here as AvgPool2d(kernel_size=2)
}
// RUNTIME: bug_avg_pool: threw: Given input size: (1x1x1). Calculated output size: (1x0x0). Output size is too small

void bug_avg_pool_aten() {
  auto y = torch::avg_pool2d(torch::rand({2, 3, 4, 2}), {2, 3});
  // CHECK: :[[@LINE-1]]:12: warning: `torch::avg_pool2d` (kernel_size=(2, 3)) shrinks its input [2, 3, 4, 2] to an empty output 2 × 0 (2 = (4 - 2) / 2 + 1, 0 = floor((2 - 3) / 3) + 1) (LibTorch: Given input size: (3x4x2). Calculated output size: (3x2x0). Output size is too small) [torch-shape-layer]
}
// RUNTIME: bug_avg_pool_aten: threw: Given input size: (3x4x2). Calculated output size: (3x2x0). Output size is too small

void bug_avg_pool1d() {
  torch::nn::AvgPool1d pool(3);
  auto y = pool(torch::rand({2, 4, 2}));
  // CHECK: :[[@LINE-1]]:12: warning: `pool` (AvgPool1d(kernel_size=3)) shrinks its input [2, 4, 2] to an empty output 0 (0 = floor((2 - 3) / 3) + 1) (LibTorch: Given input size: (4x1x2). Calculated output size: (4x1x0). Output size is too small) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:24: note: `pool` is configured here as AvgPool1d(kernel_size=3)
}
// RUNTIME: bug_avg_pool1d: threw: Given input size: (4x1x2). Calculated output size: (4x1x0). Output size is too small

void bug_max_pool1d_padding() {
  torch::nn::MaxPool1d pool(torch::nn::MaxPool1dOptions(3).padding(2));
  auto y = pool(torch::rand({2, 4, 10}));
  // CHECK: :[[@LINE-1]]:12: warning: `pool` (MaxPool1d(kernel_size=3, padding=2)) pads by 2, more than half of its kernel size 3 (LibTorch: max_pool1d() padding should be at most half of kernel size, but got padding=2 and kernel_size=3) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:24: note: `pool` is configured here as MaxPool1d(kernel_size=3, padding=2)
}
// RUNTIME: bug_max_pool1d_padding: threw: max_pool1d() padding should be at most half of kernel size, but got padding=2 and kernel_size=3

// max_pool1d accepts an empty result but not a negative one.
void bug_max_pool1d_negative() {
  torch::nn::MaxPool1d pool(torch::nn::MaxPool1dOptions(9).stride(1));
  auto y = pool(torch::rand({2, 4, 1}));
  // CHECK: :[[@LINE-1]]:12: warning: `pool` (MaxPool1d(kernel_size=9, stride=1)) shrinks its input [2, 4, 1] to an output of size -7 (-7 = 1 - 9 + 1) (LibTorch: max_pool1d() Invalid computed output size: -7) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:24: note: `pool` is configured here as MaxPool1d(kernel_size=9, stride=1)
}
// RUNTIME: bug_max_pool1d_negative: threw: max_pool1d() Invalid computed output size: -7

void bug_max_pool3d() {
  torch::nn::MaxPool3d pool(2);
  auto y = pool(torch::rand({2, 4, 4, 1, 4}));
  // CHECK: :[[@LINE-1]]:12: warning: `pool` (MaxPool3d(kernel_size=2)) shrinks its input [2, 4, 4, 1, 4] to an empty output 2 × 0 × 2 (2 = (4 - 2) / 2 + 1, 0 = floor((1 - 2) / 2) + 1) (LibTorch: Given input size: (4x4x1x4). Calculated output size: (4x2x0x2). Output size is too small) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:24: note: `pool` is configured here as MaxPool3d(kernel_size=2)
}
// RUNTIME: bug_max_pool3d: threw: Given input size: (4x4x1x4). Calculated output size: (4x2x0x2). Output size is too small

void bug_adaptive_rank() {
  torch::nn::AdaptiveAvgPool2d pool(torch::nn::AdaptiveAvgPool2dOptions({3, 4}));
  auto y = pool(torch::rand({1, 2, 3, 4, 4}));
  // CHECK: :[[@LINE-1]]:12: warning: `pool` (AdaptiveAvgPool2d((3, 4))) expects a 3-d (unbatched) or 4-d (batched) input but its input [1, 2, 3, 4, 4] is 5-d (LibTorch: adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got [1, 2, 3, 4, 4]) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:32: note: `pool` is configured here as AdaptiveAvgPool2d((3, 4))
}
// RUNTIME: bug_adaptive_rank: threw: adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got [1, 2, 3, 4, 4]

// AdaptiveAvgPool2d fills in the output size from the input: it needs 3 dims.
void bug_adaptive_features() {
  torch::nn::AdaptiveAvgPool2d pool(7);
  auto y = pool(torch::rand({512, 7}));
  // CHECK: :[[@LINE-1]]:12: warning: `pool` (AdaptiveAvgPool2d(7)) expects at least a 3-d input but its input [512, 7] is 2-d (LibTorch: Input dimension should be at least 3) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:32: note: `pool` is configured here as AdaptiveAvgPool2d(7)
}
// RUNTIME: bug_adaptive_features: threw: Input dimension should be at least 3

// A ResNet-50 head on ResNet-18 features: 512 channels, not 2048.
void bug_head() {
  torch::nn::AdaptiveAvgPool2d avgpool(torch::nn::AdaptiveAvgPool2dOptions({1, 1}));
  torch::nn::Linear fc(2048, 10);
  auto features = torch::rand({8, 512, 7, 7});
  auto y = fc(torch::flatten(avgpool(features), 1));
  // CHECK: :[[@LINE-1]]:12: warning: `fc` expects 2048 input features (Linear(2048, 10)) but its input [8, 512] has 512 (512 × 1 × 1, from flatten at line [[@LINE-1]]) [torch-shape-layer]
  // CHECK: :[[@LINE-2]]:30: note: `avgpool` (AdaptiveAvgPool2d(1)) maps [8, 512, 7, 7] to [8, 512, 1, 1]
}
// RUNTIME: bug_head: threw: mat1 and mat2 shapes cannot be multiplied (8x512 and 2048x10)

// --- Tricky but correct: must stay silent -----------------------------------

// ceil_mode: 6 → ⌈(6 - 3) / 2⌉ + 1 = 3; 5 with padding 1 → 3, because a last
// window that would start in the right padding is dropped.
void ok_ceil_mode() {
  torch::nn::MaxPool2d pool(MaxPool2dOptions(3).stride(2).ceil_mode(true));
  auto y = pool(torch::rand({1, 16, 6, 6})).view({1, 16 * 3 * 3});
  torch::nn::MaxPool2d edge(MaxPool2dOptions(2).stride(2).padding(1).ceil_mode(true));
  auto z = edge(torch::rand({1, 2, 5, 5})).view({2 * 3 * 3});
  torch::nn::AvgPool2d avg(torch::nn::AvgPool2dOptions(3).stride(2).padding(1).ceil_mode(true));
  auto v = avg(torch::rand({1, 1, 6, 6})).view({16});
}
// RUNTIME: ok_ceil_mode: ok

// Dilation widens the window: (7 + 2×1 - 2×(3 - 1) - 1) / 2 + 1 = 3.
void ok_dilation() {
  torch::nn::MaxPool2d pool(MaxPool2dOptions(3).stride(2).padding(1).dilation(2));
  auto y = pool(torch::rand({1, 1, 7, 7})).view({9});
}
// RUNTIME: ok_dilation: ok

// kernel_size() after construction keeps the stride the constructor took from
// the first kernel size (2): (7 - 3) / 2 + 1 = 3.
void ok_kernel_setter() {
  torch::nn::MaxPool2d pool(MaxPool2dOptions(2).kernel_size(3));
  auto y = pool(torch::rand({1, 1, 7, 7})).view({9});
}
// RUNTIME: ok_kernel_setter: ok

// Changing the layer's options after construction changes its forward.
void ok_options_changed() {
  torch::nn::MaxPool2d pool(2);
  pool->options.stride(1);
  auto y = pool(torch::rand({1, 1, 4, 4})).view({9});
}
// RUNTIME: ok_options_changed: ok

// max_pool1d returns an empty tensor when no window fits (without autograd).
void ok_max_pool1d_empty() {
  torch::nn::MaxPool1d pool(3);
  auto y = pool(torch::rand({2, 4, 2}));
}
// RUNTIME: ok_max_pool1d_empty: ok

// Adaptive pools: output size 1 averages any rank; larger outputs than inputs
// are fine; nullopt keeps the input's size.
void ok_adaptive() {
  torch::nn::AdaptiveAvgPool2d gap(1);
  auto y = gap(torch::rand({1, 2, 3, 4, 4})).view({6});
  torch::nn::AdaptiveAvgPool2d up(torch::nn::AdaptiveAvgPool2dOptions({3, 4}));
  auto z = up(torch::rand({2, 3, 2, 2})).view({2, 3 * 3 * 4});
  torch::nn::AdaptiveAvgPool2d keep(torch::nn::AdaptiveAvgPool2dOptions({c10::nullopt, 2}));
  auto v = keep(torch::rand({2, 8, 7, 9})).view({2, 8 * 7 * 2});
  torch::nn::AdaptiveMaxPool2d mp(torch::nn::AdaptiveMaxPool2dOptions({2, 3}));
  auto w = mp(torch::rand({4, 9, 9})).view({4 * 2 * 3});
}
// RUNTIME: ok_adaptive: ok

// ATen forms: explicit stride and padding, a one-element kernel list,
// adaptive pooling with indices.
void ok_aten_forms() {
  auto x = torch::rand({1, 16, 28, 28});
  auto a = torch::max_pool2d(x, {3, 3}, {2, 2}, {1, 1}).view({16, 14 * 14});
  auto b = torch::avg_pool2d(x, 2).view({16 * 14 * 14});
  auto c = torch::adaptive_avg_pool2d(x, {1, 1}).view({16});
  auto d = std::get<0>(torch::adaptive_max_pool2d(x, {2, 2})).view({64});
  auto e = F::avg_pool2d(x, F::AvgPool2dFuncOptions(4).stride(4)).view({16, 49});
}
// RUNTIME: ok_aten_forms: ok

TS_ORACLE_MAIN(bug_too_small, bug_pooled_away, bug_padding, bug_rank, bug_functional,
               bug_avg_pool, bug_avg_pool_aten, bug_avg_pool1d, bug_max_pool1d_padding,
               bug_max_pool1d_negative, bug_max_pool3d, bug_adaptive_rank, bug_adaptive_features,
               bug_head, ok_ceil_mode, ok_dilation, ok_kernel_setter, ok_options_changed,
               ok_max_pool1d_empty, ok_adaptive, ok_aten_forms)
