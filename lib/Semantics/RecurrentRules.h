//===- RecurrentRules.h - LSTM, GRU, RNN and their cells -----------------===//
//
// Layer forms (Self is the module, Args[0] the input, Args[1] the optional
// initial state).  LibTorch 1.13's C++ recurrent layers have no unbatched
// mode: the input must be 3-d, [seq, batch, input_size] (or [batch, seq,
// input_size] with batch_first), and its last size must be input_size.
// Results are tuples, represented as List values:
//   LSTM  -> [output, [h_n, c_n]]      GRU, RNN -> [output, h_n]
//   LSTMCell -> [h', c']               GRUCell, RNNCell -> h'
// with output [seq, batch, D × H_out] (D = 2 when bidirectional, H_out =
// proj_size or hidden_size) and h_n [D × num_layers, batch, H_out].
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_LIB_SEMANTICS_RECURRENTRULES_H
#define TORCHSHAPE_LIB_SEMANTICS_RECURRENTRULES_H

#include "torchshape/Semantics/ApiTable.h"

namespace torchshape {
namespace rules {
Value rnnForward(OpCall &C);     // LSTM, GRU, RNN (the kind is C.Op)
Value rnnCellForward(OpCall &C); // LSTMCell, GRUCell, RNNCell
/// std::make_tuple(a, b, ...): a List of its arguments (an LSTM's (h_0, c_0)).
Value makeTuple(OpCall &C);
} // namespace rules
} // namespace torchshape

#endif
