//===- ShapeLayerRules.h - Flatten, Unflatten, Softmax layers ---------------===//
//
// Layer forms (Self is the module, Args[0] the input), functional forms
// (Self is the input, Args[0] the options) and ATen forms (Self is the input,
// the rest positional, defaults as in native_functions.yaml).
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_LIB_SEMANTICS_SHAPELAYERRULES_H
#define TORCHSHAPE_LIB_SEMANTICS_SHAPELAYERRULES_H

#include "torchshape/Semantics/ApiTable.h"

namespace torchshape {
namespace rules {
Value flattenForward(OpCall &C);
Value unflattenForward(OpCall &C);
Value softmaxForward(OpCall &C);       // Softmax/LogSoftmax/Softmin(dim)
Value softmaxFunctional(OpCall &C);       // F::softmax(x, opts)
} // namespace rules
} // namespace torchshape

#endif
