// RUN: not %torchshape %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %tidy %s -- %flags 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %oracle %s | FileCheck %s --check-prefix=RUNTIME
//
// torch-shape-layer on LSTM, GRU, RNN and their cells.  LibTorch's C++
// recurrent layers have no unbatched mode: the input is [seq, batch,
// input_size] ([batch, seq, input_size] with batch_first); the output is
// [seq, batch, D × hidden] and h_n / c_n are [D × num_layers, batch, hidden]
// whatever batch_first says.  An explicit initial state must have exactly
// that shape.  Cells take [batch, input_size].
#include "oracle.h"

namespace nn = torch::nn;

// --- Bugs -------------------------------------------------------------------

// A single sequence without its batch dim.
void bug_lstm_2d_input() {
  nn::LSTM lstm(10, 20);
  auto out = lstm->forward(torch::rand({7, 10}));
  // CHECK: :[[@LINE-1]]:20: warning: `lstm` (LSTM(10, 20)) needs a 3-d input [seq, batch, input_size] (LibTorch's C++ recurrent layers have no unbatched mode) but its input [7, 10] is 2-d (LibTorch: input must have 3 dimensions, got 2) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:12: note: `lstm` is configured here as LSTM(10, 20)
  // CHECK: :[[@LINE-3]]:28: note: torch::rand creates a tensor of shape [7, 10]
}
// RUNTIME: bug_lstm_2d_input: threw: input must have 3 dimensions, got 2

// The batch size is read from dim 1 first: a 1-d input fails there.
void bug_gru_1d_input() {
  nn::GRU gru(10, 20);
  auto out = gru->forward(torch::rand({10}));
  // CHECK: :[[@LINE-1]]:19: warning: `gru` (GRU(10, 20)) needs a 3-d input [seq, batch, input_size] (LibTorch's C++ recurrent layers have no unbatched mode) but its input [10] is 1-d (LibTorch: Dimension out of range (expected to be in range of [-1, 0], but got 1)) [torch-shape-layer]
}
// RUNTIME: bug_gru_1d_input: threw: Dimension out of range (expected to be in range of [-1, 0], but got 1)

// With batch_first the batch is dim 0, and the rank check speaks.
void bug_rnn_1d_input_batch_first() {
  nn::RNN rnn(nn::RNNOptions(10, 20).batch_first(true));
  auto out = rnn->forward(torch::rand({10}));
  // CHECK: :[[@LINE-1]]:19: warning: `rnn` (RNN(10, 20, batch_first=true)) needs a 3-d input [batch, seq, input_size] (LibTorch's C++ recurrent layers have no unbatched mode) but its input [10] is 1-d (LibTorch: input must have 3 dimensions, got 1) [torch-shape-layer]
}
// RUNTIME: bug_rnn_1d_input_batch_first: threw: input must have 3 dimensions, got 1

void bug_lstm_input_size() {
  nn::LSTM lstm(nn::LSTMOptions(10, 20).num_layers(2));
  auto out = std::get<0>(lstm(torch::rand({5, 3, 12})));
  // CHECK: :[[@LINE-1]]:26: warning: `lstm` (LSTM(10, 20, num_layers=2)) expects input_size 10 features in the last dimension but its input [5, 3, 12] has 12 (LibTorch: input.size(-1) must be equal to input_size. Expected 10, got 12) [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:12: note: `lstm` is configured here as LSTM(10, 20, num_layers=2)
}
// RUNTIME: bug_lstm_input_size: threw: input.size(-1) must be equal to input_size. Expected 10, got 12

// Token embeddings of 16 features into a GRU built for 32.
void bug_gru_after_embedding() {
  nn::Embedding embed(1000, 16);
  nn::GRU gru(nn::GRUOptions(32, 64).batch_first(true));
  auto tokens = torch::zeros({4, 12}, torch::kLong);
  auto out = std::get<0>(gru->forward(embed(tokens)));
  // CHECK: :[[@LINE-1]]:31: warning: `gru` (GRU(32, 64, batch_first=true)) expects input_size 32 features in the last dimension but its input [4, 12, 16] has 16 (LibTorch: input.size(-1) must be equal to input_size. Expected 32, got 16) [torch-shape-layer]
  // CHECK: :[[@LINE-2]]:39: note: `embed` (Embedding(1000, 16)) maps [4, 12] to [4, 12, 16]
}
// RUNTIME: bug_gru_after_embedding: threw: input.size(-1) must be equal to input_size. Expected 32, got 16

// h_0 is [num_layers, batch, hidden], not [batch, num_layers, hidden].
void bug_lstm_state_order() {
  nn::LSTM lstm(nn::LSTMOptions(32, 32).num_layers(2));
  auto x = torch::rand({7, 4, 32});
  auto h0 = torch::zeros({4, 2, 32});
  auto c0 = torch::zeros({2, 4, 32});
  auto out = lstm->forward(x, std::make_tuple(h0, c0));
  // CHECK: :[[@LINE-1]]:31: warning: the initial state h_0 given to `lstm` (LSTM(32, 32, num_layers=2)) must be [num_layers × directions, batch, hidden size] = [2, 4, 32] but it is [4, 2, 32] (LibTorch: Expected hidden[0] size 2 4 32, got [4, 2, 32]) [torch-shape-layer]
  // CHECK: :[[@LINE-4]]:13: note: torch::zeros creates a tensor of shape [4, 2, 32]
}
// RUNTIME: bug_lstm_state_order: threw: Expected hidden[0] size 2 4 32, got [4, 2, 32]

void bug_lstm_cell_state() {
  nn::LSTM lstm(nn::LSTMOptions(32, 32).num_layers(2));
  auto out = lstm->forward(torch::rand({7, 4, 32}),
                           std::make_tuple(torch::zeros({2, 4, 32}), torch::zeros({2, 4, 31})));
  // CHECK: :[[@LINE-1]]:28: warning: the initial state c_0 given to `lstm` (LSTM(32, 32, num_layers=2)) must be [num_layers × directions, batch, hidden_size] = [2, 4, 32] but it is [2, 4, 31] (LibTorch: Expected hidden[1] size 2 4 32, got [2, 4, 31]) [torch-shape-layer]
}
// RUNTIME: bug_lstm_cell_state: threw: Expected hidden[1] size 2 4 32, got [2, 4, 31]

// With batch_first the input is [batch, seq, features] but the state keeps
// the batch in dim 1: sizing it from x.size(1) takes the sequence length.
void bug_lstm_state_batch_first() {
  nn::LSTM lstm(nn::LSTMOptions(10, 20).batch_first(true));
  auto x = torch::rand({3, 5, 10});
  auto h0 = torch::zeros({1, x.size(1), 20});
  auto out = lstm->forward(x, std::make_tuple(h0, h0.clone()));
  // CHECK: :[[@LINE-1]]:31: warning: the initial state h_0 given to `lstm` (LSTM(10, 20, batch_first=true)) must be [num_layers × directions, batch, hidden size] = [1, 3, 20] but it is [1, 5, 20] (LibTorch: Expected hidden[0] size 1 3 20, got [1, 5, 20]) [torch-shape-layer]
}
// RUNTIME: bug_lstm_state_batch_first: threw: Expected hidden[0] size 1 3 20, got [1, 5, 20]

void bug_gru_state() {
  nn::GRU gru(nn::GRUOptions(32, 32).num_layers(2));
  auto out = gru->forward(torch::rand({7, 4, 32}), torch::zeros({4, 2, 32}));
  // CHECK: :[[@LINE-1]]:52: warning: the initial state h_0 given to `gru` (GRU(32, 32, num_layers=2)) must be [num_layers × directions, batch, hidden size] = [2, 4, 32] but it is [4, 2, 32] (LibTorch: Expected hidden size 2 4 32, got [4, 2, 32]) [torch-shape-layer]
}
// RUNTIME: bug_gru_state: threw: Expected hidden size 2 4 32, got [4, 2, 32]

// A bidirectional layer has two directions per layer.
void bug_rnn_bidirectional_state() {
  nn::RNN rnn(nn::RNNOptions(10, 20).bidirectional(true));
  auto out = rnn->forward(torch::rand({5, 3, 10}), torch::zeros({1, 3, 20}));
  // CHECK: :[[@LINE-1]]:52: warning: the initial state h_0 given to `rnn` (RNN(10, 20, bidirectional=true)) must be [num_layers × directions, batch, hidden size] = [2, 3, 20] but it is [1, 3, 20] (LibTorch: Expected hidden size 2 3 20, got [1, 3, 20]) [torch-shape-layer]
}
// RUNTIME: bug_rnn_bidirectional_state: threw: Expected hidden size 2 3 20, got [1, 3, 20]

// With proj_size, h is projected (c is not).
void bug_lstm_proj_state() {
  nn::LSTM lstm(nn::LSTMOptions(10, 20).proj_size(5));
  auto h0 = torch::zeros({1, 3, 20});
  auto c0 = torch::zeros({1, 3, 20});
  auto out = lstm->forward(torch::rand({5, 3, 10}), std::make_tuple(h0, c0));
  // CHECK: :[[@LINE-1]]:53: warning: the initial state h_0 given to `lstm` (LSTM(10, 20, proj_size=5)) must be [num_layers × directions, batch, hidden size] = [1, 3, 5] but it is [1, 3, 20] (LibTorch: Expected hidden[0] size 1 3 5, got [1, 3, 20]) [torch-shape-layer]
}
// RUNTIME: bug_lstm_proj_state: threw: Expected hidden[0] size 1 3 5, got [1, 3, 20]

// A bidirectional output has 2 × hidden features.
void bug_bidirectional_head() {
  nn::LSTM lstm(nn::LSTMOptions(10, 20).bidirectional(true));
  nn::Linear head(20, 2);
  auto out = std::get<0>(lstm->forward(torch::rand({5, 3, 10})));
  auto y = head(out);
  // CHECK: :[[@LINE-1]]:12: warning: `head` expects 20 input features (Linear(20, 2)) but its input [5, 3, 40] has 40 [torch-shape-layer]
  // CHECK: :[[@LINE-3]]:32: note: `lstm` (LSTM(10, 20, bidirectional=true)) maps it to [5, 3, 40]
}
// RUNTIME: bug_bidirectional_head: threw: mat1 and mat2 shapes cannot be multiplied (15x40 and 20x2)

// h_n[-1] is the last layer's (last direction's) state: [batch, hidden].
void bug_last_hidden_head() {
  nn::GRU gru(nn::GRUOptions(10, 20).num_layers(2).bidirectional(true));
  nn::Linear head(40, 2);
  auto h_n = std::get<1>(gru->forward(torch::rand({5, 3, 10})));
  auto y = head(h_n[-1]);
  // CHECK: :[[@LINE-1]]:12: warning: `head` expects 40 input features (Linear(40, 2)) but its input [3, 20] has 20 [torch-shape-layer]
}
// RUNTIME: bug_last_hidden_head: threw: mat1 and mat2 shapes cannot be multiplied (3x20 and 40x2)

void bug_lstm_cell_input() {
  nn::LSTMCell cell(10, 20);
  auto hc = cell->forward(torch::rand({3, 12}));
  // CHECK: :[[@LINE-1]]:19: warning: `cell` (LSTMCell(10, 20)) expects input_size 10 features in dimension 1 but its input [3, 12] has 12 (LibTorch: input has inconsistent input_size: got 12 expected 10) [torch-shape-layer]
}
// RUNTIME: bug_lstm_cell_input: threw: input has inconsistent input_size: got 12 expected 10

// Cells have no unbatched mode in C++ either.
void bug_lstm_cell_1d_input() {
  nn::LSTMCell cell(10, 20);
  auto hc = cell->forward(torch::rand({10}));
  // CHECK: :[[@LINE-1]]:19: warning: `cell` (LSTMCell(10, 20)) needs a 2-d input [batch, input_size] but its input [10] is 1-d (LibTorch: Dimension out of range (expected to be in range of [-1, 0], but got 1)) [torch-shape-layer]
}
// RUNTIME: bug_lstm_cell_1d_input: threw: Dimension out of range (expected to be in range of [-1, 0], but got 1)

// A whole sequence given to a cell.
void bug_gru_cell_sequence() {
  nn::GRUCell cell(10, 20);
  auto h = cell(torch::rand({5, 3, 10}));
  // CHECK: :[[@LINE-1]]:12: warning: `cell` (GRUCell(10, 20)) needs a 2-d input [batch, input_size] but its input [5, 3, 10] is 3-d, and its dimension 1 (3) is not input_size 10 (LibTorch: input has inconsistent input_size: got 3 expected 10) [torch-shape-layer]
}
// RUNTIME: bug_gru_cell_sequence: threw: input has inconsistent input_size: got 3 expected 10

void bug_lstm_cell_state_batch() {
  nn::LSTMCell cell(10, 20);
  auto hc = cell->forward(torch::rand({3, 10}),
                          std::make_tuple(torch::zeros({4, 20}), torch::zeros({4, 20})));
  // CHECK: :[[@LINE-1]]:27: warning: the state hidden[0] given to `cell` (LSTMCell(10, 20)) has batch size 4 but its input [3, 10] has batch size 3 (LibTorch: Input batch size 3 doesn't match hidden[0] batch size 4) [torch-shape-layer]
}
// RUNTIME: bug_lstm_cell_state_batch: threw: Input batch size 3 doesn't match hidden[0] batch size 4

void bug_rnn_cell_state_size() {
  nn::RNNCell cell(10, 20);
  auto h = cell->forward(torch::rand({3, 10}), torch::zeros({3, 21}));
  // CHECK: :[[@LINE-1]]:48: warning: the state given to `cell` (RNNCell(10, 20)) must have hidden_size 20 columns but it is [3, 21] (LibTorch: hidden has inconsistent hidden_size: got 21, expected 20) [torch-shape-layer]
}
// RUNTIME: bug_rnn_cell_state_size: threw: hidden has inconsistent hidden_size: got 21, expected 20

// Sizes flow from the module's constructor into its LSTM.
struct EncoderImpl : nn::Module {
  EncoderImpl(int64_t features, int64_t hidden)
      : lstm(register_module("lstm", nn::LSTM(nn::LSTMOptions(features, hidden).batch_first(true)))) {}
  torch::Tensor forward(torch::Tensor x) { return std::get<0>(lstm->forward(x)); }
  // CHECK: :[[@LINE-1]]:69: warning: `lstm` (LSTM(8, 32, batch_first=true)) expects input_size 8 features in the last dimension but its input [2, 6, 9] has 9 (LibTorch: input.size(-1) must be equal to input_size. Expected 8, got 9) [torch-shape-layer]
  nn::LSTM lstm;
};
TORCH_MODULE(Encoder);
void bug_encoder_features() {
  Encoder enc(8, 32);
  enc(torch::rand({2, 6, 9}));
}
// RUNTIME: bug_encoder_features: threw: input.size(-1) must be equal to input_size. Expected 8, got 9

// --- Tricky but correct: must stay silent -----------------------------------

// Output, h_n and c_n shapes (views that only these shapes fit).
void ok_lstm_shapes() {
  nn::LSTM lstm(nn::LSTMOptions(10, 20).num_layers(2).batch_first(true).bidirectional(true));
  auto result = lstm->forward(torch::rand({3, 5, 10}));
  auto out = std::get<0>(result).view({3, 5, 40});
  auto h_n = std::get<0>(std::get<1>(result)).view({4, 3, 20});
  auto c_n = std::get<1>(std::get<1>(result)).view({4, 3, 20});
}
// RUNTIME: ok_lstm_shapes: ok

// proj_size: output and h_n have proj_size features, c_n hidden_size.
void ok_lstm_projection() {
  nn::LSTM lstm(nn::LSTMOptions(10, 20).proj_size(5).bidirectional(true));
  auto result = lstm->forward(torch::rand({5, 3, 10}));
  std::get<0>(result).view({5, 3, 10});
  std::get<0>(std::get<1>(result)).view({2, 3, 5});
  std::get<1>(std::get<1>(result)).view({2, 3, 20});
}
// RUNTIME: ok_lstm_projection: ok

// batch_first: the state's batch is x.size(0); it stays in dim 1.
void ok_gru_batch_first_state() {
  nn::GRU gru(nn::GRUOptions(10, 20).batch_first(true).num_layers(3));
  auto x = torch::rand({4, 9, 10});
  auto h0 = torch::zeros({3, x.size(0), 20});
  auto result = gru->forward(x, h0);
  std::get<0>(result).view({4, 9, 20});
  std::get<1>(result).view({3, 4, 20});
}
// RUNTIME: ok_gru_batch_first_state: ok

// The state of one call is the initial state of the next.
void ok_lstm_state_carried() {
  nn::LSTM lstm(nn::LSTMOptions(8, 16).num_layers(2));
  auto first = lstm->forward(torch::rand({4, 2, 8}));
  auto second = lstm->forward(torch::rand({6, 2, 8}), std::get<1>(first));
  std::get<0>(second).view({6, 2, 16});
}
// RUNTIME: ok_lstm_state_carried: ok

// A cell stepped over time with its state threaded through.
void ok_lstm_cell_loop() {
  nn::LSTMCell cell(10, 20);
  auto x = torch::rand({5, 3, 10});
  auto h = torch::zeros({3, 20});
  auto c = torch::zeros({3, 20});
  for (int64_t t = 0; t < x.size(0); ++t) {
    auto hc = cell->forward(x[t], std::make_tuple(h, c));
    h = std::get<0>(hc);
    c = std::get<1>(hc);
  }
  h.view({3, 20});
}
// RUNTIME: ok_lstm_cell_loop: ok

// Unknown sizes are never judged.
torch::Tensor encode(nn::GRU &gru, torch::Tensor x, torch::Tensor h0) {
  return std::get<0>(gru->forward(x, h0));
}
void ok_unknown_shapes() {
  nn::GRU gru(nn::GRUOptions(6, 4));
  encode(gru, torch::rand({2, 3, 6}), torch::zeros({1, 3, 4}));
}
// RUNTIME: ok_unknown_shapes: ok

TS_ORACLE_MAIN(bug_lstm_2d_input, bug_gru_1d_input, bug_rnn_1d_input_batch_first,
               bug_lstm_input_size, bug_gru_after_embedding, bug_lstm_state_order,
               bug_lstm_cell_state, bug_lstm_state_batch_first, bug_gru_state,
               bug_rnn_bidirectional_state, bug_lstm_proj_state, bug_bidirectional_head,
               bug_last_hidden_head, bug_lstm_cell_input, bug_lstm_cell_1d_input,
               bug_gru_cell_sequence, bug_lstm_cell_state_batch, bug_rnn_cell_state_size,
               bug_encoder_features, ok_lstm_shapes, ok_lstm_projection,
               ok_gru_batch_first_state, ok_lstm_state_carried, ok_lstm_cell_loop,
               ok_unknown_shapes)
