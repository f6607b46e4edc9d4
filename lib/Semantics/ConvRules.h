//===- ConvRules.h - Convolutions -------------------------------------------===//
//
// Layer forms (Self is the module, Args[0] the input), functional forms
// (Self is the input, Args[0] the options) and ATen forms (Self is the input,
// the rest positional, defaults as in native_functions.yaml).
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_LIB_SEMANTICS_CONVRULES_H
#define TORCHSHAPE_LIB_SEMANTICS_CONVRULES_H

#include "torchshape/Semantics/ApiTable.h"

namespace torchshape {
namespace rules {
Value convForward(OpCall &C);          // Conv1d/2d/3d
Value convTransposeForward(OpCall &C); // ConvTranspose1d/2d/3d
Value convFunctional(OpCall &C);          // F::conv1d/2d/3d(x, w, opts)
Value convTransposeFunctional(OpCall &C); // F::conv_transpose1d/2d/3d(x, w, opts)
Value atConv(OpCall &C);           // at::conv1d/2d/3d(x, w, b, stride, padding, dilation, groups)
Value atConvTranspose(OpCall &C);  // at::conv_transpose*d(x, w, b, stride, padding, out_pad, groups, dilation)
} // namespace rules
} // namespace torchshape

#endif
