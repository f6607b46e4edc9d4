// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// torch-shape-layer on convolutions: Conv1d/2d/3d, ConvTranspose1d/2d,
// F::conv2d and torch::conv2d.  Channels must equal in_channels (weight.size(1)
// × groups); a (D+1)-d input is one unbatched sample; the padded input must
// hold the dilated kernel; the output is ⌊(H + 2p − d(k − 1) − 1) / s⌋ + 1.
#include "oracle.h"

namespace F = torch::nn::functional;
using torch::nn::Conv2dOptions;

// --- Bugs -------------------------------------------------------------------

void bug_channels() {
  torch::nn::Conv2d conv1(3, 16, 5);
  auto y = conv1(torch::rand({1, 1, 28, 28}));
  // CHECK: :[[@LINE-1]]:12: warning: `conv1` expects 3 input channels (Conv2d(3, 16, kernel_size=5)) but its input [1, 1, 28, 28] has 1 channel (LibTorch: Given groups=1, weight of size [16, 3, 5, 5], expected input[1, 1, 28, 28] to have 3 channels, but got 1 channels instead) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:21: note: `conv1` is configured here as Conv2d(3, 16, kernel_size=5)
  // CHECK: :[[@LINE-4]]:27: note: change in_channels to 1 if the layer should take this input
}
// RUNTIME: bug_channels: threw: Given groups=1, weight of size [16, 3, 5, 5], expected input[1, 1, 28, 28] to have 3 channels, but got 1 channels instead

// A batch of grayscale images without its channel dim: LibTorch reads
// [64, 28, 28] as one image with 64 channels.
void bug_unbatched_batch() {
  torch::nn::Conv2d conv(1, 6, 5);
  auto images = torch::rand({64, 28, 28});
  auto y = conv->forward(images);
  // CHECK: :[[@LINE-1]]:18: warning: `conv` expects 1 input channel (Conv2d(1, 6, kernel_size=5)) but its input [64, 28, 28] has 64 channels: a 3-d input is one unbatched image [C, H, W] (LibTorch: Given groups=1, weight of size [6, 1, 5, 5], expected input[1, 64, 28, 28] to have 1 channels, but got 64 channels instead) [torch-shape-layer]
  // CHECK: :[[@LINE-4]]:21: note: `conv` is configured here as Conv2d(1, 6, kernel_size=5)
  // CHECK: :[[@LINE-3]]:18: note: if [64, 28, 28] is a batch of single-channel inputs, add the channel dim: `unsqueeze(1)`
}
// RUNTIME: bug_unbatched_batch: threw: Given groups=1, weight of size [6, 1, 5, 5], expected input[1, 64, 28, 28] to have 1 channels, but got 64 channels instead

void bug_kernel_too_big() {
  torch::nn::Conv2d conv(Conv2dOptions(1, 6, 5).padding(0));
  auto y = conv(torch::rand({1, 1, 3, 3}));
  // CHECK: :[[@LINE-1]]:12: warning: `conv` (Conv2d(1, 6, kernel_size=5)) needs a padded input of at least 5 × 5 but its input [1, 1, 3, 3] gives 3 × 3 (LibTorch: Calculated padded input size per channel: (3 x 3). Kernel size: (5 x 5). Kernel size can't be greater than actual input size) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:21: note: `conv` is configured here as Conv2d(1, 6, kernel_size=5)
}
// RUNTIME: bug_kernel_too_big: threw: Calculated padded input size per channel: (3 x 3). Kernel size: (5 x 5). Kernel size can't be greater than actual input size

void bug_rank() {
  torch::nn::Conv2d conv(1, 6, 5);
  auto y = conv(torch::rand({1, 1, 28, 28}).unsqueeze(0));
  // CHECK: :[[@LINE-1]]:12: warning: `conv` (Conv2d(1, 6, kernel_size=5)) expects a 3-d (unbatched) or 4-d (batched) input but its input [1, 1, 1, 28, 28] is 5-d (LibTorch: Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [1, 1, 1, 28, 28]) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:21: note: `conv` is configured here as Conv2d(1, 6, kernel_size=5)
}
// RUNTIME: bug_rank: threw: Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [1, 1, 1, 28, 28]

void bug_groups() {
  torch::nn::Conv2d conv(Conv2dOptions(4, 8, 3).groups(2));
  auto y = conv(torch::rand({1, 2, 8, 8}));
  // CHECK: :[[@LINE-1]]:12: warning: `conv` expects 4 input channels (Conv2d(4, 8, kernel_size=3, groups=2)) but its input [1, 2, 8, 8] has 2 channels (LibTorch: Given groups=2, weight of size [8, 2, 3, 3], expected input[1, 2, 8, 8] to have 4 channels, but got 2 channels instead) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:21: note: `conv` is configured here as Conv2d(4, 8, kernel_size=3, groups=2)
  // CHECK: :[[@LINE-4]]:40: note: change in_channels to 2 if the layer should take this input
}
// RUNTIME: bug_groups: threw: Given groups=2, weight of size [8, 2, 3, 3], expected input[1, 2, 8, 8] to have 4 channels, but got 2 channels instead

// conv2's input is conv1's output: 16 channels, not 32.
void bug_chain() {
  torch::nn::Conv2d conv1(Conv2dOptions(3, 16, 3).stride(2).padding(1));
  torch::nn::Conv2d conv2(32, 64, 3);
  auto x = torch::rand({8, 3, 64, 64});
  auto y = conv2(torch::relu(conv1(x)));
  // CHECK: :[[@LINE-1]]:12: warning: `conv2` expects 32 input channels (Conv2d(32, 64, kernel_size=3)) but its input [8, 16, 32, 32] has 16 channels (LibTorch: Given groups=1, weight of size [64, 32, 3, 3], expected input[8, 16, 32, 32] to have 32 channels, but got 16 channels instead) [torch-shape-layer]
  // CHECK: :[[@LINE-4]]:21: note: `conv2` is configured here as Conv2d(32, 64, kernel_size=3)
  // CHECK: :[[@LINE-5]]:27: note: change in_channels to 16 if the layer should take this input
  // CHECK: :[[@LINE-4]]:30: note: `conv1` (Conv2d(3, 16, kernel_size=3, stride=2, padding=1)) maps [8, 3, 64, 64] to [8, 16, 32, 32] (32 = (64 + 2×1 - 3) / 2 + 1)
}
// RUNTIME: bug_chain: threw: Given groups=1, weight of size [64, 32, 3, 3], expected input[8, 16, 32, 32] to have 32 channels, but got 16 channels instead

// The conv's output size flows into the Linear: 8 × 26 × 26, not 8 × 28 × 28.
void bug_conv_then_linear() {
  torch::nn::Conv2d conv(1, 8, 3);
  torch::nn::Linear fc(8 * 28 * 28, 10);
  auto x = torch::rand({2, 1, 28, 28});
  auto y = fc(torch::flatten(conv(x), 1));
  // CHECK: :[[@LINE-1]]:12: warning: `fc` expects 6272 input features (Linear(6272, 10)) but its input [2, 5408] has 5408 (8 × 26 × 26, from flatten at line [[@LINE-1]]) [torch-shape-layer]
  // CHECK: :[[@LINE-2]]:30: note: `conv` (Conv2d(1, 8, kernel_size=3)) maps [2, 1, 28, 28] to [2, 8, 26, 26] (26 = 28 - 3 + 1)
}
// RUNTIME: bug_conv_then_linear: threw: mat1 and mat2 shapes cannot be multiplied (2x5408 and 6272x10)

void bug_conv1d() {
  torch::nn::Conv1d conv(16, 33, 3);
  auto y = conv(torch::rand({20, 50, 16}));
  // CHECK: :[[@LINE-1]]:12: warning: `conv` expects 16 input channels (Conv1d(16, 33, kernel_size=3)) but its input [20, 50, 16] has 50 channels (LibTorch: Given groups=1, weight of size [33, 16, 3], expected input[20, 50, 16] to have 16 channels, but got 50 channels instead) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:21: note: `conv` is configured here as Conv1d(16, 33, kernel_size=3)
  // CHECK: :[[@LINE-4]]:26: note: change in_channels to 50 if the layer should take this input
}
// RUNTIME: bug_conv1d: threw: Given groups=1, weight of size [33, 16, 3], expected input[20, 50, 16] to have 16 channels, but got 50 channels instead

void bug_conv3d() {
  torch::nn::Conv3d conv(2, 4, 3);
  auto y = conv(torch::rand({1, 3, 5, 5, 5}));
  // CHECK: :[[@LINE-1]]:12: warning: `conv` expects 2 input channels (Conv3d(2, 4, kernel_size=3)) but its input [1, 3, 5, 5, 5] has 3 channels (LibTorch: Given groups=1, weight of size [4, 2, 3, 3, 3], expected input[1, 3, 5, 5, 5] to have 2 channels, but got 3 channels instead) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:21: note: `conv` is configured here as Conv3d(2, 4, kernel_size=3)
  // CHECK: :[[@LINE-4]]:26: note: change in_channels to 3 if the layer should take this input
}
// RUNTIME: bug_conv3d: threw: Given groups=1, weight of size [4, 2, 3, 3, 3], expected input[1, 3, 5, 5, 5] to have 2 channels, but got 3 channels instead

void bug_transposed_channels() {
  torch::nn::ConvTranspose2d up(torch::nn::ConvTranspose2dOptions(16, 33, 3).stride(2));
  auto y = up(torch::rand({1, 33, 10, 10}));
  // CHECK: :[[@LINE-1]]:12: warning: `up` expects 16 input channels (ConvTranspose2d(16, 33, kernel_size=3, stride=2)) but its input [1, 33, 10, 10] has 33 channels (LibTorch: Given transposed=1, weight of size [16, 33, 3, 3], expected input[1, 33, 10, 10] to have 16 channels, but got 33 channels instead) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:30: note: `up` is configured here as ConvTranspose2d(16, 33, kernel_size=3, stride=2)
  // CHECK: :[[@LINE-4]]:67: note: change in_channels to 33 if the layer should take this input
}
// RUNTIME: bug_transposed_channels: threw: Given transposed=1, weight of size [16, 33, 3, 3], expected input[1, 33, 10, 10] to have 16 channels, but got 33 channels instead

void bug_transposed_too_small() {
  torch::nn::ConvTranspose2d up(torch::nn::ConvTranspose2dOptions(16, 33, 1).padding(2));
  auto y = up(torch::rand({1, 16, 2, 2}));
  // CHECK: :[[@LINE-1]]:12: warning: `up` (ConvTranspose2d(16, 33, kernel_size=1, padding=2)) computes an output of -2 × -2 from its input [1, 16, 2, 2] (-2 = (2 - 1) - 2×2 + (1 - 1) + 1) (LibTorch: Given input size per channel: (2 x 2). Calculated output size per channel: (-2 x -2). Output size is too small) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:30: note: `up` is configured here as ConvTranspose2d(16, 33, kernel_size=1, padding=2)
}
// RUNTIME: bug_transposed_too_small: threw: Given input size per channel: (2 x 2). Calculated output size per channel: (-2 x -2). Output size is too small

void bug_functional() {
  auto w = torch::rand({6, 3, 5, 5});
  auto y = F::conv2d(torch::rand({1, 1, 28, 28}), w);
  // CHECK: :[[@LINE-1]]:12: warning: `F::conv2d` expects 3 input channels (weight [6, 3, 5, 5]) but its input [1, 1, 28, 28] has 1 channel (LibTorch: Given groups=1, weight of size [6, 3, 5, 5], expected input[1, 1, 28, 28] to have 3 channels, but got 1 channels instead) [torch-shape-layer]
}
// RUNTIME: bug_functional: threw: Given groups=1, weight of size [6, 3, 5, 5], expected input[1, 1, 28, 28] to have 3 channels, but got 1 channels instead

void bug_aten() {
  auto y = torch::conv2d(torch::rand({1, 1, 28, 28}), torch::rand({6, 3, 5, 5}));
  // CHECK: :[[@LINE-1]]:12: warning: `torch::conv2d` expects 3 input channels (weight [6, 3, 5, 5]) but its input [1, 1, 28, 28] has 1 channel (LibTorch: Given groups=1, weight of size [6, 3, 5, 5], expected input[1, 1, 28, 28] to have 3 channels, but got 1 channels instead) [torch-shape-layer]
}
// RUNTIME: bug_aten: threw: Given groups=1, weight of size [6, 3, 5, 5], expected input[1, 1, 28, 28] to have 3 channels, but got 1 channels instead

// --- Tricky but correct: must stay silent -----------------------------------

// Stride, non-square kernel and padding, dilation: [2, 8, 8, 16].
void ok_arithmetic() {
  torch::nn::Conv2d conv(Conv2dOptions(3, 8, {3, 5}).stride({2, 1}).padding({1, 2}).dilation(2));
  torch::nn::Linear fc(8 * 8 * 16, 10);
  auto y = fc(conv(torch::rand({2, 3, 17, 20})).flatten(1));
}
// RUNTIME: ok_arithmetic: ok

// An unbatched image [C, H, W] is fine.
void ok_unbatched() {
  torch::nn::Conv2d conv(Conv2dOptions(3, 4, 3).padding(1));
  torch::nn::Linear fc(4 * 32 * 32, 10);
  auto y = fc(conv(torch::rand({3, 32, 32})).flatten());
}
// RUNTIME: ok_unbatched: ok

// Groups: 4 channels in 2 groups, weight [8, 2, 3, 3].
void ok_groups() {
  torch::nn::Conv2d conv(Conv2dOptions(4, 8, 3).groups(2));
  auto y = conv(torch::rand({1, 4, 8, 8}));
  auto z = F::conv2d(torch::rand({1, 6, 28, 28}), torch::rand({6, 3, 5, 5}),
                     F::Conv2dFuncOptions().groups(2).padding(2).stride(2));
  auto v = z.view({1, 6 * 14 * 14});
}
// RUNTIME: ok_groups: ok

// kSame keeps the size; padding modes pad before the convolution.
void ok_padding_modes() {
  torch::nn::Conv2d same(Conv2dOptions(1, 6, 5).padding(torch::kSame));
  auto y = same(torch::rand({1, 1, 7, 9})).view({1, 6 * 7 * 9});
  torch::nn::Conv2d circular(Conv2dOptions(1, 6, 3).padding(1).padding_mode(torch::kCircular));
  auto z = circular(torch::rand({1, 1, 4, 4}));
}
// RUNTIME: ok_padding_modes: ok

// A symbolic batch: the sizes that matter are constants.
torch::Tensor features(int64_t batch) {
  torch::nn::Conv2d conv(Conv2dOptions(3, 16, 3).stride(2).padding(1));
  torch::nn::Linear fc(16 * 16 * 16, 10);
  auto x = torch::rand({batch, 3, 32, 32});
  return fc(conv(x).view({batch, -1}));
}
void ok_symbolic_batch() { features(5); }
// RUNTIME: ok_symbolic_batch: ok

// Transposed convolutions grow the map: (10 - 1)×2 - 2×1 + (3 - 1) + 1 + 1 = 20.
void ok_transposed() {
  torch::nn::ConvTranspose2d up(
      torch::nn::ConvTranspose2dOptions(16, 33, 3).stride(2).padding(1).output_padding(1));
  auto y = up(torch::rand({1, 16, 10, 10})).view({33 * 20 * 20});
  torch::nn::ConvTranspose1d up1(16, 33, 3);
  auto z = up1(torch::rand({16, 10})).view({33, 12});
}
// RUNTIME: ok_transposed: ok

// Conv1d on [N, C, L], torch::conv2d with an unbatched input and padding.
void ok_other_forms() {
  torch::nn::Conv1d conv(16, 33, 3);
  auto y = conv(torch::rand({20, 16, 50})).view({20, 33 * 48});
  auto z = torch::conv2d(torch::rand({1, 28, 28}), torch::rand({6, 1, 5, 5}), {}, 1, 2);
  auto v = z.view({6, 28, 28});
}
// RUNTIME: ok_other_forms: ok

TS_ORACLE_MAIN(bug_channels, bug_unbatched_batch, bug_kernel_too_big, bug_rank, bug_groups,
               bug_chain, bug_conv_then_linear, bug_conv1d, bug_conv3d, bug_transposed_channels,
               bug_transposed_too_small, bug_functional, bug_aten, ok_arithmetic, ok_unbatched,
               ok_groups, ok_padding_modes, ok_symbolic_batch, ok_transposed, ok_other_forms)
