//===- LayerRules.h - Rules for LibTorch layers (Self is the module) -----===//
#ifndef TORCHSHAPE_LIB_SEMANTICS_LAYERRULES_H
#define TORCHSHAPE_LIB_SEMANTICS_LAYERRULES_H

#include "torchshape/Semantics/ApiTable.h"

namespace torchshape {
namespace rules {
Value linearForward(OpCall &C);   // Self: the Linear module, Args[0]: input
Value linearFunctional(OpCall &C); // Self: input, Args: weight, bias
Value identityForward(OpCall &C);  // activations, dropout
} // namespace rules
} // namespace torchshape

#endif
