//===- EmbeddingRules.h - Embedding lookups ---------------------------------===//
//
// Layer forms (Self is the module, Args[0] the input), functional forms
// (Self is the input, Args[0] the options) and ATen forms (Self is the input,
// the rest positional, defaults as in native_functions.yaml).
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_LIB_SEMANTICS_EMBEDDINGRULES_H
#define TORCHSHAPE_LIB_SEMANTICS_EMBEDDINGRULES_H

#include "torchshape/Semantics/ApiTable.h"

namespace torchshape {
namespace rules {
Value embeddingForward(OpCall &C);
Value embeddingFunctional(OpCall &C);     // F::embedding(idx, w, opts)
Value atEmbedding(OpCall &C);      // at::embedding(weight, indices, ...): Self is the weight
} // namespace rules
} // namespace torchshape

#endif
