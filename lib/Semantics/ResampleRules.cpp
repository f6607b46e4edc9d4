//===- ResampleRules.cpp - Resampling: interpolate and Upsample -------------===//
//
// [N, C, *spatial] -> [N, C, *size], the size given or ⌊input × scale⌋.
// Rules follow ATen's own checks, in ATen's order, and report only what is
// proven for every value of the symbols; anything unknown makes the result
// unknown instead.
//
//===----------------------------------------------------------------------===//
#include "ResampleRules.h"
#include "RuleSupport.h"
#include "SpatialSupport.h"
#include "TensorRules.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>
#include <cmath>

namespace torchshape {
namespace rules {

namespace {

/// The list elements of an option ({2.0, 2.0} reads as ints {2, 2}, {1.5}
/// as a Real).
std::optional<std::vector<Value>> listElems(const Value *V) {
  if (!V || !(V->isIntList() || V->Kind == ValueKind::List))
    return std::nullopt;
  return V->Elems;
}

/// LibTorch's _interp_output_size, then the [N, C, *size] result.  Who
/// names the op or layer; Config and At describe a layer's configuration.
Value interpolateCore(OpCall &C, const Value &X, const ModuleValue *M, const std::string &Who,
                      const std::string &Config, clang::SourceLocation At) {
  if (!X.isTensor() || !X.Shape.hasRank() || !M || X.Shape.rank() < 3)
    return unknownLike(X);
  const size_t R = X.Shape.rank();
  const Value *SizeOpt = M->param("size");
  const Value *ScaleOpt = M->param("scale_factor");
  auto Size = listElems(SizeOpt);
  auto Scale = listElems(ScaleOpt);
  if (SizeOpt && ScaleOpt)
    return unknownLike(X); // both set (LibTorch rejects it) or not tracked
  std::vector<Axis> Axes{X.Shape.axis(0), X.Shape.axis(1)};
  if (Size) {
    size_t N = Size->size();
    if (N != R - 2) {
      // LibTorch has no unbatched mode here: a [C, H, W] image is [N, C, L].
      report(C, X,
             Who + " reads its " + std::to_string(R) + "-d input " + X.Shape.str() +
                 " as [N, C, " + std::to_string(R - 2) + " spatial dim" + (R == 3 ? "" : "s") +
                 "] but is given " + std::to_string(N) + " output size" + (N == 1 ? "" : "s") +
                 " " + listText(*SizeOpt) +
                 quote("It is expected output_size equals to " + std::to_string(R - 2) +
                       ", but got size " + std::to_string(N)),
             configuredNote(Who, Config, At));
      return Value::unknown();
    }
    for (const Value &E : *Size)
      Axes.push_back(Axis{E.isInt() ? E.Int : Dim::unknown(), "", "", {}});
  } else if (Scale) {
    size_t N = Scale->size();
    if (N != R - 2) {
      std::string Factors = listText(*ScaleOpt);
      report(C, X,
             Who + " reads its " + std::to_string(R) + "-d input " + X.Shape.str() +
                 " as [N, C, " + std::to_string(R - 2) + " spatial dim" + (R == 3 ? "" : "s") +
                 "] but is given " + std::to_string(N) + " scale factor" + (N == 1 ? "" : "s") +
                 " " + Factors +
                 // With fewer factors than dims, LibTorch's inline code indexes
                 // the list first or checks it first, depending on the
                 // compiler's argument evaluation order: no single quote.
                 (N > R - 2 ? quote("scale_factor shape must match input shape. Input is " +
                                    std::to_string(R - 2) + "D, scale_factor size is " +
                                    Factors)
                            : std::string()),
             configuredNote(Who, Config, At));
      return Value::unknown();
    }
    // ⌊size × scale⌋: exact (symbolic) for whole scales; for a fractional
    // scale computed as LibTorch 1.13's _interp_output_size does, in double
    // (recompute_scale_factor changes only the kernel's scale, not the size).
    for (size_t I = 0; I < N; ++I) {
      const Value &F = (*Scale)[I];
      const Axis &In = X.Shape.axis(I + 2);
      if (F.Kind == ValueKind::Real) {
        auto InK = In.Size.getConstant();
        if (!InK || !(F.Real > 0)) {
          Axes.push_back(Axis{Dim::unknown(), "", "", {}});
          continue;
        }
        auto Out = static_cast<int64_t>(std::floor(static_cast<double>(*InK) * F.Real));
        Axes.push_back(Axis{Dim(Out), "⌊" + In.Size.str() + " × " + realText(F.Real) + "⌋",
                            "interpolate", C.Loc});
        continue;
      }
      auto LB = F.isInt() ? F.Int.lowerBound() : std::nullopt;
      if (!LB || *LB < 0 || In.Size.isUnknown()) {
        Axes.push_back(Axis{Dim::unknown(), "", "", {}});
        continue;
      }
      Axes.push_back(Axis{In.Size * F.Int, In.Size.str() + " × " + F.Int.str(), "interpolate",
                          C.Loc});
    }
  } else {
    return unknownLike(X);
  }
  TensorShape S = TensorShape::ofAxes(Axes);
  return result(C, X, S, Who + " resizes " + X.Shape.str() + " to " + S.str());
}

} // namespace

Value interpolateFunctional(OpCall &C) {
  // F::interpolate(input, options).
  return interpolateCore(C, C.Self, moduleOf(C.arg(0)), opRef(C), "", {});
}

Value upsampleForward(OpCall &C) {
  const ModuleValue *M = moduleOf(C.Self);
  if (!M)
    return unknownLike(C.arg(0));
  // "Upsample(scale_factor=[2])": the option that sets the output size.
  std::string Config;
  for (const char *Name : {"size", "scale_factor"})
    if (const Value *V = M->param(Name))
      if (listElems(V))
        Config = "Upsample(" + std::string(Name) + "=" + listText(*V) + ")";
  return interpolateCore(C, C.arg(0), M, layerRef(C), Config, M->ConfiguredAt);
}

} // namespace rules
} // namespace torchshape
