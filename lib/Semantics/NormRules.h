//===- NormRules.h - Batch, instance, layer and group norm ------------------===//
//
// Layer forms (Self is the module, Args[0] the input), functional forms
// (Self is the input, Args[0] the options) and ATen forms (Self is the input,
// the rest positional, defaults as in native_functions.yaml).
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_LIB_SEMANTICS_NORMRULES_H
#define TORCHSHAPE_LIB_SEMANTICS_NORMRULES_H

#include "torchshape/Semantics/ApiTable.h"

namespace torchshape {
namespace rules {
Value batchNormForward(OpCall &C);     // BatchNorm1d/2d/3d
Value instanceNormForward(OpCall &C);  // InstanceNorm1d/2d/3d
Value layerNormForward(OpCall &C);
Value groupNormForward(OpCall &C);
Value batchNormFunctional(OpCall &C);     // F::batch_norm(x, mean, var, opts)
Value layerNormFunctional(OpCall &C);     // F::layer_norm(x, opts)
Value groupNormFunctional(OpCall &C);     // F::group_norm(x, opts)
Value atBatchNorm(OpCall &C);      // at::batch_norm(x, w, b, mean, var, training, ...)
Value atLayerNorm(OpCall &C);      // at::layer_norm(x, normalized_shape, ...)
Value atGroupNorm(OpCall &C);      // at::group_norm(x, num_groups, w, b, ...)
} // namespace rules
} // namespace torchshape

#endif
