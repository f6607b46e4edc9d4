// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// torch-shape-layer on losses: modules (CrossEntropyLoss, NLLLoss, MSELoss,
// L1Loss, BCELoss, BCEWithLogitsLoss), F:: forms and ATen forms.
// Class-index losses need one target per input row and the input's shape
// without the class dim; a [N, 1] target is an error.  mse/l1 broadcast
// (a [N, 1] input against a [N] target only warns); binary cross entropy
// needs the input's shape exactly.  The default reduction gives a 0-d loss.
#include "oracle.h"

namespace F = torch::nn::functional;
namespace nn = torch::nn;

// --- Bugs -------------------------------------------------------------------

void bug_cross_entropy_batch() {
  auto logits = torch::rand({4, 10});
  auto labels = torch::zeros({5}, torch::kLong);
  auto loss = F::cross_entropy(logits, labels);
  // CHECK: :[[@LINE-1]]:15: warning: `F::cross_entropy` needs one target per input row: its input [4, 10] has batch size 4 but its target [5] has 5 (LibTorch: Expected input batch_size (4) to match target batch_size (5).) [torch-shape-layer]
  // CHECK: :[[@LINE-4]]:17: note: torch::rand creates a tensor of shape [4, 10]
  // CHECK: :[[@LINE-4]]:17: note: torch::zeros creates a tensor of shape [5]
}
// RUNTIME: bug_cross_entropy_batch: threw: Expected input batch_size (4) to match target batch_size (5).

// Per-pixel classes: the target is the input without its class dim.
void bug_cross_entropy_spatial() {
  auto loss = F::cross_entropy(torch::rand({4, 10, 7}), torch::zeros({4, 8}, torch::kLong));
  // CHECK: :[[@LINE-1]]:15: warning: `F::cross_entropy` of its input [4, 10, 7] needs a target [4, 7] (the input's shape without the class dimension 1) but its target [4, 8] differs (LibTorch: Expected target size [4, 7], got [4, 8]) [torch-shape-layer]
}
// RUNTIME: bug_cross_entropy_spatial: threw: Expected target size [4, 7], got [4, 8]

// Labels kept as a column.
void bug_cross_entropy_column_target() {
  auto labels = torch::zeros({4, 1}, torch::kLong);
  auto loss = F::cross_entropy(torch::rand({4, 10}), labels);
  // CHECK: :[[@LINE-1]]:15: warning: `F::cross_entropy` takes class indices as a 1-d target [N] for a 2-d input [N, C], but its target [4, 1] is 2-d (squeeze its dimension 1) (LibTorch: 0D or 1D target tensor expected, multi-target not supported) [torch-shape-layer]
}
// RUNTIME: bug_cross_entropy_column_target: threw: 0D or 1D target tensor expected, multi-target not supported

void bug_nll_column_target() {
  auto loss = F::nll_loss(torch::log_softmax(torch::rand({4, 10}), 1),
                          torch::zeros({4, 1}, torch::kLong));
  // CHECK: :[[@LINE-2]]:15: warning: `F::nll_loss` takes class indices as a 1-d target [N] for a 2-d input [N, C], but its target [4, 1] is 2-d (squeeze its dimension 1) (LibTorch: 0D or 1D target tensor expected, multi-target not supported) [torch-shape-layer]
}
// RUNTIME: bug_nll_column_target: threw: 0D or 1D target tensor expected, multi-target not supported

// F::nll_loss has no unbatched mode.
void bug_nll_1d_input() {
  auto loss = F::nll_loss(torch::rand({10}), torch::zeros({}, torch::kLong));
  // CHECK: :[[@LINE-1]]:15: warning: `F::nll_loss` needs an input [N, C, ...] with at least 2 dimensions but its input [10] is 1-d (LibTorch: Expected 2 or more dimensions (got 1)) [torch-shape-layer]
}
// RUNTIME: bug_nll_1d_input: threw: Expected 2 or more dimensions (got 1)

// A 4-d input goes to nll_loss2d, which wants [N, H, W] targets.
void bug_nll_2d_target_for_images() {
  auto loss = F::nll_loss(torch::rand({4, 10, 7, 3}), torch::zeros({4, 7}, torch::kLong));
  // CHECK: :[[@LINE-1]]:15: warning: `F::nll_loss` of a 4-d input [N, C, H, W] needs a 3-d target [N, H, W] of class indices, but its target [4, 7] is 2-d (LibTorch: only batches of spatial targets supported (3D tensors) but got targets of dimension: 2) [torch-shape-layer]
}
// RUNTIME: bug_nll_2d_target_for_images: threw: only batches of spatial targets supported (3D tensors) but got targets of dimension: 2

void bug_nll_image_target_size() {
  auto loss = F::nll_loss(torch::rand({4, 10, 7, 3}), torch::zeros({4, 7, 4}, torch::kLong));
  // CHECK: :[[@LINE-1]]:15: warning: `F::nll_loss` of its input [4, 10, 7, 3] needs a target [4, 7, 3] (the input's shape without the class dimension 1) but its target [4, 7, 4] differs (LibTorch: size mismatch (got input: [4, 10, 7, 3] , target: [4, 7, 4]) [torch-shape-layer]
}
// RUNTIME: bug_nll_image_target_size: threw: size mismatch (got input: [4, 10, 7, 3] , target: [4, 7, 4]

void bug_mse_no_broadcast() {
  auto loss = F::mse_loss(torch::rand({4, 3}), torch::rand({4, 5}));
  // CHECK: :[[@LINE-1]]:15: warning: `F::mse_loss` cannot broadcast its input [4, 3] with its target [4, 5]: aligned from the right, dimension 1 has size 3 in the input and 5 in the target, and neither is 1 (LibTorch: The size of tensor a (3) must match the size of tensor b (5) at non-singleton dimension 1) [torch-shape-layer]
}
// RUNTIME: bug_mse_no_broadcast: threw: The size of tensor a (3) must match the size of tensor b (5) at non-singleton dimension 1

// Regression head of 3 outputs against 5 targets per row.
void bug_l1_module() {
  nn::Linear head(16, 3);
  nn::L1Loss criterion;
  auto loss = criterion(head(torch::rand({8, 16})), torch::rand({8, 5}));
  // CHECK: :[[@LINE-1]]:15: warning: `criterion` (L1Loss) cannot broadcast its input [8, 3] with its target [8, 5]: aligned from the right, dimension 1 has size 3 in the input and 5 in the target, and neither is 1 (LibTorch: The size of tensor a (3) must match the size of tensor b (5) at non-singleton dimension 1) [torch-shape-layer]
}
// RUNTIME: bug_l1_module: threw: The size of tensor a (3) must match the size of tensor b (5) at non-singleton dimension 1

void bug_torch_mse_loss() {
  auto loss = torch::mse_loss(torch::rand({2, 3}), torch::rand({3, 2}));
  // CHECK: :[[@LINE-1]]:15: warning: `torch::mse_loss` cannot broadcast its input [2, 3] with its target [3, 2]: aligned from the right, dimension 1 has size 3 in the input and 2 in the target, and neither is 1 (LibTorch: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1) [torch-shape-layer]
}
// RUNTIME: bug_torch_mse_loss: threw: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1

// A [N, 1] sigmoid output against [N] labels: mse_loss would broadcast,
// binary_cross_entropy refuses.
void bug_bce_column() {
  auto probs = torch::sigmoid(torch::rand({4, 1}));
  auto loss = F::binary_cross_entropy(probs, torch::rand({4}));
  // CHECK: :[[@LINE-1]]:15: warning: `F::binary_cross_entropy` needs a target of its input's shape [4, 1] but its target [4] differs (it does not broadcast) (LibTorch: Using a target size ([4]) that is different to the input size ([4, 1]) is deprecated. Please ensure they have the same size.) [torch-shape-layer]
}
// RUNTIME: bug_bce_column: threw: Using a target size ([4]) that is different to the input size ([4, 1]) is deprecated. Please ensure they have the same size.

void bug_bce_with_logits_module() {
  nn::BCEWithLogitsLoss criterion;
  auto loss = criterion->forward(torch::rand({4, 1}), torch::rand({4}));
  // CHECK: :[[@LINE-1]]:26: warning: `criterion` (BCEWithLogitsLoss) needs a target of its input's shape [4, 1] but its target [4] differs (it does not broadcast) (LibTorch: Target size ([4]) must be the same as input size ([4, 1])) [torch-shape-layer]
}
// RUNTIME: bug_bce_with_logits_module: threw: Target size ([4]) must be the same as input size ([4, 1])

void bug_bce_module() {
  nn::BCELoss criterion;
  auto loss = criterion(torch::rand({4, 2}), torch::rand({4, 3}));
  // CHECK: :[[@LINE-1]]:15: warning: `criterion` (BCELoss) needs a target of its input's shape [4, 2] but its target [4, 3] differs (it does not broadcast) (LibTorch: Using a target size ([4, 3]) that is different to the input size ([4, 2]) is deprecated. Please ensure they have the same size.) [torch-shape-layer]
}
// RUNTIME: bug_bce_module: threw: Using a target size ([4, 3]) that is different to the input size ([4, 2]) is deprecated. Please ensure they have the same size.

void bug_nll_module() {
  nn::NLLLoss criterion;
  auto loss = criterion(torch::rand({4, 10}), torch::zeros({4, 1}, torch::kLong));
  // CHECK: :[[@LINE-1]]:15: warning: `criterion` (NLLLoss) takes class indices as a 1-d target [N] for a 2-d input [N, C], but its target [4, 1] is 2-d (squeeze its dimension 1) (LibTorch: 0D or 1D target tensor expected, multi-target not supported) [torch-shape-layer]
}
// RUNTIME: bug_nll_module: threw: 0D or 1D target tensor expected, multi-target not supported

void bug_torch_nll_loss() {
  auto loss = torch::nll_loss(torch::rand({4, 10}), torch::zeros({5}, torch::kLong));
  // CHECK: :[[@LINE-1]]:15: warning: `torch::nll_loss` needs one target per input row: its input [4, 10] has 4 rows but its target [5] has 5 (LibTorch: size mismatch (got input: [4, 10], target: [5])) [torch-shape-layer]
}
// RUNTIME: bug_torch_nll_loss: threw: size mismatch (got input: [4, 10], target: [5])

// A classifier whose batch of logits and batch of labels come apart: the
// logits of 8 images, the labels of a batch of 16.
struct ClassifierImpl : nn::Module {
  ClassifierImpl() : fc(register_module("fc", nn::Linear(784, 10))) {}
  torch::Tensor forward(torch::Tensor x) { return fc(x.view({x.size(0), -1})); }
  nn::Linear fc;
};
TORCH_MODULE(Classifier);
void bug_training_step() {
  Classifier net;
  nn::CrossEntropyLoss criterion;
  auto images = torch::rand({8, 1, 28, 28});
  auto labels = torch::zeros({16}, torch::kLong);
  auto loss = criterion(net(images), labels);
  // CHECK: :[[@LINE-1]]:15: warning: `criterion` (CrossEntropyLoss) needs one target per input row: its input [8, 10] has batch size 8 but its target [16] has 16 (LibTorch: Expected input batch_size (8) to match target batch_size (16).) [torch-shape-layer]
  // CHECK: :[[@LINE-11]]:51: note: `fc` maps it to [8, 10]
}
// RUNTIME: bug_training_step: threw: Expected input batch_size (8) to match target batch_size (16).

// --- Tricky but correct: must stay silent -----------------------------------

// A target of the input's shape holds class probabilities.
void ok_cross_entropy_probabilities() {
  auto loss = F::cross_entropy(torch::rand({4, 10}), torch::softmax(torch::rand({4, 10}), 1));
  loss.view({1});
}
// RUNTIME: ok_cross_entropy_probabilities: ok

void ok_cross_entropy_spatial() {
  nn::CrossEntropyLoss criterion;
  auto loss = criterion(torch::rand({4, 10, 7, 3}), torch::zeros({4, 7, 3}, torch::kLong));
  loss.view({1});
}
// RUNTIME: ok_cross_entropy_spatial: ok

// One unbatched sample: input [C], target [].
void ok_cross_entropy_unbatched() {
  auto loss = F::cross_entropy(torch::rand({10}), torch::zeros({}, torch::kLong));
}
// RUNTIME: ok_cross_entropy_unbatched: ok

// [N, 1] against [N] broadcasts to [N, N]: LibTorch only warns.
void ok_mse_broadcast_warning() {
  nn::MSELoss criterion;
  auto loss = criterion(torch::rand({4, 1}), torch::rand({4}));
  loss.view({1});
  auto l1 = F::l1_loss(torch::rand({4, 1}), torch::rand({4}));
  auto scalar = F::mse_loss(torch::rand({}), torch::rand({4}));
}
// RUNTIME: ok_mse_broadcast_warning: ok

// With reduction none the loss keeps a shape; not followed, never judged.
void ok_reduction_none() {
  auto per_sample = F::cross_entropy(torch::rand({4, 10}), torch::zeros({4}, torch::kLong),
                                     F::CrossEntropyFuncOptions().reduction(torch::kNone));
  per_sample.view({4});
  auto pairs = F::mse_loss(torch::rand({4, 1}), torch::rand({4}), F::MSELossFuncOptions(torch::kNone));
  pairs.view({4, 4});
}
// RUNTIME: ok_reduction_none: ok

void ok_binary_same_shape() {
  auto logits = torch::rand({4, 1});
  auto targets = torch::rand({4}).unsqueeze(1);
  auto loss = F::binary_cross_entropy_with_logits(logits, targets);
  auto loss2 = nn::BCELoss()(torch::sigmoid(logits), targets);
}
// RUNTIME: ok_binary_same_shape: ok

// Sizes the analysis cannot know are not judged.
torch::Tensor step(torch::Tensor logits, torch::Tensor labels) {
  return F::cross_entropy(logits, labels) + F::mse_loss(logits, labels.unsqueeze(1));
}
void ok_unknown_shapes() { step(torch::rand({6, 1}), torch::zeros({6}, torch::kLong)); }
// RUNTIME: ok_unknown_shapes: ok

TS_ORACLE_MAIN(bug_cross_entropy_batch, bug_cross_entropy_spatial, bug_cross_entropy_column_target,
               bug_nll_column_target, bug_nll_1d_input, bug_nll_2d_target_for_images,
               bug_nll_image_target_size, bug_mse_no_broadcast, bug_l1_module,
               bug_torch_mse_loss, bug_bce_column, bug_bce_with_logits_module, bug_bce_module,
               bug_nll_module, bug_torch_nll_loss, bug_training_step,
               ok_cross_entropy_probabilities, ok_cross_entropy_spatial,
               ok_cross_entropy_unbatched, ok_mse_broadcast_warning, ok_reduction_none,
               ok_binary_same_shape, ok_unknown_shapes)
