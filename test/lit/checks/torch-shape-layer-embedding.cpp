// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// torch-shape-layer on Embedding, Flatten/Unflatten, Softmax and the
// shape-preserving layers (activations, dropouts), F::embedding and
// F::interpolate.  Embedding appends embedding_dim; Unflatten's sizes must
// multiply to the dim they split; interpolate has no unbatched mode.
#include "oracle.h"

namespace F = torch::nn::functional;
namespace nn = torch::nn;

// --- Bugs -------------------------------------------------------------------

// Token ids [batch, seq] become [batch, seq, 16]; the head expects 32.
void bug_embedding_dim() {
  nn::Embedding embed(1000, 16);
  nn::Linear head(32, 2);
  auto tokens = torch::zeros({4, 12}, torch::kLong);
  auto y = head(embed(tokens));
  // CHECK: :[[@LINE-1]]:12: warning: `head` expects 32 input features (Linear(32, 2)) but its input [4, 12, 16] has 16 [torch-shape-layer]
  // CHECK: :[[@LINE-2]]:17: note: `embed` (Embedding(1000, 16)) maps [4, 12] to [4, 12, 16]
}
// RUNTIME: bug_embedding_dim: threw: mat1 and mat2 shapes cannot be multiplied (48x16 and 32x2)

// Flattening [N, 16, 5, 5] from dim 1 gives 400 features.
void bug_flatten_module() {
  nn::Flatten flatten;
  nn::Linear fc(16 * 4 * 4, 10);
  auto y = fc(flatten(torch::rand({2, 16, 5, 5})));
  // CHECK: :[[@LINE-1]]:12: warning: `fc` expects 256 input features (Linear(256, 10)) but its input [2, 400] has 400 (16 × 5 × 5, from flatten at line [[@LINE-1]]) [torch-shape-layer]
}
// RUNTIME: bug_flatten_module: threw: mat1 and mat2 shapes cannot be multiplied (2x400 and 256x10)

void bug_unflatten() {
  nn::Unflatten unflatten(1, std::vector<int64_t>{16, 5, 5});
  auto y = unflatten(torch::rand({4, 399}));
  // CHECK: :[[@LINE-1]]:12: warning: `unflatten` (Unflatten(1, [16, 5, 5])) splits dim 1 of its input [4, 399] into 400 elements, not 399 (LibTorch: unflatten: Provided sizes [16, 5, 5] don't multiply up to the size of dim 1 (399) in the input tensor) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:17: note: `unflatten` is configured here as Unflatten(1, [16, 5, 5])
}
// RUNTIME: bug_unflatten: threw: unflatten: Provided sizes [16, 5, 5] don't multiply up to the size of dim 1 (399) in the input tensor

// -1 is inferred only when the other sizes divide the dim.
void bug_unflatten_inferred() {
  nn::Unflatten unflatten(nn::UnflattenOptions(-1, {4, -1}));
  auto y = unflatten(torch::rand({3, 10}));
  // CHECK: :[[@LINE-1]]:12: warning: `unflatten` (Unflatten(-1, [4, -1])) splits dim 1 of its input [3, 10] of size 10 into a multiple of 4, which it is not (LibTorch: unflatten: Provided sizes [4, -1] don't multiply up to the size of dim 1 (10) in the input tensor) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:17: note: `unflatten` is configured here as Unflatten(-1, [4, -1])
}
// RUNTIME: bug_unflatten_inferred: threw: unflatten: Provided sizes [4, -1] don't multiply up to the size of dim 1 (10) in the input tensor

// Flatten starts at dim 1 by default: a 1-d input has no dim 1.
void bug_flatten_rank() {
  nn::Flatten flatten;
  auto y = flatten(torch::rand({4}));
  // CHECK: :[[@LINE-1]]:12: warning: dimension 1 is out of range for the 1-d tensor [4] in `Flatten` (LibTorch: Dimension out of range (expected to be in range of [-1, 0], but got 1)) [torch-shape-dim]
}
// RUNTIME: bug_flatten_rank: threw: Dimension out of range (expected to be in range of [-1, 0], but got 1)

void bug_softmax_dim() {
  nn::Softmax softmax(2);
  auto y = softmax(torch::rand({4, 10}));
  // CHECK: :[[@LINE-1]]:12: warning: dimension 2 is out of range for the 2-d tensor [4, 10] in `Softmax` (LibTorch: Dimension out of range (expected to be in range of [-2, 1], but got 2)) [torch-shape-dim]
}
// RUNTIME: bug_softmax_dim: threw: Dimension out of range (expected to be in range of [-2, 1], but got 2)

void bug_functional_embedding() {
  auto y = F::embedding(torch::zeros({2, 5}, torch::kLong), torch::rand({10, 3, 2}));
  // CHECK: :[[@LINE-1]]:12: warning: `F::embedding` needs a 2-d weight [num_embeddings, embedding_dim] but its weight [10, 3, 2] is 3-d (LibTorch: 'weight' must be 2-D) [torch-shape-layer]
}
// RUNTIME: bug_functional_embedding: threw: 'weight' must be 2-D

// An image [C, H, W] is read as [N, C, L]: one spatial dim, two sizes given.
void bug_interpolate_unbatched() {
  auto image = torch::rand({3, 8, 8});
  auto y = F::interpolate(image, F::InterpolateFuncOptions().size(std::vector<int64_t>{16, 16}));
  // CHECK: :[[@LINE-1]]:12: warning: `F::interpolate` reads its 3-d input [3, 8, 8] as [N, C, 1 spatial dim] but is given 2 output sizes [16, 16] (LibTorch: It is expected output_size equals to 1, but got size 2) [torch-shape-layer]
}
// RUNTIME: bug_interpolate_unbatched: threw: It is expected output_size equals to 1, but got size 2

// --- Tricky but correct: must stay silent -----------------------------------

// Embedding of a 0-d index is [embedding_dim]; of [4, 7] it is [4, 7, 16].
void ok_embedding() {
  nn::Embedding embed(nn::EmbeddingOptions(100, 16).padding_idx(0));
  auto a = embed(torch::zeros({}, torch::kLong)).view({16});
  auto b = embed(torch::zeros({4, 7}, torch::kLong)).view({28, 16});
  auto c = F::embedding(torch::zeros({2, 5}, torch::kLong), torch::rand({10, 3})).view({10, 3});
  auto d = torch::embedding(torch::rand({10, 3}), torch::zeros({2, 5}, torch::kLong)).view({30});
}
// RUNTIME: ok_embedding: ok

// Flatten with explicit dims, Unflatten with -1.
void ok_flatten_unflatten() {
  nn::Flatten flatten(nn::FlattenOptions().start_dim(0).end_dim(1));
  auto a = flatten(torch::rand({4, 16, 5, 5})).view({64, 25});
  nn::Unflatten unflatten(nn::UnflattenOptions(1, {16, -1, 5}));
  auto b = unflatten(torch::rand({4, 400})).view({4, 16, 25});
}
// RUNTIME: ok_flatten_unflatten: ok

// Activations and dropouts keep the shape.
void ok_identity_layers() {
  nn::LeakyReLU leaky(nn::LeakyReLUOptions().negative_slope(0.2));
  nn::GELU gelu;
  nn::ELU elu;
  nn::Dropout2d drop(0.5);
  nn::AlphaDropout alpha(0.2);
  nn::LogSoftmax log_softmax(-1);
  nn::Linear fc(9, 2);
  auto x = torch::rand({1, 4, 9, 9});
  auto y = fc(log_softmax(alpha(drop(elu(gelu(leaky(x)))))));
}
// RUNTIME: ok_identity_layers: ok

// A batched image interpolated to a new size.
void ok_interpolate() {
  auto y = F::interpolate(torch::rand({1, 3, 8, 8}),
                          F::InterpolateFuncOptions().size(std::vector<int64_t>{16, 12}));
  auto z = y.view({3, 16 * 12});
}
// RUNTIME: ok_interpolate: ok

TS_ORACLE_MAIN(bug_embedding_dim, bug_flatten_module, bug_unflatten, bug_unflatten_inferred,
               bug_flatten_rank, bug_softmax_dim, bug_functional_embedding,
               bug_interpolate_unbatched, ok_embedding, ok_flatten_unflatten, ok_identity_layers,
               ok_interpolate)
