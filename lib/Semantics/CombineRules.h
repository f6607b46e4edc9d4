//===- CombineRules.h - cat, stack, hstack, vstack -----------------------===//
//
// Ops that join a list of tensors (Args[0], a List value built from `{a, b}`
// or a std::vector of tensors).  They follow LibTorch 1.13's cat_meta and
// stack: cat needs every input (but legacy 1-d empty ones, which it skips)
// of the same rank and the same sizes outside the cat dimension; stack needs
// equal shapes.  Violations are reported under torch-shape-concat, dims out
// of range under torch-shape-dim.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_LIB_SEMANTICS_COMBINERULES_H
#define TORCHSHAPE_LIB_SEMANTICS_COMBINERULES_H

#include "torchshape/Semantics/ApiTable.h"

namespace torchshape {
namespace rules {
Value concatenate(OpCall &C);  // torch::cat / torch::concat(tensors, dim = 0)
Value stackTensors(OpCall &C); // torch::stack(tensors, dim = 0)
Value hstack(OpCall &C);       // atleast_1d, then cat along 0 (1-d) or 1
Value vstack(OpCall &C);       // atleast_2d, then cat along 0
} // namespace rules
} // namespace torchshape

#endif
