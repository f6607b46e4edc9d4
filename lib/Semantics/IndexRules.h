//===- IndexRules.h - Tensor::index and Tensor::index_put_ ---------------===//
//
// `x.index({Slice(), 0})`, `x.index({None, Ellipsis, mask})`,
// `x.index_put_({Slice(), 0}, v)`: Args[0] is the list of index values built
// by lib/Analysis/IndexValues.cpp (Int, Bool, ModuleValue kinds "Slice",
// "None", "Ellipsis", "Integer", "Boolean", "TensorIndex").  The rules
// follow at::indexing::get_item / set_item (ATen/TensorIndexing.h):
// integers select (and must be in bounds), slices clamp (never an error,
// but the step must be positive), None inserts a size-1 dim, Ellipsis skips
// the unindexed dims, and tensor indices ("advanced" indexing) replace the
// dims they index with their broadcast shape (a boolean mask: one dim of
// unknown size, the number of true elements).
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_LIB_SEMANTICS_INDEXRULES_H
#define TORCHSHAPE_LIB_SEMANTICS_INDEXRULES_H

#include "torchshape/Semantics/ApiTable.h"

namespace torchshape {
namespace rules {
Value indexTensor(OpCall &C); // x.index({...})
Value indexPut(OpCall &C);    // x.index_put_({...}, value): self keeps its shape
} // namespace rules
} // namespace torchshape

#endif
