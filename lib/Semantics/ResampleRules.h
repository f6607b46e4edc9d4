//===- ResampleRules.h - interpolate and Upsample ---------------------------===//
//
// Layer forms (Self is the module, Args[0] the input), functional forms
// (Self is the input, Args[0] the options) and ATen forms (Self is the input,
// the rest positional, defaults as in native_functions.yaml).
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_LIB_SEMANTICS_RESAMPLERULES_H
#define TORCHSHAPE_LIB_SEMANTICS_RESAMPLERULES_H

#include "torchshape/Semantics/ApiTable.h"

namespace torchshape {
namespace rules {
Value interpolateFunctional(OpCall &C);   // F::interpolate(x, opts)
Value upsampleForward(OpCall &C);         // Upsample (same options as interpolate)
} // namespace rules
} // namespace torchshape

#endif
