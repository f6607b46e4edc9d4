//===- FactoryRules.h - Rules for the tensor factories beyond sizes-first --===//
//
// factory() in TensorRules covers the factories whose first argument is the
// size list (rand, zeros, full, ...).  These are the others: literal data
// (torch::tensor), foreign memory (from_blob) and the factories whose sizes
// are computed from scalars (eye, linspace, randint, randperm).
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_LIB_SEMANTICS_FACTORYRULES_H
#define TORCHSHAPE_LIB_SEMANTICS_FACTORYRULES_H

#include "torchshape/Semantics/ApiTable.h"

namespace torchshape {
namespace rules {
Value tensorLiteral(OpCall &C); // torch::tensor({{1, 2}, {3, 4}}): nesting gives the shape
Value fromBlob(OpCall &C);      // from_blob(data, sizes[, strides], ...)
Value eye(OpCall &C);           // eye(n) -> [n, n], eye(n, m) -> [n, m]
Value linspace(OpCall &C);      // linspace/logspace(start, end, steps) -> [steps]
Value sizesLast(OpCall &C);     // randint([low,] high, sizes): the last size list
Value randperm(OpCall &C);      // randperm(n) -> [n]
} // namespace rules
} // namespace torchshape

#endif
