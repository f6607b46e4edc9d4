//===- DimRules.h - Ops that take dimension arguments --------------------===//
//
// Reductions, softmax-like ops, select/narrow/slice/index_select, squeeze,
// transpose/permute/t, chunk/split/unbind, repeat/expand and flip: each
// checks its dims against the rank (torch-shape-dim, worded like LibTorch's
// maybe_wrap_dim) and the op's own requirements, and computes the result.
// Only constant dims and indices are checked; sizes may be symbolic.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_LIB_SEMANTICS_DIMRULES_H
#define TORCHSHAPE_LIB_SEMANTICS_DIMRULES_H

#include "torchshape/Semantics/ApiTable.h"

namespace torchshape {
namespace rules {

// --- Rules (table/Indexing.def) ---------------------------------------------
/// sum/mean/prod/amax/amin/logsumexp: (dims, keepdim) or, with fewer than two
/// arguments (the dtype-only overloads), the full reduction to [].
Value reduceDims(OpCall &C);
/// logsumexp(dims, keepdim): as reduceDims, but an empty dims list is not
/// modelled.
Value reduceNonEmptyDims(OpCall &C);
/// var/std: (unbiased) reduces everything; (dims, unbiased or correction,
/// keepdim) as reduceDims with keepdim third.
Value reduceVarStd(OpCall &C);
/// triu/tril(diagonal): same shape; 2 or more dims.
Value triangular(OpCall &C);
/// softmax/log_softmax/cumsum/cumprod(dim, ...): same shape, dim checked.
Value sameShapeAlongDim(OpCall &C);
/// argmax/argmin(dim = nullopt, keepdim = false).
Value argReduce(OpCall &C);
Value selectIndex(OpCall &C);    // select(dim, index)
Value subscriptIndex(OpCall &C); // x[i] with an integer i: select(0, i)
Value narrowDim(OpCall &C);      // narrow(dim, start, length)
Value indexSelect(OpCall &C);
Value gatherDim(OpCall &C); // gather(dim, index): the index's shape    // index_select(dim, index)
Value squeezeDims(OpCall &C);    // squeeze(), squeeze(dim)
Value transposeDims(OpCall &C);  // transpose/swapaxes/swapdims(d0, d1)
Value permuteDims(OpCall &C);    // permute(dims)
Value transpose2d(OpCall &C);    // t()
Value chunkDim(OpCall &C);       // chunk(chunks, dim) -> list
Value splitDim(OpCall &C);       // split(size or sizes, dim), split_with_sizes -> list
Value unbindDim(OpCall &C);      // unbind(dim) -> list
Value repeatDims(OpCall &C);     // repeat(repeats)
Value expandSizes(OpCall &C);    // expand(sizes)
Value expandAs(OpCall &C);       // expand_as(other)
Value sliceDim(OpCall &C);       // slice(dim, start, end, step)
Value flipDims(OpCall &C);       // flip(dims)

// --- Helpers shared with CombineRules ---------------------------------------
/// Whether argument I was left to its default (a CXXDefaultArgExpr).
bool argIsDefaulted(const OpCall &C, size_t I);
/// Argument I's location, or the call's when the argument is a default.
clang::SourceLocation argLocOrCall(const OpCall &C, size_t I);
/// Where element Elem of the list written as argument Arg is (`{a, b}`,
/// `{0, 2, 1}`), or the argument's location when it is not written out.
clang::SourceLocation listElementLoc(const OpCall &C, size_t Arg, size_t Elem);

} // namespace rules
} // namespace torchshape

#endif
