//===- ShapeLayerRules.cpp - Layers that only reshape or normalise along a dim ---===//
//
// Flatten, Unflatten, Softmax/LogSoftmax/Softmin: the tensor rules applied to
// the layer's input.
// Rules follow ATen's own checks, in ATen's order, and report only what is
// proven for every value of the symbols; anything unknown makes the result
// unknown instead.
//
//===----------------------------------------------------------------------===//
#include "ShapeLayerRules.h"
#include "RuleSupport.h"
#include "SpatialSupport.h"
#include "TensorRules.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>

namespace torchshape {
namespace rules {

Value flattenForward(OpCall &C) {
  const ModuleValue *M = moduleOf(C.Self);
  const Value &X = C.arg(0);
  if (!M || !X.isTensor())
    return unknownLike(X);
  OpCall Sub = onInput(C, X, {option(M, "start_dim", Value::ofInt(1)),
                              option(M, "end_dim", Value::ofInt(-1))});
  Sub.SelfSpelling = C.SelfSpelling;
  return flatten(Sub);
}

Value unflattenForward(OpCall &C) {
  const ModuleValue *M = moduleOf(C.Self);
  const Value &X = C.arg(0);
  if (!M || !X.isTensor() || !X.Shape.hasRank())
    return unknownLike(X);
  Value DimArg = option(M, "dim", Value::unknown());
  Value Sizes = option(M, "sizes", Value::unknown());
  OpCall Sub = onInput(C, X, {});
  auto D = wrapDimOrReport(Sub, DimArg, X.Shape.rank(), C.Loc);
  if (!D || !Sizes.isIntList() || Sizes.Elems.empty())
    return unknownLike(X);
  const Dim Size = X.Shape.axis(*D).Size;
  Dim Known(1);
  int MinusOnes = 0;
  size_t InferAt = 0;
  bool AllKnown = true;
  for (size_t I = 0; I < Sizes.Elems.size(); ++I) {
    auto K = Sizes.Elems[I].asConstant();
    if (K && *K == -1) {
      ++MinusOnes;
      InferAt = I;
    } else if (!Sizes.Elems[I].isInt() || (K && *K < 1) ||
               (!K && Sizes.Elems[I].Int.lowerBound().value_or(-1) < 0)) {
      AllKnown = false;
    } else {
      Known = Known * Sizes.Elems[I].Int;
    }
  }
  std::vector<Axis> New;
  for (const Value &E : Sizes.Elems)
    New.push_back(Axis{E.asDim(), "", "", {}});
  std::string Config = "Unflatten(" + DimArg.asDim().str() + ", " + listText(Sizes) + ")";
  bool Mismatch = AllKnown && ((MinusOnes == 0 && Known.equals(Size) == Tri::False) ||
                               (MinusOnes == 1 && Dim::divisible(Size, Known) == Tri::False));
  if (Mismatch) {
    std::string Q;
    if (Known.isConstant() && Size.isConstant())
      Q = "unflatten: Provided sizes " + listText(Sizes) +
          " don't multiply up to the size of dim " + std::to_string(*D) + " (" + Size.str() +
          ") in the input tensor";
    report(C, X,
           layerRef(C) + " (" + Config + ") splits dim " + std::to_string(*D) +
               " of its input " + X.Shape.str() +
               (MinusOnes == 0 ? " into " + Known.str() + " elements, not " + Size.str()
                               : " of size " + Size.str() + " into a multiple of " +
                                     Known.str() + ", which it is not") +
               quote(Q),
           configuredNote(layerRef(C), Config, M->ConfiguredAt));
    return Value::unknown();
  }
  if (MinusOnes == 1 && AllKnown && Dim::divisible(Size, Known) == Tri::True)
    New[InferAt] = Axis{Dim::floorDiv(Size, Known), "", "", {}};
  else if (MinusOnes > 0)
    New[InferAt] = Axis{Dim::unknown(), "", "", {}};
  std::vector<Axis> Axes(X.Shape.axes().begin(), X.Shape.axes().begin() + *D);
  Axes.insert(Axes.end(), New.begin(), New.end());
  Axes.insert(Axes.end(), X.Shape.axes().begin() + *D + 1, X.Shape.axes().end());
  TensorShape S = TensorShape::ofAxes(Axes);
  return result(C, X, S, layerRef(C) + " unflattens " + X.Shape.str() + " to " + S.str());
}

Value softmaxForward(OpCall &C) {
  const ModuleValue *M = moduleOf(C.Self);
  const Value &X = C.arg(0);
  if (!X.isTensor())
    return Value::unknown();
  if (M && X.Shape.hasRank()) {
    OpCall Sub = onInput(C, X, {});
    Sub.SelfSpelling = C.SelfSpelling;
    Value DimArg = option(M, "dim", Value::unknown());
    if (DimArg.isInt() && DimArg.asConstant() &&
        !wrapDimOrReport(Sub, DimArg, X.Shape.rank(), C.Loc))
      return Value::unknown();
  }
  return X;
}

Value softmaxFunctional(OpCall &C) {
  const ModuleValue *M = moduleOf(C.arg(0));
  const Value &X = C.Self;
  if (!X.isTensor())
    return Value::unknown();
  if (M && X.Shape.hasRank()) {
    Value DimArg = option(M, "dim", Value::unknown());
    OpCall Sub = onInput(C, X, {});
    if (DimArg.isInt() && DimArg.asConstant() &&
        !wrapDimOrReport(Sub, DimArg, X.Shape.rank(), C.argLoc(0)))
      return Value::unknown();
  }
  return X;
}

} // namespace rules
} // namespace torchshape
