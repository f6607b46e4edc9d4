// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// A 2-layer LSTM text classifier as users write it: a module class with
// TORCH_MODULE, token ids → Embedding → LSTM(batch_first) → the last time
// step → Linear, trained with CrossEntropyLoss.  Tokens [batch, seq] become
// [batch, seq, embed_dim], the LSTM gives [batch, seq, hidden], the last step
// [batch, hidden], the head [batch, classes].  Each copy below changes one
// number.
#include "oracle.h"

using namespace torch::indexing;
namespace nn = torch::nn;

struct TextClassifierImpl : nn::Module {
  TextClassifierImpl(int64_t vocab, int64_t embed_dim, int64_t hidden, int64_t classes)
      : embedding(register_module("embedding", nn::Embedding(vocab, embed_dim))),
        lstm(register_module(
            "lstm", nn::LSTM(nn::LSTMOptions(embed_dim, hidden).num_layers(2).batch_first(true)))),
        fc(register_module("fc", nn::Linear(hidden, classes))) {}

  torch::Tensor forward(torch::Tensor tokens) {
    auto embedded = embedding(tokens);
    auto output = std::get<0>(lstm->forward(embedded));
    auto last = output.index({Slice(), -1, Slice()});
    return fc(last);
  }

  nn::Embedding embedding;
  nn::LSTM lstm;
  nn::Linear fc;
};
TORCH_MODULE(TextClassifier);

// The LSTM is built for `hidden` input features instead of `embed_dim`:
// found where the sizes are known, through the call.
struct TextClassifierInputImpl : nn::Module {
  TextClassifierInputImpl(int64_t vocab, int64_t embed_dim, int64_t hidden, int64_t classes)
      : embedding(register_module("embedding", nn::Embedding(vocab, embed_dim))),
        lstm(register_module(
            "lstm", nn::LSTM(nn::LSTMOptions(hidden, hidden).num_layers(2).batch_first(true)))),
        fc(register_module("fc", nn::Linear(hidden, classes))) {}

  torch::Tensor forward(torch::Tensor tokens) {
    auto embedded = embedding(tokens);
    auto output = std::get<0>(lstm->forward(embedded));
    // CHECK: :[[@LINE-1]]:37: warning: `lstm` (LSTM(128, 128, num_layers=2, batch_first=true)) expects input_size 128 features in the last dimension but its input [8, 20, 64] has 64 (LibTorch: input.size(-1) must be equal to input_size. Expected 128, got 64) [torch-shape-layer]
    // CHECK: :[[@LINE-7]]:21: note: `lstm` is configured here as LSTM(128, 128, num_layers=2, batch_first=true)
    // CHECK: :[[@LINE-4]]:21: note: `embedding` (Embedding(1000, 64)) maps [8, 20] to [8, 20, 64]
    // CHECK: :[[@LINE+80]]:3: note: in the call of `forward` from `bug_lstm_input_size` here, on the TextClassifierInputImpl(1000, 64, 128, 5) built at line [[@LINE+79]], with `tokens` of shape [8, 20]
    auto last = output.index({Slice(), -1, Slice()});
    return fc(last);
  }

  nn::Embedding embedding;
  nn::LSTM lstm;
  nn::Linear fc;
};
TORCH_MODULE(TextClassifierInput);

// Made bidirectional without widening the head: the last step has 2 × hidden
// features.
struct TextClassifierBiImpl : nn::Module {
  TextClassifierBiImpl(int64_t vocab, int64_t embed_dim, int64_t hidden, int64_t classes)
      : embedding(register_module("embedding", nn::Embedding(vocab, embed_dim))),
        lstm(register_module("lstm", nn::LSTM(nn::LSTMOptions(embed_dim, hidden)
                                                  .num_layers(2)
                                                  .batch_first(true)
                                                  .bidirectional(true)))),
        fc(register_module("fc", nn::Linear(hidden, classes))) {}

  torch::Tensor forward(torch::Tensor tokens) {
    auto embedded = embedding(tokens);
    auto output = std::get<0>(lstm->forward(embedded));
    auto last = output.index({Slice(), -1, Slice()});
    return fc(last);
    // CHECK: :[[@LINE-1]]:12: warning: `fc` expects 128 input features (Linear(128, 5)) but its input [8, 256] has 256 [torch-shape-layer]
    // CHECK: :[[@LINE-4]]:37: note: `lstm` (LSTM(64, 128, num_layers=2, batch_first=true, bidirectional=true)) maps it to [8, 20, 256]
    // CHECK: :[[@LINE-4]]:24: note: index gives [8, 256]
    // CHECK: :[[@LINE+56]]:3: note: in the call of `forward` from `bug_bidirectional_head` here, on the TextClassifierBiImpl(1000, 64, 128, 5) built at line [[@LINE+55]], with `tokens` of shape [8, 20]
  }

  nn::Embedding embedding;
  nn::LSTM lstm;
  nn::Linear fc;
};
TORCH_MODULE(TextClassifierBi);

// An explicit zero state sized with the sequence length: with batch_first
// the batch is tokens.size(0).
struct TextClassifierStateImpl : nn::Module {
  TextClassifierStateImpl(int64_t vocab, int64_t embed_dim, int64_t hidden, int64_t classes)
      : hidden(hidden),
        embedding(register_module("embedding", nn::Embedding(vocab, embed_dim))),
        lstm(register_module(
            "lstm", nn::LSTM(nn::LSTMOptions(embed_dim, hidden).num_layers(2).batch_first(true)))),
        fc(register_module("fc", nn::Linear(hidden, classes))) {}

  torch::Tensor forward(torch::Tensor tokens) {
    auto h0 = torch::zeros({2, tokens.size(1), hidden});
    auto c0 = torch::zeros({2, tokens.size(1), hidden});
    auto output = std::get<0>(lstm->forward(embedding(tokens), std::make_tuple(h0, c0)));
    // CHECK: :[[@LINE-1]]:64: warning: the initial state h_0 given to `lstm` (LSTM(64, 128, num_layers=2, batch_first=true)) must be [num_layers × directions, batch, hidden size] = [2, 8, 128] but it is [2, 20, 128] (LibTorch: Expected hidden[0] size 2 8 128, got [2, 20, 128]) [torch-shape-layer]
    // CHECK: :[[@LINE-4]]:15: note: torch::zeros creates a tensor of shape [2, 20, 128]
    // CHECK: :[[@LINE+37]]:3: note: in the call of `forward` from `bug_state_batch` here, on the TextClassifierStateImpl(1000, 64, 128, 5) built at line [[@LINE+36]], with `tokens` of shape [8, 20]
    return fc(output.index({Slice(), -1}));
  }

  int64_t hidden;
  nn::Embedding embedding;
  nn::LSTM lstm;
  nn::Linear fc;
};
TORCH_MODULE(TextClassifierState);

void ok_classifier() {
  TextClassifier model(1000, 64, 128, 5);
  nn::CrossEntropyLoss criterion;
  auto tokens = torch::zeros({8, 20}, torch::kLong);
  auto labels = torch::zeros({8}, torch::kLong);
  auto logits = model(tokens);
  auto loss = criterion(logits, labels);
  logits.view({8, 5});
  loss.view({1});
}
// RUNTIME: ok_classifier: ok

void bug_lstm_input_size() {
  TextClassifierInput model(1000, 64, 128, 5);
  model(torch::zeros({8, 20}, torch::kLong));
}
// RUNTIME: bug_lstm_input_size: threw: input.size(-1) must be equal to input_size. Expected 128, got 64

void bug_bidirectional_head() {
  TextClassifierBi model(1000, 64, 128, 5);
  model(torch::zeros({8, 20}, torch::kLong));
}
// RUNTIME: bug_bidirectional_head: threw: mat1 and mat2 shapes cannot be multiplied (8x256 and 128x5)

void bug_state_batch() {
  TextClassifierState model(1000, 64, 128, 5);
  model(torch::zeros({8, 20}, torch::kLong));
}
// RUNTIME: bug_state_batch: threw: Expected hidden[0] size 2 8 128, got [2, 20, 128]

TS_ORACLE_MAIN(ok_classifier, bug_lstm_input_size, bug_bidirectional_head, bug_state_batch)
