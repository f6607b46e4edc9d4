//===- PoolRules.cpp - Pooling: max/avg pooling and adaptive pooling --------===//
//
// Padding at most half the kernel; ⌊ or ⌈(H + 2p − d(k − 1) − 1) / s⌉ + 1
// (ceil_mode drops a last window that starts in the padding), which must be
// ≥ 1 (max_pool1d only rejects negative sizes).  Adaptive pooling: the last D
// sizes become output_size.
// Rules follow ATen's own checks, in ATen's order, and report only what is
// proven for every value of the symbols; anything unknown makes the result
// unknown instead.
//
//===----------------------------------------------------------------------===//
#include "PoolRules.h"
#include "RuleSupport.h"
#include "SpatialSupport.h"
#include "TensorRules.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>

namespace torchshape {
namespace rules {

namespace {

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

struct PoolSpec {
  size_t D = 0;
  bool Max = true;
  std::string Who, Config;
  clang::SourceLocation ConfiguredAt;
  Dims K, S, P, Dl;
  Tri Ceil = Tri::False;
};

std::string poolRankQuote(const PoolSpec &Sp, const TensorShape &X) {
  size_t R = X.rank();
  std::string Sizes = X.str();
  if (Sp.Max) {
    if (Sp.D == 1)
      return "max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size "
             "for input, but got:" + Sizes;
    if (Sp.D == 2)
      return "non-empty 3D or 4D (batch mode) tensor expected for input";
    return "non-empty 4D or 5D (batch mode) tensor expected for input";
  }
  if (Sp.D == 1)
    return "Expected 2 to 3 dimensions, but got " + std::to_string(R) +
           "-dimensional tensor for argument #1 'self' (while checking arguments for avg_pool1d)";
  if (Sp.D == 2) {
    if (R < 3) {
      int64_t W = std::max<int64_t>(static_cast<int64_t>(R), 1);
      return "Dimension out of range (expected to be in range of [" + std::to_string(-W) + ", " +
             std::to_string(W - 1) + "], but got -3)";
    }
    return "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, "
           "but got:" + Sizes;
  }
  return "non-empty 4D or 5D (batch mode) tensor expected for input";
}

Value poolCore(OpCall &C, const Value &X, const PoolSpec &Sp) {
  if (!X.isTensor() || !X.Shape.hasRank() || Sp.D == 0)
    return unknownLike(X);
  const size_t D = Sp.D, R = X.Shape.rank();
  const std::string In = X.Shape.str();
  std::vector<Note> Configured = configuredNote(Sp.Who, Sp.Config, Sp.ConfiguredAt);
  std::string Conf = Sp.Config.empty() ? "" : " (" + Sp.Config + ")";
  std::string OpName = std::string(Sp.Max ? "max_pool" : "avg_pool") + std::to_string(D) + "d";

  if (R != D + 1 && R != D + 2) {
    report(C, X,
           Sp.Who + Conf + " expects a " + std::to_string(D + 1) + "-d (unbatched) or " +
               std::to_string(D + 2) + "-d (batched) input but its input " + In + " is " +
               std::to_string(R) + "-d" + quote(poolRankQuote(Sp, X.Shape)),
           Configured);
    return Value::unknown();
  }

  // Padding at most half the kernel.
  std::vector<size_t> BadPad;
  for (size_t I = 0; I < D; ++I) {
    auto K = Sp.K[I].getConstant(), P = Sp.P[I].getConstant();
    if (K && P && *K > 0 && *P > *K / 2)
      BadPad.push_back(I);
  }
  if (!BadPad.empty()) {
    size_t I = BadPad.front();
    bool Uniform = true;
    for (size_t J : BadPad)
      Uniform = Uniform && Sp.K[J].sameAs(Sp.K[I]) && Sp.P[J].sameAs(Sp.P[I]);
    std::string Q;
    if (Uniform)
      Q = Sp.Max && D == 1
              ? "max_pool1d() padding should be at most half of kernel size, but got padding=" +
                    Sp.P[I].str() + " and kernel_size=" + Sp.K[I].str()
              : "pad should be at most half of kernel size, but got pad=" + Sp.P[I].str() +
                    " and kernel_size=" + Sp.K[I].str();
    report(C, X,
           Sp.Who + Conf + " pads by " + Sp.P[I].str() + ", more than half of its kernel size " +
               Sp.K[I].str() + quote(Q),
           Configured);
    return Value::unknown();
  }

  const size_t First = R - D;
  Dims Hs, Out(D, Dim::unknown());
  std::vector<std::string> Formulas(D);
  bool TooSmall = false, Negative = false;
  for (size_t I = 0; I < D; ++I) {
    Dim H = X.Shape.axis(First + I).Size;
    Hs.push_back(H);
    auto S = Sp.S[I].getConstant();
    // A padding that is not a constant may be 0 (symbols are >= 1).
    if (Sp.Ceil == Tri::Unknown || !S || *S < 1 || !Sp.P[I].isConstant())
      continue;
    bool Ceil = Sp.Ceil == Tri::True;
    Dim Num = H + Dim(2) * Sp.P[I] - Sp.Dl[I] * (Sp.K[I] - Dim(1)) - Dim(1);
    Dim O = Dim::floorDiv(Num + (Ceil ? Dim(*S - 1) : Dim(0)), Dim(*S)) + Dim(1);
    if (Ceil) {
      // ATen: the last window must start inside the input or left padding.
      Tri Drop = triNot(((O - Dim(1)) * Dim(*S)).lessThan(H + Sp.P[I]));
      if (Drop == Tri::True)
        O = O - Dim(1);
      else if (Drop == Tri::Unknown)
        O = Dim::unknown();
    }
    Out[I] = O;
    Formulas[I] = windowFormula(H, Sp.K[I], Sp.S[I], Sp.P[I], Sp.Dl[I], Ceil);
    if (O.lessThan(Dim(1)) == Tri::True)
      TooSmall = true;
    if (O.lessThan(Dim(0)) == Tri::True)
      Negative = true;
  }

  if (TooSmall && Sp.Max && D == 1 && !Negative) {
    // max_pool1d without autograd returns an empty tensor; with autograd it
    // throws.  Neither is certain here.
    for (Dim &O : Out)
      if (O.lessThan(Dim(1)) == Tri::True)
        O = Dim::unknown();
    TooSmall = false;
  }
  if (TooSmall) {
    std::string Q;
    bool Known = constantShape(X.Shape) && allConstant(Out);
    if (Known && Sp.Max && D == 1) {
      Q = "max_pool1d() Invalid computed output size: " + Out[0].str();
    } else if (Known && !Sp.Max && D == 3) {
      Q = "input image (T: " + Hs[0].str() + " H: " + Hs[1].str() + " W: " + Hs[2].str() +
          ") smaller than kernel size (kT: " + Sp.K[0].str() + " kH: " + Sp.K[1].str() +
          " kW: " + Sp.K[2].str() + ")";
    } else if (Known && R >= D + 1) {
      // "(C x H x W)" with the plane count in front; avg_pool1d runs as a
      // 2-d pool over [C, 1, L].
      Dims InSizes{X.Shape.axis(First - 1).Size}, OutSizes{X.Shape.axis(First - 1).Size};
      if (!Sp.Max && D == 1) {
        InSizes.push_back(Dim(1));
        OutSizes.push_back(Dim(1));
      }
      InSizes.insert(InSizes.end(), Hs.begin(), Hs.end());
      OutSizes.insert(OutSizes.end(), Out.begin(), Out.end());
      Q = "Given input size: (" + joined(InSizes, "x") + "). Calculated output size: (" +
          joined(OutSizes, "x") + "). Output size is too small";
    }
    report(C, X,
           Sp.Who + Conf + " shrinks its input " + In +
               (Negative ? " to an output of size " : " to an empty output ") +
               joined(Out, " × ") + formulaSuffix(Out, Formulas) + quote(Q),
           Configured);
    return Value::unknown();
  }

  std::vector<Axis> Axes(X.Shape.axes().begin(), X.Shape.axes().begin() + First);
  for (size_t I = 0; I < D; ++I)
    Axes.push_back(Out[I].isUnknown() ? Axis{Dim::unknown(), "", "", {}}
                                      : Axis{Out[I], Formulas[I], Sp.Who, C.Loc});
  TensorShape S = TensorShape::ofAxes(Axes);
  return result(C, X, S, Sp.Who + Conf + " maps " + In + " to " + S.str() +
                             formulaSuffix(Out, Formulas));
}

/// Pool options from a module or an options object (MaxPool2dOptions is
/// also F::MaxPool2dFuncOptions).  Without a stride the options use the
/// kernel size.
bool poolFromOptions(PoolSpec &Sp, const ModuleValue *M, const std::string &Kind) {
  if (!M)
    return false;
  const size_t D = Sp.D;
  Value Kernel = option(M, "kernel_size", Value::unknown());
  Sp.K = perDim(Kernel, D, false);
  Sp.S = perDim(option(M, "stride", Kernel), D, false);
  Sp.P = perDim(option(M, "padding", Value::ofInt(0)), D, false);
  Sp.Dl = Sp.Max ? perDim(option(M, "dilation", Value::ofInt(1)), D, false) : Dims(D, Dim(1));
  Sp.Ceil = option(M, "ceil_mode", Value::ofBool(Tri::False)).truth();
  std::string S = Kind + "(kernel_size=" + tupleText(Sp.K);
  bool StrideIsKernel = true;
  for (size_t I = 0; I < D; ++I)
    StrideIsKernel = StrideIsKernel && Sp.S[I].sameAs(Sp.K[I]) && !Sp.S[I].isUnknown();
  if (!StrideIsKernel)
    S += ", stride=" + tupleText(Sp.S);
  bool NoPad = true, NoDil = true;
  for (size_t I = 0; I < D; ++I) {
    NoPad = NoPad && isZero(Sp.P[I]);
    NoDil = NoDil && isOne(Sp.Dl[I]);
  }
  if (!NoPad)
    S += ", padding=" + tupleText(Sp.P);
  if (!NoDil)
    S += ", dilation=" + tupleText(Sp.Dl);
  if (Sp.Ceil != Tri::False)
    S += Sp.Ceil == Tri::True ? ", ceil_mode=true" : ", ceil_mode=?";
  Sp.Config = S + ")";
  Sp.ConfiguredAt = M->ConfiguredAt;
  return true;
}

Value poolForwardImpl(OpCall &C, bool Max) {
  PoolSpec Sp;
  Sp.D = spatialDims(C.Op);
  Sp.Max = Max;
  Sp.Who = layerRef(C);
  if (!poolFromOptions(Sp, moduleOf(C.Self), C.Op.str()))
    return unknownLike(C.arg(0));
  return poolCore(C, C.arg(0), Sp);
}

Value poolFunctionalImpl(OpCall &C, bool Max) {
  PoolSpec Sp;
  Sp.D = spatialDims(C.Op);
  Sp.Max = Max;
  Sp.Who = opRef(C);
  if (!poolFromOptions(Sp, moduleOf(C.arg(0)), C.Op.str()))
    return unknownLike(C.Self);
  Sp.ConfiguredAt = {};
  Sp.Config = Sp.Config.substr(Sp.Config.find('(') + 1);
  Sp.Config.pop_back();
  return poolCore(C, C.Self, Sp);
}

Value atPoolImpl(OpCall &C, bool Max) {
  PoolSpec Sp;
  Sp.D = spatialDims(C.Op);
  Sp.Max = Max;
  Sp.Who = opRef(C);
  const size_t D = Sp.D;
  // max_pool*d(x, kernel, stride = [], padding = 0, dilation = 1, ceil_mode)
  // avg_pool*d(x, kernel, stride = [], padding = 0, ceil_mode, ...)
  Value Kernel = C.arg(0);
  Sp.K = perDim(Kernel, D);
  Value Stride = argOr(C, 1, Value::ofIntList({}));
  Sp.S = Stride.isIntList() && Stride.Elems.empty() ? Sp.K : perDim(Stride, D);
  Sp.P = perDim(argOr(C, 2, Value::ofInt(0)), D);
  if (Max) {
    Sp.Dl = perDim(argOr(C, 3, Value::ofInt(1)), D);
    Sp.Ceil = argOr(C, 4, Value::ofBool(Tri::False)).truth();
  } else {
    Sp.Dl = Dims(D, Dim(1));
    Sp.Ceil = argOr(C, 3, Value::ofBool(Tri::False)).truth();
  }
  Sp.Config = "kernel_size=" + tupleText(Sp.K);
  return poolCore(C, C.Self, Sp);
}

//===----------------------------------------------------------------------===//
// Adaptive pooling
//===----------------------------------------------------------------------===//

Value adaptiveCore(OpCall &C, const Value &X, size_t D, bool Max, const std::string &Who,
                   const std::string &Config, clang::SourceLocation ConfiguredAt,
                   const Dims &OutSize, bool OptionalElems, bool Tuple) {
  if (!X.isTensor() || !X.Shape.hasRank() || D == 0)
    return unknownLike(X);
  const size_t R = X.Shape.rank();
  const std::string In = X.Shape.str();
  std::string Conf = Config.empty() ? "" : " (" + Config + ")";
  std::vector<Note> Configured = configuredNote(Who, Config, ConfiguredAt);
  if (OptionalElems && R < D + 1) {
    // F::adaptive_*_pool2d/3d fill in missing sizes from the input first.
    report(C, X,
           Who + Conf + " expects at least a " + std::to_string(D + 1) +
               "-d input but its input " + In + " is " + std::to_string(R) + "-d" +
               quote("Input dimension should be at least " + std::to_string(D + 1)),
           Configured);
    return Value::unknown();
  }
  // All ones: adaptive_avg_pool2d/3d compute a mean that works on any rank.
  Tri AllOnes = Tri::True;
  for (const Dim &O : OutSize) {
    if (O.isUnknown())
      AllOnes = AllOnes == Tri::False ? Tri::False : Tri::Unknown;
    else if (!isOne(O))
      AllOnes = Tri::False;
  }
  if (R != D + 1 && R != D + 2) {
    if (!Max && AllOnes != Tri::False)
      return unknownLike(X);
    if (R < D + 1 && (OptionalElems || R == 0))
      return unknownLike(X);
    std::string Q;
    if (!Max && D == 1)
      Q = "Expected 2 to 3 dimensions, but got " + std::to_string(R) +
          "-dimensional tensor for argument #1 'self' (while checking arguments for "
          "adaptive_avg_pool1d)";
    else if (!Max && D == 2)
      Q = "adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got " + In;
    else if (!Max && D == 3)
      Q = "adaptive_avg_pool3d(): Expected 4D or 5D tensor, but got " + In;
    else if (Max && D == 1)
      Q = "Expected 2 to 3 dimensions, but got " + std::to_string(R) +
          "-dimensional tensor for argument #1 'self' (while checking arguments for "
          "adaptive_max_pool1d)";
    else if (Max && D == 2)
      Q = "adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: " + In;
    else if (Max && D == 3)
      Q = "adaptive_max_pool3d(): Expected 4D or 5D tensor, but got: " + In;
    report(C, X,
           Who + Conf + " expects a " + std::to_string(D + 1) + "-d (unbatched) or " +
               std::to_string(D + 2) + "-d (batched) input but its input " + In + " is " +
               std::to_string(R) + "-d" + (constantShape(X.Shape) ? quote(Q) : ""),
           Configured);
    return Value::unknown();
  }
  std::vector<Axis> Axes(X.Shape.axes().begin(), X.Shape.axes().begin() + (R - D));
  for (const Dim &O : OutSize)
    Axes.push_back(Axis{O, "", "", {}});
  TensorShape S = TensorShape::ofAxes(Axes);
  Value Out = result(C, X, S, Who + Conf + " maps " + In + " to " + S.str());
  if (!Tuple)
    return Out;
  return Value::ofList({Out, Out});
}

/// output_size of AdaptiveAvgPool2dOptions: an int, or a list whose
/// elements may be nullopt (the input's size; unknown here).  ATen's forms
/// take exactly D sizes.
Dims adaptiveSizes(const Value &V, size_t D) { return perDim(V, D, false); }

std::string adaptiveConfig(const std::string &Kind, const Dims &Out) {
  return Kind + "(" + tupleText(Out) + ")";
}

Value adaptiveForwardImpl(OpCall &C, bool Max) {
  const ModuleValue *M = moduleOf(C.Self);
  size_t D = spatialDims(C.Op);
  if (!M)
    return unknownLike(C.arg(0));
  Dims Out = adaptiveSizes(option(M, "output_size", Value::unknown()), D);
  return adaptiveCore(C, C.arg(0), D, Max, layerRef(C), adaptiveConfig(C.Op.str(), Out),
                      M->ConfiguredAt, Out, D >= 2, false);
}

Value adaptiveFunctionalImpl(OpCall &C, bool Max) {
  const ModuleValue *M = moduleOf(C.arg(0));
  size_t D = spatialDims(C.Op);
  if (!M)
    return unknownLike(C.Self);
  Dims Out = adaptiveSizes(option(M, "output_size", Value::unknown()), D);
  return adaptiveCore(C, C.Self, D, Max, opRef(C), "output_size=" + tupleText(Out), {}, Out,
                      D >= 2, false);
}

Value atAdaptiveImpl(OpCall &C, bool Max) {
  size_t D = spatialDims(C.Op);
  Dims Out = adaptiveSizes(C.arg(0), D);
  return adaptiveCore(C, C.Self, D, Max, opRef(C), "output_size=" + tupleText(Out), {}, Out,
                      false, Max);
}

} // namespace

Value maxPoolForward(OpCall &C) { return poolForwardImpl(C, true); }

Value avgPoolForward(OpCall &C) { return poolForwardImpl(C, false); }

Value adaptiveAvgPoolForward(OpCall &C) { return adaptiveForwardImpl(C, false); }

Value adaptiveMaxPoolForward(OpCall &C) { return adaptiveForwardImpl(C, true); }

Value maxPoolFunctional(OpCall &C) { return poolFunctionalImpl(C, true); }

Value avgPoolFunctional(OpCall &C) { return poolFunctionalImpl(C, false); }

Value adaptiveAvgPoolFunctional(OpCall &C) { return adaptiveFunctionalImpl(C, false); }

Value adaptiveMaxPoolFunctional(OpCall &C) { return adaptiveFunctionalImpl(C, true); }

Value atMaxPool(OpCall &C) { return atPoolImpl(C, true); }

Value atAvgPool(OpCall &C) { return atPoolImpl(C, false); }

Value atAdaptiveAvgPool(OpCall &C) { return atAdaptiveImpl(C, false); }

Value atAdaptiveMaxPool(OpCall &C) { return atAdaptiveImpl(C, true); }

} // namespace rules
} // namespace torchshape
