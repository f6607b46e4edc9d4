// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// Integer index tensors: Embedding inputs, index_select and gather indices,
// cross_entropy / nll_loss class targets.  A floating-point tensor there is
// a proven error when its dtype is certain: factories without options are
// Float, dtype options, to(dtype) and argmax say what they give.
#include "oracle.h"

namespace F = torch::nn::functional;

void bug_embedding_float_ids() {
  torch::nn::Embedding emb(10, 4);
  auto ids = torch::zeros({2, 3});
  auto y = emb(ids);
  // CHECK: :[[@LINE-1]]:12: warning: `emb` (Embedding(10, 4)) needs integer indices (Long or Int), but its input [2, 3] has type Float (LibTorch: Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got CPUFloatType instead (while checking arguments for embedding)) [torch-shape-layer]
}
// RUNTIME: bug_embedding_float_ids: threw: Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got CPUFloatType instead (while checking arguments for embedding)

void bug_index_select_float() {
  auto x = torch::rand({4, 3});
  auto y = x.index_select(0, torch::zeros({2}));
  // CHECK: :[[@LINE-1]]:30: warning: `index_select` needs an index of integer type (Long or Int), but the index [2] has type Float (LibTorch: index_select(): Expected dtype int32 or int64 for index) [torch-shape-dim]
}
// RUNTIME: bug_index_select_float: threw: index_select(): Expected dtype int32 or int64 for index

void bug_gather_float() {
  auto x = torch::rand({4, 3});
  auto y = x.gather(1, torch::zeros({4, 1}));
  // CHECK: :[[@LINE-1]]:24: warning: `gather` needs an index of integer type Long, but the index [4, 1] has type Float (LibTorch: gather(): Expected dtype int64 for index) [torch-shape-dim]
}
// RUNTIME: bug_gather_float: threw: gather(): Expected dtype int64 for index

void bug_cross_entropy_float_target() {
  auto logits = torch::rand({4, 3});
  auto labels = torch::randint(0, 3, {4}).to(torch::kFloat);
  auto loss = F::cross_entropy(logits, labels);
  // CHECK: :[[@LINE-1]]:15: warning: `F::cross_entropy` needs class indices of type Long as its target [4], but it has type Float (LibTorch: expected scalar type Long but found Float) [torch-shape-layer]
}
// RUNTIME: bug_cross_entropy_float_target: threw: expected scalar type Long but found Float

void bug_nll_float_target() {
  auto logp = torch::rand({4, 3}).log_softmax(1);
  auto loss = F::nll_loss(logp, torch::zeros({4}));
  // CHECK: :[[@LINE-1]]:15: warning: `F::nll_loss` needs class indices of type Long as its target [4], but it has type Float (LibTorch: expected scalar type Long but found Float) [torch-shape-layer]
}
// RUNTIME: bug_nll_float_target: threw: expected scalar type Long but found Float

void ok_integer_indices() {
  torch::nn::Embedding emb(10, 4);
  auto a = emb(torch::zeros({2, 3}, torch::kLong)).view({24});
  auto b = emb(torch::rand({2, 3}).mul(9).to(torch::kLong)).view({24});
  auto c = emb(torch::ones({2}, torch::kInt)).view({8});
  auto d = emb(torch::randint(0, 10, {2, 3})).view({24});
  auto logits = torch::rand({4, 3});
  auto e = emb(logits.argmax(1)).view({16});
  auto f = emb(torch::zeros({5}, torch::TensorOptions().dtype(torch::kLong)).to(torch::kCPU)).view({20});
  auto g = logits.gather(1, torch::zeros({4, 1}, torch::kLong)).view({4});
  auto h = logits.index_select(1, torch::ones({2}, torch::kInt)).view({8});
  auto i = F::cross_entropy(logits, torch::rand({4, 3}));
  auto j = F::cross_entropy(logits, torch::randint(0, 3, {4}));
  auto k = F::nll_loss(logits.log_softmax(1), logits.argmax(1));
  // type_as takes the other tensor's dtype (Long), whatever is written inside it.
  auto l = emb(torch::rand({2, 3}).mul(9).type_as(torch::zeros({3}, torch::kFloat).argmax())).view({24});
}
// RUNTIME: ok_integer_indices: ok

TS_ORACLE_MAIN(bug_embedding_float_ids, bug_index_select_float, bug_gather_float,
               bug_cross_entropy_float_target, bug_nll_float_target, ok_integer_indices)
