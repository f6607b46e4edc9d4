//===- EmbeddingRules.cpp - Embedding lookups -------------------------------===//
//
// The indices keep their shape and gain a trailing embedding_dim.
// Rules follow ATen's own checks, in ATen's order, and report only what is
// proven for every value of the symbols; anything unknown makes the result
// unknown instead.
//
//===----------------------------------------------------------------------===//
#include "EmbeddingRules.h"
#include "RuleSupport.h"
#include "SpatialSupport.h"
#include "TensorRules.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>

namespace torchshape {
namespace rules {

namespace {

/// Indices [*] -> [*, embedding_dim].
Value embed(const OpCall &C, const Value &Indices, const Dim &EmbeddingDim,
            const std::string &Who) {
  if (Indices.isTensor() && isFloatingDtype(Indices.DType)) {
    C.Sink->report(Finding{CheckId::Layer, C.Loc,
                           Who + " needs integer indices (Long or Int), but its input " +
                               (Indices.Shape.hasRank() ? Indices.Shape.str() + " " : std::string()) +
                               "has type " + Indices.DType +
                               " (LibTorch: Expected tensor for argument #1 'indices' to have one "
                               "of the following scalar types: Long, Int; but got CPU" +
                               Indices.DType + "Type instead (while checking arguments for "
                               "embedding))",
                           C.Sink->historyNotes(Indices, "the indices"),
                           {}});
    return Value::unknown();
  }
  if (!Indices.isTensor() || !Indices.Shape.hasRank())
    return unknownLike(Indices);
  std::vector<Axis> Axes = Indices.Shape.axes();
  Axes.push_back(Axis{EmbeddingDim, "", "", {}});
  TensorShape S = TensorShape::ofAxes(Axes);
  return result(C, Indices, S, Who + " maps " + Indices.Shape.str() + " to " + S.str());
}

} // namespace

Value embeddingForward(OpCall &C) {
  const ModuleValue *M = moduleOf(C.Self);
  if (!M)
    return unknownLike(C.arg(0));
  Dim E = option(M, "embedding_dim", Value::unknown()).asDim();
  return embed(C, C.arg(0), E,
               layerRef(C) + " (Embedding(" +
                   option(M, "num_embeddings", Value::unknown()).asDim().str() + ", " + E.str() +
                   "))");
}

Value embeddingFunctional(OpCall &C) {
  // F::embedding(input, weight, options)
  const Value &W = C.arg(0);
  if (!W.isTensor() || !W.Shape.hasRank())
    return unknownLike(C.Self);
  if (W.Shape.rank() != 2) {
    report(C, W,
           opRef(C) + " needs a 2-d weight [num_embeddings, embedding_dim] but its weight " +
               W.Shape.str() + " is " + std::to_string(W.Shape.rank()) + "-d" +
               quote("'weight' must be 2-D"));
    return Value::unknown();
  }
  return embed(C, C.Self, W.Shape.axis(1).Size, opRef(C));
}

Value atEmbedding(OpCall &C) {
  // embedding(weight, indices, ...): Self is the weight.
  const Value &W = C.Self;
  if (!W.isTensor() || !W.Shape.hasRank() || W.Shape.rank() != 2)
    return unknownLike(C.arg(0));
  return embed(C, C.arg(0), W.Shape.axis(1).Size, opRef(C));
}

} // namespace rules
} // namespace torchshape
