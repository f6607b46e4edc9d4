//===- BroadcastRules.h - Elementwise ops and LibTorch's broadcasting ----===//
//
// Binary arithmetic, comparisons, where, masked_fill, pow, maximum/minimum:
// the operands broadcast (aligned from the right, a size-1 axis stretches)
// and the result has the broadcast shape.  In-place forms keep self's shape
// and fail when the broadcast shape is not self's.
//
//===----------------------------------------------------------------------===//
#ifndef TORCHSHAPE_LIB_SEMANTICS_BROADCASTRULES_H
#define TORCHSHAPE_LIB_SEMANTICS_BROADCASTRULES_H

#include "torchshape/Semantics/ApiTable.h"

#include <optional>

namespace torchshape {
namespace rules {

// --- Rules (table/Elementwise.def) ------------------------------------------
/// a op b: Self and Args[0], or Args[0] and Args[1] for a scalar-first free
/// form (`2 * x`, `torch::pow(2, x)`); a scalar operand broadcasts with all.
Value broadcastBinary(OpCall &C);
/// clamp(min, max) and the like: self's shape, broadcast with tensor bounds.
Value elementwiseWithBounds(OpCall &C);
/// a op= b, a.add_(b): the result keeps Self's shape, and must be it.
Value broadcastInPlace(OpCall &C);
/// copy_(src), and assignment into a temporary view (`x.slice(...) = src`):
/// src broadcasts to self, which keeps its shape.
Value copyInto(OpCall &C);
/// torch::where(cond, a, b) (Self = cond) and a.where(cond, b) (Self = a).
Value whereFree(OpCall &C);
Value whereMethod(OpCall &C);
/// a.masked_fill(mask, v), torch::masked_fill(a, mask, v); and masked_fill_.
Value maskedFill(OpCall &C);
Value maskedFillInPlace(OpCall &C);
/// max/min: with a tensor argument the elementwise binary form; without,
/// the full reduction ([]) or the reduction over a dim (values, indices).
Value maxMin(OpCall &C);

// --- Shared with other rule families (LinalgRules) ---------------------------

/// A proven broadcast conflict: at OutDim of the broadcast shape (counted
/// from the front of the longer shape), A has SizeA and B has SizeB, both
/// proven different from 1 and from each other.
struct BroadcastConflict {
  size_t OutDim = 0;
  Axis A, B;
};

/// The broadcast of two known-rank shapes, axis by axis from the right:
/// a proven-1 axis takes the other's size; where the program can only go on
/// when both are equal (one is proven not 1), the size proven not 1; else
/// unknown.  Returns nullopt and fills Conflict when an axis is proven
/// incompatible (the rightmost one, as LibTorch's infer_size reports).
/// Exact is cleared when an axis to the right of the conflict was not proven
/// compatible (LibTorch might then report that one instead).
std::optional<std::vector<Axis>> broadcastAxes(const std::vector<Axis> &A,
                                               const std::vector<Axis> &B,
                                               BroadcastConflict &Conflict, bool &Exact);

/// "[2, 3]" for a list of axes.
std::string axesText(const std::vector<Axis> &Axes);

/// Whether argument I of the call is a tensor (by value, or by the type of
/// its expression); false for c10::Scalar and plain numbers.
bool argIsTensor(const OpCall &C, size_t I);
/// `x` when argument I is a plain name, else empty.
std::string argSpelling(const OpCall &C, size_t I);
/// Where to point for the call: the operator token of `a + b`, else the call.
clang::SourceLocation opLoc(const OpCall &C);

} // namespace rules
} // namespace torchshape

#endif
