// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// torch-shape-layer on normalisation layers: BatchNorm1d/2d/3d, InstanceNorm2d,
// LayerNorm, GroupNorm and their functional forms.  The shape is kept; the
// channels (dim 1) or trailing sizes must fit the configuration, checked the
// way ATen does (running stats first, then the affine weight).
#include "oracle.h"

namespace F = torch::nn::functional;
using torch::nn::BatchNorm2dOptions;
using torch::nn::LayerNormOptions;

// --- Bugs -------------------------------------------------------------------

void bug_batchnorm_channels() {
  torch::nn::BatchNorm2d bn(64);
  auto y = bn(torch::rand({2, 32, 8, 8}));
  // CHECK: :[[@LINE-1]]:12: warning: `bn` expects 64 channels (BatchNorm2d(64)) but its input [2, 32, 8, 8] has 32 in dim 1 (LibTorch: running_mean should contain 32 elements not 64) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:26: note: `bn` is configured here as BatchNorm2d(64)
  // CHECK: :[[@LINE-4]]:29: note: change num_features to 32 if the layer should take this input
}
// RUNTIME: bug_batchnorm_channels: threw: running_mean should contain 32 elements not 64

// bn follows conv, whose output has 16 channels.
void bug_batchnorm_after_conv() {
  torch::nn::Conv2d conv(torch::nn::Conv2dOptions(3, 16, 3).padding(1));
  torch::nn::BatchNorm2d bn(32);
  auto x = torch::rand({4, 3, 32, 32});
  auto y = torch::relu(bn->forward(conv->forward(x)));
  // CHECK: :[[@LINE-1]]:28: warning: `bn` expects 32 channels (BatchNorm2d(32)) but its input [4, 16, 32, 32] has 16 in dim 1 (LibTorch: running_mean should contain 16 elements not 32) [torch-shape-layer]
  // CHECK: :[[@LINE-4]]:26: note: `bn` is configured here as BatchNorm2d(32)
  // CHECK: :[[@LINE-5]]:29: note: change num_features to 16 if the layer should take this input
  // CHECK: :[[@LINE-4]]:42: note: `conv` (Conv2d(3, 16, kernel_size=3, padding=1)) maps [4, 3, 32, 32] to [4, 16, 32, 32] (32 = 32 + 2×1 - 3 + 1)
}
// RUNTIME: bug_batchnorm_after_conv: threw: running_mean should contain 16 elements not 32

void bug_batchnorm_rank() {
  torch::nn::BatchNorm2d bn(64);
  auto y = bn(torch::rand({64, 8, 8}));
  // CHECK: :[[@LINE-1]]:12: warning: `bn` (BatchNorm2d(64)) expects a 4-d input but its input [64, 8, 8] is 3-d (LibTorch: expected 4D input (got 3D input)) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:26: note: `bn` is configured here as BatchNorm2d(64)
}
// RUNTIME: bug_batchnorm_rank: threw: expected 4D input (got 3D input)

void bug_batchnorm1d() {
  torch::nn::Linear fc(100, 20);
  torch::nn::BatchNorm1d bn(10);
  auto y = bn(fc(torch::rand({4, 100})));
  // CHECK: :[[@LINE-1]]:12: warning: `bn` expects 10 channels (BatchNorm1d(10)) but its input [4, 20] has 20 in dim 1 (LibTorch: running_mean should contain 20 elements not 10) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:26: note: `bn` is configured here as BatchNorm1d(10)
  // CHECK: :[[@LINE-4]]:29: note: change num_features to 20 if the layer should take this input
}
// RUNTIME: bug_batchnorm1d: threw: running_mean should contain 20 elements not 10

void bug_batchnorm3d_rank() {
  torch::nn::BatchNorm3d bn(4);
  auto y = bn(torch::rand({2, 4, 3, 3}));
  // CHECK: :[[@LINE-1]]:12: warning: `bn` (BatchNorm3d(4)) expects a 5-d input but its input [2, 4, 3, 3] is 4-d (LibTorch: expected 5D input (got 4D input)) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:26: note: `bn` is configured here as BatchNorm3d(4)
}
// RUNTIME: bug_batchnorm3d_rank: threw: expected 5D input (got 4D input)

// Without running stats the affine weight is checked.
void bug_batchnorm_weight() {
  torch::nn::BatchNorm2d bn(BatchNorm2dOptions(64).track_running_stats(false));
  auto y = bn(torch::rand({2, 32, 8, 8}));
  // CHECK: :[[@LINE-1]]:12: warning: `bn` expects 64 channels (BatchNorm2d(64)) but its input [2, 32, 8, 8] has 32 in dim 1 (LibTorch: weight should contain 32 elements not 64) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:26: note: `bn` is configured here as BatchNorm2d(64)
  // CHECK: :[[@LINE-4]]:48: note: change num_features to 32 if the layer should take this input
}
// RUNTIME: bug_batchnorm_weight: threw: weight should contain 32 elements not 64

void bug_layernorm() {
  torch::nn::LayerNorm ln(LayerNormOptions({10}));
  auto y = ln(torch::rand({4, 20}));
  // CHECK: :[[@LINE-1]]:12: warning: `ln` (LayerNorm([10])) normalizes over the last 1 dim, which must be [10], but its input is [4, 20] (LibTorch: Given normalized_shape=[10], expected input with shape [*, 10], but got input of size[4, 20]) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:24: note: `ln` is configured here as LayerNorm([10])
}
// RUNTIME: bug_layernorm: threw: Given normalized_shape=[10], expected input with shape [*, 10], but got input of size[4, 20]

void bug_layernorm_order() {
  torch::nn::LayerNorm ln(LayerNormOptions({5, 10}));
  auto y = ln(torch::rand({3, 10, 5}));
  // CHECK: :[[@LINE-1]]:12: warning: `ln` (LayerNorm([5, 10])) normalizes over the last 2 dims, which must be [5, 10], but its input is [3, 10, 5] (LibTorch: Given normalized_shape=[5, 10], expected input with shape [*, 5, 10], but got input of size[3, 10, 5]) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:24: note: `ln` is configured here as LayerNorm([5, 10])
}
// RUNTIME: bug_layernorm_order: threw: Given normalized_shape=[5, 10], expected input with shape [*, 5, 10], but got input of size[3, 10, 5]

void bug_groupnorm_groups() {
  torch::nn::GroupNorm gn(4, 6);
  auto y = gn(torch::rand({2, 6, 4, 4}));
  // CHECK: :[[@LINE-1]]:12: warning: `gn` (GroupNorm(4, 6)) splits the 6 channels of its input [2, 6, 4, 4] into 4 groups, but 6 is not divisible by 4 (LibTorch: Expected number of channels in input to be divisible by num_groups, but got input of shape [2, 6, 4, 4] and num_groups=4) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:24: note: `gn` is configured here as GroupNorm(4, 6)
}
// RUNTIME: bug_groupnorm_groups: threw: Expected number of channels in input to be divisible by num_groups, but got input of shape [2, 6, 4, 4] and num_groups=4

void bug_groupnorm_channels() {
  torch::nn::GroupNorm gn(2, 8);
  auto y = gn(torch::rand({2, 6, 4, 4}));
  // CHECK: :[[@LINE-1]]:12: warning: `gn` expects 8 channels (GroupNorm(2, 8)) but its input [2, 6, 4, 4] has 6 in dim 1 (LibTorch: Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [8] and input of shape [2, 6, 4, 4]) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:24: note: `gn` is configured here as GroupNorm(2, 8)
}
// RUNTIME: bug_groupnorm_channels: threw: Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [8] and input of shape [2, 6, 4, 4]

void bug_instancenorm_affine() {
  torch::nn::InstanceNorm2d norm(torch::nn::InstanceNorm2dOptions(4).affine(true));
  auto y = norm(torch::rand({2, 6, 5, 5}));
  // CHECK: :[[@LINE-1]]:12: warning: `norm` expects 4 channels (InstanceNorm2d(4)) but its input [2, 6, 5, 5] has 6 (LibTorch: weight should contain 12 elements not 8) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:29: note: `norm` is configured here as InstanceNorm2d(4)
}
// RUNTIME: bug_instancenorm_affine: threw: weight should contain 12 elements not 8

void bug_functional_batch_norm() {
  auto mean = torch::zeros({3});
  auto var = torch::ones({3});
  auto y = F::batch_norm(torch::rand({2, 5, 4}), mean, var);
  // CHECK: :[[@LINE-1]]:12: warning: `F::batch_norm` with running_mean [3] expects 3 channels but its input [2, 5, 4] has 5 in dim 1 (LibTorch: running_mean should contain 5 elements not 3) [torch-shape-layer]
}
// RUNTIME: bug_functional_batch_norm: threw: running_mean should contain 5 elements not 3

void bug_functional_layer_norm() {
  auto y = F::layer_norm(torch::rand({2, 5, 4}), F::LayerNormFuncOptions({5}));
  // CHECK: :[[@LINE-1]]:12: warning: `F::layer_norm` (normalized_shape=[5]) normalizes over the last 1 dim, which must be [5], but its input is [2, 5, 4] (LibTorch: Given normalized_shape=[5], expected input with shape [*, 5], but got input of size[2, 5, 4]) [torch-shape-layer]
}
// RUNTIME: bug_functional_layer_norm: threw: Given normalized_shape=[5], expected input with shape [*, 5], but got input of size[2, 5, 4]

void bug_aten_layer_norm() {
  auto y = torch::layer_norm(torch::rand({2, 5, 4}), {5});
  // CHECK: :[[@LINE-1]]:12: warning: `torch::layer_norm` (normalized_shape=[5]) normalizes over the last 1 dim, which must be [5], but its input is [2, 5, 4] (LibTorch: Given normalized_shape=[5], expected input with shape [*, 5], but got input of size[2, 5, 4]) [torch-shape-layer]
}
// RUNTIME: bug_aten_layer_norm: threw: Given normalized_shape=[5], expected input with shape [*, 5], but got input of size[2, 5, 4]

// --- Tricky but correct: must stay silent -----------------------------------

// BatchNorm1d takes [N, C] and [N, C, L].
void ok_batchnorm1d() {
  torch::nn::BatchNorm1d bn(10);
  auto y = bn(torch::rand({4, 10, 7}));
  auto z = bn(torch::rand({4, 10}));
}
// RUNTIME: ok_batchnorm1d: ok

// Without running stats or affine parameters nothing is checked.
void ok_no_parameters() {
  torch::nn::BatchNorm2d bn(BatchNorm2dOptions(64).affine(false).track_running_stats(false));
  auto y = bn(torch::rand({2, 32, 8, 8}));
  torch::nn::InstanceNorm2d norm(4);
  auto z = norm(torch::rand({2, 6, 5, 5}));
}
// RUNTIME: ok_no_parameters: ok

// LayerNorm over the trailing dims, whatever comes before them.
void ok_layernorm() {
  torch::nn::LayerNorm ln(LayerNormOptions({5, 10}));
  auto y = ln(torch::rand({7, 3, 5, 10}));
  auto z = F::layer_norm(torch::rand({2, 5, 4}), F::LayerNormFuncOptions({5, 4}));
}
// RUNTIME: ok_layernorm: ok

// Channels passed in: the same symbol on both sides.
torch::Tensor normalize(torch::Tensor x, int64_t channels) {
  torch::nn::BatchNorm2d bn(channels);
  return bn(torch::rand({2, channels, 4, 4}) + x);
}
void ok_symbolic_channels() { normalize(torch::rand({1}), 5); }
// RUNTIME: ok_symbolic_channels: ok

// GroupNorm: 6 channels in 3 groups; F::batch_norm with matching stats.
void ok_groupnorm() {
  torch::nn::GroupNorm gn(3, 6);
  auto y = gn(torch::rand({2, 6, 4, 4}));
  auto z = F::batch_norm(torch::rand({2, 5, 4}), torch::zeros({5}), torch::ones({5}));
}
// RUNTIME: ok_groupnorm: ok

TS_ORACLE_MAIN(bug_batchnorm_channels, bug_batchnorm_after_conv, bug_batchnorm_rank,
               bug_batchnorm1d, bug_batchnorm3d_rank, bug_batchnorm_weight, bug_layernorm,
               bug_layernorm_order, bug_groupnorm_groups, bug_groupnorm_channels,
               bug_instancenorm_affine, bug_functional_batch_norm, bug_functional_layer_norm,
               bug_aten_layer_norm, ok_batchnorm1d, ok_no_parameters, ok_layernorm,
               ok_symbolic_channels, ok_groupnorm)
