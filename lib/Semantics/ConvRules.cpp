//===- ConvRules.cpp - Convolutions: Conv1d/2d/3d and ConvTranspose1d/2d/3d ---===//
//
// The channel dim must equal in_channels (weight.size(1) × groups); the
// padded input must be at least the dilated kernel; the output is
// ⌊(H + 2p − d(k − 1) − 1) / s⌋ + 1.  Transposed: (H − 1)s − 2p + d(k − 1) +
// output_padding + 1, which must be ≥ 1.  A (D+1)-d input is one unbatched
// sample, a (D+2)-d input a batch.
// Rules follow ATen's own checks, in ATen's order, and report only what is
// proven for every value of the symbols; anything unknown makes the result
// unknown instead.
//
//===----------------------------------------------------------------------===//
#include "ConvRules.h"
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
// Convolution
//===----------------------------------------------------------------------===//

struct ConvSpec {
  size_t D = 0;
  bool Transposed = false;
  std::string Who;    // "`conv1`", "`F::conv2d`"
  std::string Config; // "Conv2d(3, 16, kernel_size=5)", "weight [6, 3, 5, 5]"
  clang::SourceLocation ConfiguredAt;
  Value InValue;              // in_channels as configured (fix-its)
  Dim In = Dim::unknown();    // channels the input must have
  Dim Out = Dim::unknown();   // channels of the output
  Dim Groups = Dim(1);
  Dims K, S, P, Dl, OutPad;
  bool SpatialKnown = true;   // false: padding kSame/kValid/a string
  bool OnlyChannels = false;  // a padding_mode: F::pad runs first
  bool HasOutputSize = false; // ConvTranspose's forward(input, output_size)
  Dims Weight;                // the weight's sizes, for LibTorch's message
};

std::string convOpName(const ConvSpec &S) {
  return std::string(S.Transposed ? "conv_transpose" : "conv") + std::to_string(S.D) + "d";
}

Value convCore(OpCall &C, const Value &X, const ConvSpec &Sp) {
  if (!X.isTensor() || !X.Shape.hasRank() || Sp.D == 0)
    return unknownLike(X);
  const size_t D = Sp.D, R = X.Shape.rank();
  const std::string In = X.Shape.str();
  std::vector<Note> Configured = configuredNote(Sp.Who, Sp.Config, Sp.ConfiguredAt);
  std::string Conf = Sp.Config.empty() ? "" : " (" + Sp.Config + ")";

  if (R != D + 1 && R != D + 2) {
    report(C, X,
           Sp.Who + Conf + " expects a " + std::to_string(D + 1) + "-d (unbatched) or " +
               std::to_string(D + 2) + "-d (batched) input but its input " + In + " is " +
               std::to_string(R) + "-d" +
               quote("Expected " + std::to_string(D + 1) + "D (unbatched) or " +
                     std::to_string(D + 2) + "D (batched) input to " + convOpName(Sp) +
                     ", but got input of size: " + In),
           Configured);
    return Value::unknown();
  }
  const bool Batched = R == D + 2;
  const size_t CAxis = Batched ? 1 : 0;
  const Dim Cin = X.Shape.axis(CAxis).Size;

  if (Cin.equals(Sp.In) == Tri::False) {
    std::string Msg = Sp.Who + " expects " + plural(Sp.In, "input channel") + Conf +
                      " but its input " + In + " has " + plural(Cin, "channel");
    if (!Batched)
      Msg += ": " + unbatchedReading(D);
    // LibTorch prints the input as batched (it unsqueezes an unbatched one).
    std::vector<Axis> AsBatch = X.Shape.axes();
    if (!Batched)
      AsBatch.insert(AsBatch.begin(), Axis{Dim(1), "", "", {}});
    TensorShape Batch = TensorShape::ofAxes(AsBatch);
    if (constantShape(Batch) && allConstant(Sp.Weight) && !Sp.Weight.empty() &&
        Sp.Groups.isConstant() && Sp.In.isConstant())
      Msg += quote(std::string("Given ") +
                   (Sp.Transposed ? "transposed=1" : "groups=" + Sp.Groups.str()) +
                   ", weight of size " + listOf(Sp.Weight) + ", expected input" +
                   Batch.str() + " to have " + Sp.In.str() + " channels, but got " +
                   Cin.str() + " channels instead");
    std::vector<Note> Notes = Configured;
    if (!Batched && isOne(Sp.In))
      Notes.push_back(Note{C.Loc,
                           "if " + In + " is a batch of single-channel inputs, add the channel "
                           "dim: `unsqueeze(1)`",
                           {}});
    else if (Batched)
      addLiteralFix(C, Notes, Sp.InValue, Cin, "in_channels", Sp.ConfiguredAt);
    report(C, X, Msg, std::move(Notes));
    return Value::unknown();
  }

  Dims Hs, Out(D, Dim::unknown());
  std::vector<std::string> Formulas(D);
  for (size_t I = 0; I < D; ++I)
    Hs.push_back(X.Shape.axis(CAxis + 1 + I).Size);

  // A padding that is not a constant may be 0, below the symbols' lower
  // bound of 1: no spatial arithmetic then.
  const bool Spatial = Sp.SpatialKnown && !Sp.OnlyChannels && allConstant(Sp.P) &&
                       (!Sp.Transposed || allConstant(Sp.OutPad));
  if (Spatial && !Sp.Transposed) {
    Dims Padded, Kernel;
    bool TooBig = false;
    for (size_t I = 0; I < D; ++I) {
      Padded.push_back(Hs[I] + Dim(2) * Sp.P[I]);
      Kernel.push_back(Sp.Dl[I] * (Sp.K[I] - Dim(1)) + Dim(1));
      if (Padded[I].lessThan(Kernel[I]) == Tri::True)
        TooBig = true;
    }
    if (TooBig) {
      report(C, X,
             Sp.Who + Conf + " needs a padded input of at least " + joined(Kernel, " × ") +
                 " but its input " + In + " gives " + joined(Padded, " × ") +
                 (allConstant(Padded) && allConstant(Kernel)
                      ? quote("Calculated padded input size per channel: (" +
                              joined(Padded, " x ") + "). Kernel size: (" +
                              joined(Kernel, " x ") +
                              "). Kernel size can't be greater than actual input size")
                      : ""),
             Configured);
      return Value::unknown();
    }
    for (size_t I = 0; I < D; ++I) {
      if (!Sp.S[I].isConstant() || *Sp.S[I].getConstant() < 1)
        continue;
      Out[I] = Dim::floorDiv(Padded[I] - Kernel[I], Sp.S[I]) + Dim(1);
      Formulas[I] = windowFormula(Hs[I], Sp.K[I], Sp.S[I], Sp.P[I], Sp.Dl[I], false);
    }
  } else if (Spatial && !Sp.HasOutputSize) {
    bool TooSmall = false;
    for (size_t I = 0; I < D; ++I) {
      Out[I] = (Hs[I] - Dim(1)) * Sp.S[I] - Dim(2) * Sp.P[I] + Sp.Dl[I] * (Sp.K[I] - Dim(1)) +
               Sp.OutPad[I] + Dim(1);
      Formulas[I] = transposedFormula(Hs[I], Sp.K[I], Sp.S[I], Sp.P[I], Sp.Dl[I], Sp.OutPad[I]);
      if (Out[I].lessThan(Dim(1)) == Tri::True)
        TooSmall = true;
    }
    if (TooSmall) {
      report(C, X,
             Sp.Who + Conf + " computes an output of " + joined(Out, " × ") +
                 " from its input " + In + formulaSuffix(Out, Formulas) +
                 (allConstant(Hs) && allConstant(Out)
                      ? quote("Given input size per channel: (" + joined(Hs, " x ") +
                              "). Calculated output size per channel: (" +
                              joined(Out, " x ") + "). Output size is too small")
                      : ""),
             Configured);
      return Value::unknown();
    }
  }

  std::vector<Axis> Axes;
  if (Batched)
    Axes.push_back(X.Shape.axis(0));
  Axes.push_back(Axis{Sp.Out, "", "", {}});
  for (size_t I = 0; I < D; ++I)
    Axes.push_back(Out[I].isUnknown() ? Axis{Dim::unknown(), "", "", {}}
                                      : Axis{Out[I], Formulas[I], Sp.Who, C.Loc});
  TensorShape S = TensorShape::ofAxes(Axes);
  return result(C, X, S, Sp.Who + Conf + " maps " + In + " to " + S.str() +
                             formulaSuffix(Out, Formulas));
}

/// ", stride=2, padding=1" for the options that differ from their default.
std::string convExtras(const ConvSpec &Sp, const ModuleValue *M, bool Transposed) {
  std::string S;
  auto Add = [&](const char *Name, const Dims &Ds, int64_t Default) {
    bool IsDefault = true;
    for (const Dim &D : Ds)
      IsDefault = IsDefault && D.getConstant() == std::optional<int64_t>(Default);
    if (!IsDefault)
      S += ", " + std::string(Name) + "=" + tupleText(Ds);
  };
  Add("stride", Sp.S, 1);
  if (Sp.SpatialKnown)
    Add("padding", Sp.P, 0);
  else
    S += ", padding=?";
  if (Transposed)
    Add("output_padding", Sp.OutPad, 0);
  Add("dilation", Sp.Dl, 1);
  if (!isOne(Sp.Groups))
    S += ", groups=" + Sp.Groups.str();
  if (M && M->param("padding_mode"))
    S += ", padding_mode=?";
  return S;
}

ConvSpec convFromModule(const OpCall &C, bool Transposed) {
  ConvSpec Sp;
  const ModuleValue *M = moduleOf(C.Self);
  Sp.D = spatialDims(C.Op);
  Sp.Transposed = Transposed;
  Sp.Who = layerRef(C);
  if (!M)
    return Sp;
  const size_t D = Sp.D;
  Sp.InValue = option(M, "in_channels", Value::unknown());
  Sp.In = Sp.InValue.asDim();
  Sp.Out = option(M, "out_channels", Value::unknown()).asDim();
  Sp.Groups = option(M, "groups", Value::ofInt(1)).asDim();
  Sp.K = perDim(option(M, "kernel_size", Value::unknown()), D, false);
  Sp.S = perDim(option(M, "stride", Value::ofInt(1)), D, false);
  Value Pad = option(M, "padding", Value::ofInt(0));
  Sp.SpatialKnown = Pad.isInt() || Pad.isIntList();
  Sp.P = perDim(Pad, D, false);
  Sp.Dl = perDim(option(M, "dilation", Value::ofInt(1)), D, false);
  Sp.OutPad = perDim(option(M, "output_padding", Value::ofInt(0)), D, false);
  // A padding_mode (even kZeros, which is not evaluated) pads with F::pad
  // first for Conv and is rejected by ConvTranspose: only the channels are
  // checked then.
  Sp.OnlyChannels = M->param("padding_mode") != nullptr;
  Sp.ConfiguredAt = M->ConfiguredAt;
  Sp.Config = C.Op.str() + "(" + Sp.In.str() + ", " + Sp.Out.str() +
              ", kernel_size=" + tupleText(Sp.K) + convExtras(Sp, M, Transposed) + ")";
  auto PerGroup = [&](const Dim &N) {
    auto Q = Dim::exactDiv(N, Sp.Groups);
    return Q ? *Q : Dim::unknown();
  };
  Sp.Weight = Transposed ? Dims{Sp.In, PerGroup(Sp.Out)} : Dims{Sp.Out, PerGroup(Sp.In)};
  Sp.Weight.insert(Sp.Weight.end(), Sp.K.begin(), Sp.K.end());
  return Sp;
}

/// F::conv2d / torch::conv2d: the channels and kernel come from the weight.
bool convFromWeight(ConvSpec &Sp, const Value &W) {
  if (!W.isTensor() || !W.Shape.hasRank() || W.Shape.rank() != Sp.D + 2)
    return false;
  Sp.Weight = W.Shape.dims();
  if (Sp.Transposed) {
    Sp.In = Sp.Weight[0];
    Sp.Out = Sp.Weight[1] * Sp.Groups;
  } else {
    Sp.In = Sp.Weight[1] * Sp.Groups;
    Sp.Out = Sp.Weight[0];
  }
  Sp.K.assign(Sp.Weight.begin() + 2, Sp.Weight.end());
  Sp.Config = "weight " + W.Shape.str() + convExtras(Sp, nullptr, Sp.Transposed);
  return true;
}

Value convFunctionalImpl(OpCall &C, bool Transposed) {
  ConvSpec Sp;
  Sp.D = spatialDims(C.Op);
  Sp.Transposed = Transposed;
  Sp.Who = opRef(C);
  const ModuleValue *M = moduleOf(C.arg(1));
  if (!M)
    return unknownLike(C.Self);
  const size_t D = Sp.D;
  Sp.Groups = option(M, "groups", Value::ofInt(1)).asDim();
  Sp.S = perDim(option(M, "stride", Value::ofInt(1)), D, false);
  Value Pad = option(M, "padding", Value::ofInt(0));
  Sp.SpatialKnown = Pad.isInt() || Pad.isIntList();
  Sp.P = perDim(Pad, D, false);
  Sp.Dl = perDim(option(M, "dilation", Value::ofInt(1)), D, false);
  Sp.OutPad = perDim(option(M, "output_padding", Value::ofInt(0)), D, false);
  if (!convFromWeight(Sp, C.arg(0)))
    return unknownLike(C.Self);
  return convCore(C, C.Self, Sp);
}

Value atConvImpl(OpCall &C, bool Transposed) {
  ConvSpec Sp;
  Sp.D = spatialDims(C.Op);
  Sp.Transposed = Transposed;
  Sp.Who = opRef(C);
  const size_t D = Sp.D;
  // conv*d(x, w, bias, stride, padding, dilation, groups);
  // conv_transpose*d(x, w, bias, stride, padding, output_padding, groups, dilation).
  Sp.S = perDim(argOr(C, 2, Value::ofInt(1)), D);
  Value Pad = argOr(C, 3, Value::ofInt(0));
  Sp.SpatialKnown = Pad.isInt() || Pad.isIntList(); // not "same"/"valid"
  Sp.P = perDim(Pad, D);
  if (Transposed) {
    Sp.OutPad = perDim(argOr(C, 4, Value::ofInt(0)), D);
    Sp.Groups = argOr(C, 5, Value::ofInt(1)).asDim();
    Sp.Dl = perDim(argOr(C, 6, Value::ofInt(1)), D);
  } else {
    Sp.Dl = perDim(argOr(C, 4, Value::ofInt(1)), D);
    Sp.Groups = argOr(C, 5, Value::ofInt(1)).asDim();
    Sp.OutPad = Dims(D, Dim(0));
  }
  if (!convFromWeight(Sp, C.arg(0)))
    return unknownLike(C.Self);
  return convCore(C, C.Self, Sp);
}

} // namespace

Value convForward(OpCall &C) {
  if (!C.Self.isModule())
    return unknownLike(C.arg(0));
  return convCore(C, C.arg(0), convFromModule(C, false));
}

Value convTransposeForward(OpCall &C) {
  if (!C.Self.isModule())
    return unknownLike(C.arg(0));
  ConvSpec Sp = convFromModule(C, true);
  // forward(input, output_size): an explicit output size picks the
  // output_padding; not modelled.
  Sp.HasOutputSize = C.ArgExprs.size() > 1 && C.ArgExprs[1] &&
                     !llvm::isa<clang::CXXDefaultArgExpr>(C.ArgExprs[1]->IgnoreImplicit());
  return convCore(C, C.arg(0), Sp);
}

Value convFunctional(OpCall &C) { return convFunctionalImpl(C, false); }

Value convTransposeFunctional(OpCall &C) { return convFunctionalImpl(C, true); }

Value atConv(OpCall &C) { return atConvImpl(C, false); }

Value atConvTranspose(OpCall &C) { return atConvImpl(C, true); }

} // namespace rules
} // namespace torchshape
