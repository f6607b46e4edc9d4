//===- PoolRules.h - Pooling and adaptive pooling ---------------------------===//
//
// Layer forms (Self is the module, Args[0] the input), functional forms
// (Self is the input, Args[0] the options) and ATen forms (Self is the input,
// the rest positional, defaults as in native_functions.yaml).
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_LIB_SEMANTICS_POOLRULES_H
#define TORCHSHAPE_LIB_SEMANTICS_POOLRULES_H

#include "torchshape/Semantics/ApiTable.h"

namespace torchshape {
namespace rules {
Value maxPoolForward(OpCall &C);       // MaxPool1d/2d/3d
Value avgPoolForward(OpCall &C);       // AvgPool1d/2d/3d
Value adaptiveAvgPoolForward(OpCall &C);
Value adaptiveMaxPoolForward(OpCall &C);
Value maxPoolFunctional(OpCall &C);       // F::max_pool1d/2d/3d(x, opts)
Value avgPoolFunctional(OpCall &C);
Value adaptiveAvgPoolFunctional(OpCall &C);
Value adaptiveMaxPoolFunctional(OpCall &C);
Value atMaxPool(OpCall &C);        // at::max_pool*d(x, k, stride, padding, dilation, ceil_mode)
Value atAvgPool(OpCall &C);        // at::avg_pool*d(x, k, stride, padding, ceil_mode, ...)
Value atAdaptiveAvgPool(OpCall &C); // at::adaptive_avg_pool*d(x, output_size)
Value atAdaptiveMaxPool(OpCall &C); // at::adaptive_max_pool*d(x, output_size) -> (out, indices)
} // namespace rules
} // namespace torchshape

#endif
