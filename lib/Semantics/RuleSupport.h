//===- RuleSupport.h - Helpers shared by the shape rules -----------------===//
#ifndef TORCHSHAPE_LIB_SEMANTICS_RULESUPPORT_H
#define TORCHSHAPE_LIB_SEMANTICS_RULESUPPORT_H

#include "torchshape/Semantics/ApiTable.h"

namespace torchshape {
namespace rules {

/// Sizes from an int-list value: each element's Dim (unknown where not
/// known); nullopt when the list itself is unknown.
std::optional<std::vector<Axis>> axesFromList(const Value &List);

/// A known fractional number as messages print it: "1.5".
std::string realText(double R);
/// The list as LibTorch prints it in errors: "[1, -1, 1000]".
std::string listText(const Value &List);

/// Row-major strides of a known-rank shape ([12, 4, 1] for [2, 3, 4]).
std::vector<Dim> contiguousStrides(const TensorShape &S);
/// V as a freshly allocated tensor: contiguous strides when its rank is known.
Value asContiguous(Value V);
/// V without stride information (ops whose output layout is not certain).
Value withoutStrides(Value V);
/// LibTorch's computeStride: the strides `view` gives NewShape of a tensor
/// of OldShape and OldStrides.  True (NewStrides filled), False when the
/// view is proven impossible ("view size is not compatible with input
/// tensor's size and stride"), Unknown when a comparison is not decided.
Tri viewStrides(const std::vector<Dim> &OldShape, const std::vector<Dim> &OldStrides,
                const std::vector<Dim> &NewShape, std::vector<Dim> &NewStrides);

/// The scalar type an argument names (`torch::kLong`, `torch::dtype(kInt)`,
/// `TensorOptions().dtype(kFloat)`, `at::ScalarType::Long`) as LibTorch
/// prints it ("Long"); empty when it names none, or several.
std::string dtypeNamedIn(const clang::Expr *E);
/// A factory's dtype from its TensorOptions argument: Default when the
/// options are left to their default, the dtype they name, or empty.
std::string factoryDtype(const OpCall &C, const std::string &Default);
/// Whether a known dtype is a floating-point one.
bool isFloatingDtype(const std::string &D);

/// A tensor value derived from Self: its history plus one event.
Value derived(const OpCall &C, TensorShape S, const std::string &Event);

/// Wrap a possibly negative dim index against Rank the way LibTorch does,
/// reporting torch-shape-dim when it is proven out of range.  Returns nullopt
/// when unknown or out of range.
std::optional<size_t> wrapDimOrReport(OpCall &C, const Value &DimArg,
                                      size_t Rank, clang::SourceLocation Loc);

/// A square-image reading of a feature count: "224 × 224 = 1 × 224 × 224"
/// for 50176, "3 × 64 × 64" for 12288; empty when none fits.
std::string squareImageFactoring(int64_t N);

/// How to describe an axis size in a message: "12288 (3 × 64 × 64, flattened
/// by view at line 4)".
std::string describeAxis(const OpCall &C, const Axis &A);

} // namespace rules
} // namespace torchshape

#endif
