// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// The resize step of image pipelines: F::interpolate and nn::Upsample with a
// size or a scale_factor, whole or fractional (⌊size × scale⌋); one size or
// factor per spatial dim.
#include "oracle.h"

namespace nn = torch::nn;
namespace F = torch::nn::functional;

void bug_scaled_then_flattened() {
  auto x = torch::rand({1, 3, 32, 32});
  auto y = F::interpolate(
      x, F::InterpolateFuncOptions().scale_factor(std::vector<double>{2.0, 2.0}).mode(torch::kNearest));
  auto z = y.view({1, 3 * 32 * 32});
  // CHECK: :[[@LINE-1]]:14: warning: shape '[1, 3072]' is invalid for input of size 12288: `view` asks for 3072 elements but `y` of shape [1, 3, 64, 64] has 12288 = 1 × 3 × 64 × 64 [torch-shape-view]
  // CHECK: :[[@LINE-4]]:12: note: `F::interpolate` resizes [1, 3, 32, 32] to [1, 3, 64, 64]
}
// RUNTIME: bug_scaled_then_flattened: threw: shape '[1, 3072]' is invalid for input of size 12288

void bug_upsample_factor_count() {
  nn::Upsample up(nn::UpsampleOptions().scale_factor(std::vector<double>({2})).mode(torch::kNearest));
  auto y = up(torch::rand({1, 3, 16, 16}));
  // CHECK: :[[@LINE-1]]:12: warning: `up` reads its 4-d input [1, 3, 16, 16] as [N, C, 2 spatial dims] but is given 1 scale factor [2] [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:16: note: `up` is configured here as Upsample(scale_factor=[2])
}
// (g++ evaluates LibTorch's scale_factor_list.at(1) first; clang would throw
// "scale_factor shape must match input shape".)
// RUNTIME: bug_upsample_factor_count: threw: vector::_M_range_check: __n (which is 1) >= this->size() (which is 1)

void bug_interpolate_extra_factor() {
  auto y = F::interpolate(torch::rand({2, 3, 5}),
                          F::InterpolateFuncOptions().scale_factor(std::vector<double>{2, 2}).mode(torch::kNearest));
  // CHECK: :[[@LINE-2]]:12: warning: `F::interpolate` reads its 3-d input [2, 3, 5] as [N, C, 1 spatial dim] but is given 2 scale factors [2, 2] (LibTorch: scale_factor shape must match input shape. Input is 1D, scale_factor size is [2, 2]) [torch-shape-layer]
}
// RUNTIME: bug_interpolate_extra_factor: threw: scale_factor shape must match input shape. Input is 1D, scale_factor size is [2, 2]

// A decoder that upsamples once too often for its classifier head.
void bug_decoder() {
  nn::Sequential decoder(
      nn::Conv2d(nn::Conv2dOptions(8, 4, 3).padding(1)),
      nn::Upsample(nn::UpsampleOptions().scale_factor(std::vector<double>{2, 2}).mode(torch::kNearest)),
      nn::Upsample(nn::UpsampleOptions().scale_factor(std::vector<double>{2, 2}).mode(torch::kNearest)),
      nn::Flatten(),
      nn::Linear(4 * 16 * 16, 10));
  auto y = decoder->forward(torch::rand({2, 8, 16, 16}));
  // CHECK: :[[@LINE-1]]:21: warning: `decoder[4]` expects 1024 input features (Linear(1024, 10)) but its input [2, 16384] has 16384 (4 × 64 × 64, from flatten at line [[@LINE-1]]) [torch-shape-layer]
}
// RUNTIME: bug_decoder: threw: mat1 and mat2 shapes cannot be multiplied (2x16384 and 1024x10)

void ok_decoder() {
  nn::Sequential decoder(
      nn::Conv2d(nn::Conv2dOptions(8, 4, 3).padding(1)),
      nn::Upsample(nn::UpsampleOptions().scale_factor(std::vector<double>{2, 2}).mode(torch::kNearest)),
      nn::Flatten(),
      nn::Linear(4 * 32 * 32, 10));
  auto y = decoder->forward(torch::rand({2, 8, 16, 16})).view({20});
}
// RUNTIME: ok_decoder: ok

// Fractional scales: ⌊size × scale⌋ computed in double, as LibTorch 1.13's
// _interp_output_size does (recompute_scale_factor does not change the size).
void bug_fractional_downsample() {
  auto x = torch::rand({1, 3, 10, 10});
  auto y = F::interpolate(x, F::InterpolateFuncOptions().scale_factor(std::vector<double>{0.5, 0.5}).mode(torch::kNearest));
  auto z = y.view({1, 3 * 4 * 4});
  // CHECK: :[[@LINE-1]]:14: warning: shape '[1, 48]' is invalid for input of size 75: `view` asks for 48 elements but `y` of shape [1, 3, 5, 5] has 75 = 1 × 3 × 5 × 5 [torch-shape-view]
}
// RUNTIME: bug_fractional_downsample: threw: shape '[1, 48]' is invalid for input of size 75

constexpr double kScale = 1.5;

void bug_fractional_constexpr() {
  auto y = F::interpolate(torch::rand({2, 3, 7}), F::InterpolateFuncOptions()
                                                      .scale_factor(std::vector<double>{kScale})
                                                      .mode(torch::kLinear)
                                                      .align_corners(false)
                                                      .recompute_scale_factor(true));
  auto z = y.view({2, 3, 11});
  // CHECK: :[[@LINE-1]]:14: warning: shape '[2, 3, 11]' is invalid for input of size 60: `view` asks for 66 elements but `y` of shape [2, 3, 10] has 60 = 2 × 3 × 10 [torch-shape-view]
}
// RUNTIME: bug_fractional_constexpr: threw: shape '[2, 3, 11]' is invalid for input of size 60

void bug_upsample_fractional() {
  double s = 1.5;
  nn::Upsample up(nn::UpsampleOptions().scale_factor(std::vector<double>({s, s})).mode(torch::kNearest));
  nn::Linear head(3 * 16 * 16, 10);
  auto y = head(up(torch::rand({2, 3, 10, 10})).flatten(1));
  // CHECK: :[[@LINE-1]]:12: warning: `head` expects 768 input features (Linear(768, 10)) but its input [2, 675] has 675 (3 × 15 × 15, from flatten at line [[@LINE-1]]) [torch-shape-layer]
  // CHECK: :[[@LINE-2]]:17: note: `up` resizes [2, 3, 10, 10] to [2, 3, 15, 15]
}
// RUNTIME: bug_upsample_fractional: threw: mat1 and mat2 shapes cannot be multiplied (2x675 and 768x10)

void ok_fractional_scale() {
  auto y = F::interpolate(torch::rand({2, 3, 5}),
                          F::InterpolateFuncOptions().scale_factor(std::vector<double>{1.5}).mode(torch::kNearest));
  auto z = y.view({2, 3, 7});
  auto x = torch::rand({1, 3, 10, 10});
  auto a = F::interpolate(x, F::InterpolateFuncOptions()
                                 .scale_factor(std::vector<double>{0.33, 1.7})
                                 .mode(torch::kBilinear)
                                 .align_corners(false)
                                 .recompute_scale_factor(false)).view({3, 3, 17});
  float f = 1.1f;
  auto b = F::interpolate(x, F::InterpolateFuncOptions().scale_factor(std::vector<double>{f, 2.5}))
               .view({3, 11, 25});
  nn::Upsample up(nn::UpsampleOptions().scale_factor(std::vector<double>({0.3, 0.3})));
  auto c = up(x).view({27});
}
// RUNTIME: ok_fractional_scale: ok

void ok_sizes() {
  auto y = F::interpolate(torch::rand({2, 3, 5}),
                          F::InterpolateFuncOptions().scale_factor(std::vector<double>{3}).mode(torch::kNearest));
  auto z = y.view({2, 3, 15});
  nn::Upsample up(nn::UpsampleOptions().size(std::vector<int64_t>{7, 9}));
  auto w = up(torch::rand({1, 2, 3, 3})).view({1, 2, 63});
}
// RUNTIME: ok_sizes: ok

TS_ORACLE_MAIN(bug_scaled_then_flattened, bug_upsample_factor_count, bug_interpolate_extra_factor,
               bug_decoder, ok_decoder, bug_fractional_downsample, bug_fractional_constexpr,
               bug_upsample_fractional, ok_fractional_scale, ok_sizes)
