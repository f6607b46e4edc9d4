//===- ConvRules.cpp - Convolution, pooling, normalisation, embedding ----===//
//
// Shape rules of LibTorch 1.13's spatial layers, in their three forms: the
// module (`conv1(x)`), the functional form with an options object
// (`F::conv2d(x, w, F::Conv2dFuncOptions().padding(1))`) and the ATen
// function (`torch::conv2d(x, w)`, `torch::max_pool2d(x, 2)`).
//
// Each rule follows ATen's own checks, in ATen's order:
//  - convolution: a (D+1)-d input is one unbatched sample, a (D+2)-d input a
//    batch; the channel dim must equal in_channels (weight.size(1) × groups);
//    the padded input must be at least the dilated kernel; the output is
//    ⌊(H + 2p − d(k − 1) − 1) / s⌋ + 1.  Transposed: (H − 1)s − 2p + d(k − 1)
//    + output_padding + 1, which must be ≥ 1.
//  - pooling: padding at most half the kernel; ⌊ or ⌈(H + 2p − d(k − 1) − 1)
//    / s⌉ + 1 (ceil_mode drops a last window that starts in the padding),
//    which must be ≥ 1 (max_pool1d only rejects negative sizes).
//  - adaptive pooling: the last D sizes become output_size.
//  - batch/instance/group/layer norm: the channel or trailing sizes must match
//    the configuration; the shape is kept.
// Findings are reported only when proven for every value of the symbols;
// anything unknown (a kSame padding, a padding_mode, a symbolic stride)
// makes the result unknown instead.
//
//===----------------------------------------------------------------------===//
#include "ConvRules.h"
#include "RuleSupport.h"
#include "TensorRules.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

#include <cctype>

namespace torchshape {
namespace rules {

namespace {

using Dims = std::vector<Dim>;

/// The number of spatial dims in an op's name: the digit before the final
/// "d" ("Conv2d", "F::max_pool1d", "at::adaptive_avg_pool3d").
size_t spatialDims(llvm::StringRef Name) {
  for (size_t I = Name.size(); I-- > 1;)
    if (Name[I] == 'd' && std::isdigit(static_cast<unsigned char>(Name[I - 1])))
      return static_cast<size_t>(Name[I - 1] - '0');
  return 0;
}

std::string layerRef(const OpCall &C) {
  return C.SelfSpelling.empty() ? "the layer" : "`" + C.SelfSpelling + "`";
}

std::string opRef(const OpCall &C) { return "`" + C.Op.str() + "`"; }

Value unknownLike(const Value &X) {
  return X.isTensor() ? Value::ofTensor(TensorShape::unknownRank(), X.History)
                      : Value::unknown();
}

const ModuleValue *moduleOf(const Value &V) { return V.isModule() ? V.Module.get() : nullptr; }

/// An option's value: the configured one, or LibTorch's default when the
/// option was never set.  (Set but unknown stays unknown.)
Value option(const ModuleValue *M, const std::string &Name, Value Default) {
  if (!M)
    return Value::unknown();
  const Value *P = M->param(Name);
  return P ? *P : Default;
}

/// An argument of an ATen form, or its default when not passed.
Value argOr(const OpCall &C, size_t I, Value Default) {
  return I < C.Args.size() ? C.Args[I] : Default;
}

/// Per-dim sizes of an option: an int applies to every dim, a list of D
/// gives one each (a list of 1 applies to every dim where LibTorch expands
/// it); anything else is unknown.
Dims perDim(const Value &V, size_t D, bool ExpandSingle = true) {
  if (V.isInt())
    return Dims(D, V.Int);
  if (V.isIntList()) {
    if (V.Elems.size() == D) {
      Dims R;
      for (const Value &E : V.Elems)
        R.push_back(E.asDim());
      return R;
    }
    if (V.Elems.size() == 1 && ExpandSingle)
      return Dims(D, V.Elems[0].asDim());
  }
  return Dims(D, Dim::unknown());
}

Tri truth(const Value &V) {
  if (V.Kind == ValueKind::Bool)
    return V.Bool;
  if (V.isInt())
    return triNot(V.Int.equals(Dim(0)));
  return Tri::Unknown;
}

bool allConstant(const Dims &Ds) {
  for (const Dim &D : Ds)
    if (!D.isConstant())
      return false;
  return true;
}

/// "5" when every dim agrees, "(3, 5)" otherwise (PyTorch's repr).
std::string tupleText(const Dims &Ds) {
  bool Same = !Ds.empty();
  for (const Dim &D : Ds)
    Same = Same && D.sameAs(Ds.front()) && !D.isUnknown();
  if (Same)
    return Ds.front().str();
  std::string S = "(";
  for (size_t I = 0; I < Ds.size(); ++I)
    S += (I ? ", " : "") + Ds[I].str();
  return S + ")";
}

/// "[16, 3, 5, 5]".
std::string listOf(const Dims &Ds) {
  std::string S = "[";
  for (size_t I = 0; I < Ds.size(); ++I)
    S += (I ? ", " : "") + Ds[I].str();
  return S + "]";
}

/// "3 x 3", "16x1x1": how ATen prints sizes in its messages.
std::string joined(const Dims &Ds, const char *Sep) {
  std::string S;
  for (size_t I = 0; I < Ds.size(); ++I)
    S += (I ? Sep : "") + Ds[I].str();
  return S;
}

std::string plural(const Dim &N, const std::string &Word) {
  return N.str() + " " + Word + (N.getConstant() == std::optional<int64_t>(1) ? "" : "s");
}

bool isOne(const Dim &D) { return D.getConstant() == std::optional<int64_t>(1); }
bool isZero(const Dim &D) { return D.getConstant() == std::optional<int64_t>(0); }

std::string paren(const std::string &S) {
  return S.find(' ') == std::string::npos ? S : "(" + S + ")";
}

/// Whether every axis of a shape has a constant size (so LibTorch's own
/// message can be quoted with the same numbers).
bool constantShape(const TensorShape &S) {
  if (!S.hasRank())
    return false;
  for (const Axis &A : S.axes())
    if (!A.Size.isConstant())
      return false;
  return true;
}

/// " (LibTorch: ...)" when the quote is known, "" otherwise.
std::string quote(const std::string &Q) { return Q.empty() ? "" : " (LibTorch: " + Q + ")"; }

void report(OpCall &C, const Value &Input, const std::string &Message,
            std::vector<Note> Notes = {}) {
  Finding F;
  F.Check = CheckId::Layer;
  F.Loc = C.Loc;
  F.Message = Message;
  F.Notes = std::move(Notes);
  for (Note &N : C.Sink->historyNotes(Input, "the input"))
    F.Notes.push_back(std::move(N));
  C.Sink->report(std::move(F));
}

/// "`conv1` is configured here as Conv2d(3, 16, kernel_size=5)".
std::vector<Note> configuredNote(const std::string &Who, const std::string &Config,
                                 clang::SourceLocation At) {
  if (!At.isValid() || Config.empty())
    return {};
  return {Note{At, Who + " is configured here as " + Config, {}}};
}

/// A fix-it note that replaces a literal option with the size the input has,
/// when the literal is written where the layer is configured (not a
/// constructor argument passed down from elsewhere, whose change would reach
/// other uses).
void addLiteralFix(const OpCall &C, std::vector<Note> &Notes, const Value &Configured,
                   const Dim &Actual, const std::string &OptionName,
                   clang::SourceLocation ConfiguredAt) {
  auto K = Actual.getConstant();
  if (!K || !Configured.LiteralRange.isValid() || !ConfiguredAt.isValid() || !C.SM)
    return;
  const clang::SourceManager &SM = *C.SM;
  clang::SourceLocation Lit = SM.getFileLoc(Configured.LiteralRange.getBegin());
  clang::SourceLocation At = SM.getFileLoc(ConfiguredAt);
  if (SM.getFileID(Lit) != SM.getFileID(At) || SM.isBeforeInTranslationUnit(Lit, At))
    return;
  unsigned LitLine = SM.getSpellingLineNumber(Lit), AtLine = SM.getSpellingLineNumber(At);
  if (LitLine > AtLine + 2)
    return;
  Notes.push_back(Note{Configured.LiteralRange.getBegin(),
                       "change " + OptionName + " to " + std::to_string(*K) +
                           " if the layer should take this input",
                       {FixIt{clang::CharSourceRange::getTokenRange(Configured.LiteralRange),
                              std::to_string(*K)}}});
}

/// A result tensor: the input's history plus one event.
Value result(const OpCall &C, const Value &X, TensorShape S, const std::string &Event) {
  return Value::ofTensor(std::move(S), addOrigin(X.History, C.Loc, Event));
}

/// The arithmetic of one output size, for notes: "32 - 5 + 1",
/// "(28 + 2×1 - 3) / 2 + 1"; empty when a term is unknown.
std::string windowFormula(const Dim &H, const Dim &K, const Dim &S, const Dim &P, const Dim &Dl,
                          bool Ceil) {
  if (H.isUnknown() || !K.isConstant() || !S.isConstant() || !P.isConstant() ||
      !Dl.isConstant())
    return "";
  std::string Num = paren(H.str());
  if (!isZero(P))
    Num += " + 2×" + P.str();
  if (isOne(Dl))
    Num += " - " + K.str();
  else
    Num += " - " + Dl.str() + "×(" + K.str() + " - 1) - 1";
  if (isOne(S) && !Ceil)
    return Num + " + 1";
  Dim NumV = H + Dim(2) * P - Dl * (K - Dim(1)) - Dim(1);
  bool Negative = NumV.lessThan(Dim(0)) == Tri::True;
  std::string Div = "(" + Num + ") / " + S.str();
  if (Ceil)
    return "ceil(" + Div + ") + 1";
  return (Negative ? "floor(" + Div + ")" : Div) + " + 1";
}

std::string transposedFormula(const Dim &H, const Dim &K, const Dim &S, const Dim &P,
                              const Dim &Dl, const Dim &OutPad) {
  if (H.isUnknown() || !K.isConstant() || !S.isConstant() || !P.isConstant() ||
      !Dl.isConstant() || !OutPad.isConstant())
    return "";
  std::string F = "(" + H.str() + " - 1)";
  if (!isOne(S))
    F += "×" + S.str();
  if (!isZero(P))
    F += " - 2×" + P.str();
  F += isOne(Dl) ? " + (" + K.str() + " - 1)" : " + " + Dl.str() + "×(" + K.str() + " - 1)";
  if (!isZero(OutPad))
    F += " + " + OutPad.str();
  return F + " + 1";
}

/// " (28 = 32 - 5 + 1)" for the distinct formulas of the output sizes.
std::string formulaSuffix(const Dims &Out, const std::vector<std::string> &Formulas) {
  std::vector<std::string> Parts;
  for (size_t I = 0; I < Out.size(); ++I) {
    if (Formulas[I].empty() || Out[I].isUnknown())
      continue;
    std::string P = Out[I].str() + " = " + Formulas[I];
    if (std::find(Parts.begin(), Parts.end(), P) == Parts.end())
      Parts.push_back(P);
  }
  if (Parts.empty())
    return "";
  std::string S;
  for (const std::string &P : Parts)
    S += (S.empty() ? "" : ", ") + P;
  return " (" + S + ")";
}

/// "a 3-d input is one unbatched image [C, H, W]".
std::string unbatchedReading(size_t D) {
  const char *What[] = {"", "sequence [C, L]", "image [C, H, W]", "volume [C, D, H, W]"};
  return "a " + std::to_string(D + 1) + "-d input is one unbatched " +
         (D <= 3 ? What[D] : "sample");
}

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
  Sp.Ceil = truth(option(M, "ceil_mode", Value::ofBool(Tri::False)));
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
    Sp.Ceil = truth(argOr(C, 4, Value::ofBool(Tri::False)));
  } else {
    Sp.Dl = Dims(D, Dim(1));
    Sp.Ceil = truth(argOr(C, 3, Value::ofBool(Tri::False)));
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

//===----------------------------------------------------------------------===//
// Normalisation
//===----------------------------------------------------------------------===//

/// ATen's batch_norm: the running stats and affine parameters must have one
/// element per channel (dim 1).  Which is checked first decides the message.
bool checkNormChannels(OpCall &C, const Value &X, const Dim &Channels, const Dim &Expected,
                       const std::string &Who, const std::string &Config, const char *Quoted,
                       std::vector<Note> Notes, const Value &Configured,
                       clang::SourceLocation ConfiguredAt = {}) {
  if (Channels.equals(Expected) != Tri::False)
    return false;
  std::string Conf = Config.empty() ? "" : " (" + Config + ")";
  std::string Q;
  if (Quoted && Channels.isConstant() && Expected.isConstant())
    Q = std::string(Quoted) + " should contain " + Channels.str() + " elements not " +
        Expected.str();
  addLiteralFix(C, Notes, Configured, Channels, "num_features", ConfiguredAt);
  report(C, X,
         Who + " expects " + plural(Expected, "channel") + Conf + " but its input " +
             X.Shape.str() + " has " + Channels.str() + " in dim 1" + quote(Q),
         std::move(Notes));
  return true;
}

Value batchNormImpl(OpCall &C, const ModuleValue &M) {
  const Value &X = C.arg(0);
  if (!X.isTensor() || !X.Shape.hasRank())
    return unknownLike(X);
  size_t D = spatialDims(C.Op), R = X.Shape.rank();
  Value NF = option(&M, "num_features", Value::unknown());
  std::string Config = C.Op.str() + "(" + NF.asDim().str() + ")";
  std::vector<Note> Configured = configuredNote(layerRef(C), Config, M.ConfiguredAt);
  bool RankOk = D == 1 ? (R == 2 || R == 3) : R == D + 2;
  if (!RankOk) {
    std::string Want = D == 1 ? "2D or 3D" : std::to_string(D + 2) + "D";
    std::string WantWords = D == 1 ? "a 2-d or 3-d" : "a " + std::to_string(D + 2) + "-d";
    report(C, X,
           layerRef(C) + " (" + Config + ") expects " + WantWords + " input but its input " +
               X.Shape.str() + " is " + std::to_string(R) + "-d" +
               quote("expected " + Want + " input (got " + std::to_string(R) + "D input)"),
           Configured);
    return Value::unknown();
  }
  Tri Track = truth(option(&M, "track_running_stats", Value::ofBool(Tri::True)));
  Tri Affine = truth(option(&M, "affine", Value::ofBool(Tri::True)));
  const char *Quoted = Track == Tri::True                               ? "running_mean"
                       : Track == Tri::False && Affine == Tri::True ? "weight"
                                                                     : nullptr;
  bool Checked = Track == Tri::True || (Track == Tri::False && Affine == Tri::True) ||
                 (Track == Tri::Unknown && Affine == Tri::True);
  if (Checked && checkNormChannels(C, X, X.Shape.axis(1).Size, NF.asDim(), layerRef(C), Config,
                                   Quoted, Configured, NF, M.ConfiguredAt))
    return Value::unknown();
  return X;
}

Value instanceNormImpl(OpCall &C, const ModuleValue &M) {
  const Value &X = C.arg(0);
  if (!X.isTensor() || !X.Shape.hasRank())
    return unknownLike(X);
  size_t D = spatialDims(C.Op), R = X.Shape.rank();
  Value NF = option(&M, "num_features", Value::unknown());
  std::string Config = C.Op.str() + "(" + NF.asDim().str() + ")";
  std::vector<Note> Configured = configuredNote(layerRef(C), Config, M.ConfiguredAt);
  if (R != D + 1 && R != D + 2) {
    report(C, X,
           layerRef(C) + " (" + Config + ") expects a " + std::to_string(D + 1) + "-d or " +
               std::to_string(D + 2) + "-d input but its input " + X.Shape.str() + " is " +
               std::to_string(R) + "-d" +
               quote("expected " + std::to_string(D + 1) + "D or " + std::to_string(D + 2) +
                     "D input (got " + std::to_string(R) + "D input)"),
           Configured);
    return Value::unknown();
  }
  // Instance norm reshapes [N, C, ...] to [1, N·C, ...]: the stats and
  // weights are repeated N times.  Without affine or running stats (the
  // defaults) the channels are not checked at all.
  Tri Track = truth(option(&M, "track_running_stats", Value::ofBool(Tri::False)));
  Tri Affine = truth(option(&M, "affine", Value::ofBool(Tri::False)));
  if (Track != Tri::True && Affine != Tri::True)
    return X;
  bool Batched = R == D + 2;
  Dim N = Batched ? X.Shape.axis(0).Size : Dim(1);
  Dim Ch = X.Shape.axis(Batched ? 1 : 0).Size;
  if (Ch.equals(NF.asDim()) != Tri::False)
    return X;
  const char *Quoted = Track == Tri::True ? "running_mean"
                       : Track == Tri::False ? "weight"
                                             : nullptr;
  std::string Q;
  Dim Have = N * Ch, Want = N * NF.asDim();
  if (Quoted && Have.isConstant() && Want.isConstant())
    Q = std::string(Quoted) + " should contain " + Have.str() + " elements not " + Want.str();
  report(C, X,
         layerRef(C) + " expects " + plural(NF.asDim(), "channel") + " (" + Config +
             ") but its input " + X.Shape.str() + " has " + Ch.str() + quote(Q),
         Configured);
  return Value::unknown();
}

Value layerNormCore(OpCall &C, const Value &X, const Value &Shape, const std::string &Who,
                    const std::string &Config, clang::SourceLocation ConfiguredAt) {
  if (!X.isTensor() || !X.Shape.hasRank() || !Shape.isIntList() || Shape.Elems.empty())
    return X.isTensor() ? X : Value::unknown();
  const size_t R = X.Shape.rank(), N = Shape.Elems.size();
  std::string Conf = Config.empty() ? "" : " (" + Config + ")";
  bool Bad = R < N;
  for (size_t I = 0; !Bad && I < N; ++I)
    Bad = X.Shape.axis(R - N + I).Size.equals(Shape.Elems[I].asDim()) == Tri::False;
  if (!Bad)
    return X;
  std::string List = listText(Shape);
  std::string Q;
  bool Constants = constantShape(X.Shape);
  for (const Value &E : Shape.Elems)
    Constants = Constants && E.asConstant();
  if (Constants)
    Q = "Given normalized_shape=" + List + ", expected input with shape [*, " +
        List.substr(1, List.size() - 2) + "], but got input of size" + X.Shape.str();
  report(C, X,
         Who + Conf + " normalizes over the last " + std::to_string(N) + " dim" +
             (N == 1 ? "" : "s") + ", which must be " + List + ", but its input is " +
             X.Shape.str() + quote(Q),
         configuredNote(Who, Config, ConfiguredAt));
  return Value::unknown();
}

Value groupNormCore(OpCall &C, const Value &X, const Dim &Groups, const Dim &Channels,
                    Tri Affine, const std::string &Who, const std::string &Config,
                    clang::SourceLocation ConfiguredAt) {
  if (!X.isTensor() || !X.Shape.hasRank())
    return unknownLike(X);
  const size_t R = X.Shape.rank();
  std::string Conf = Config.empty() ? "" : " (" + Config + ")";
  std::vector<Note> Configured = configuredNote(Who, Config, ConfiguredAt);
  if (R == 1) {
    report(C, X,
           Who + Conf + " reads dim 1 of its input as the channels but its input " +
               X.Shape.str() + " is 1-d" +
               quote("Dimension out of range (expected to be in range of [-1, 0], but got 1)"),
           Configured);
    return Value::unknown();
  }
  if (R < 2)
    return unknownLike(X);
  Dim Ch = X.Shape.axis(1).Size;
  bool Constants = constantShape(X.Shape) && Groups.isConstant();
  if (!Groups.isUnknown() && Groups.lowerBound().value_or(0) >= 1 &&
      Dim::divisible(Ch, Groups) == Tri::False) {
    report(C, X,
           Who + Conf + " splits the " + plural(Ch, "channel") + " of its input " +
               X.Shape.str() + " into " + Groups.str() + " groups, but " + Ch.str() +
               " is not divisible by " + Groups.str() +
               (Constants ? quote("Expected number of channels in input to be divisible by "
                                  "num_groups, but got input of shape " +
                                  X.Shape.str() + " and num_groups=" + Groups.str())
                          : ""),
           Configured);
    return Value::unknown();
  }
  if (Affine == Tri::True && Ch.equals(Channels) == Tri::False) {
    report(C, X,
           Who + " expects " + plural(Channels, "channel") + Conf + " but its input " +
               X.Shape.str() + " has " + Ch.str() + " in dim 1" +
               (constantShape(X.Shape) && Channels.isConstant()
                    ? quote("Expected weight to be a vector of size equal to the number of "
                            "channels in input, but got weight of shape [" +
                            Channels.str() + "] and input of shape " + X.Shape.str())
                    : ""),
           Configured);
    return Value::unknown();
  }
  return X;
}

/// Indices [*] -> [*, embedding_dim].
Value embed(const OpCall &C, const Value &Indices, const Dim &EmbeddingDim,
            const std::string &Who) {
  if (!Indices.isTensor() || !Indices.Shape.hasRank())
    return unknownLike(Indices);
  std::vector<Axis> Axes = Indices.Shape.axes();
  Axes.push_back(Axis{EmbeddingDim, "", "", {}});
  TensorShape S = TensorShape::ofAxes(Axes);
  return result(C, Indices, S, Who + " maps " + Indices.Shape.str() + " to " + S.str());
}

/// An OpCall on the input of a layer, for the tensor rules (flatten, dims).
OpCall onInput(const OpCall &C, const Value &X, std::vector<Value> Args) {
  OpCall Sub;
  Sub.Op = C.Op;
  Sub.Call = C.Call;
  Sub.Loc = C.Loc;
  Sub.SM = C.SM;
  Sub.Sink = C.Sink;
  Sub.HasSelf = true;
  Sub.Self = X;
  Sub.Args = std::move(Args);
  return Sub;
}

} // namespace

//===----------------------------------------------------------------------===//
// Rules named by the table
//===----------------------------------------------------------------------===//

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

Value maxPoolForward(OpCall &C) { return poolForwardImpl(C, true); }
Value avgPoolForward(OpCall &C) { return poolForwardImpl(C, false); }
Value adaptiveAvgPoolForward(OpCall &C) { return adaptiveForwardImpl(C, false); }
Value adaptiveMaxPoolForward(OpCall &C) { return adaptiveForwardImpl(C, true); }

Value batchNormForward(OpCall &C) {
  if (!C.Self.isModule())
    return C.arg(0).isTensor() ? C.arg(0) : Value::unknown();
  return batchNormImpl(C, *C.Self.Module);
}

Value instanceNormForward(OpCall &C) {
  if (!C.Self.isModule())
    return C.arg(0).isTensor() ? C.arg(0) : Value::unknown();
  return instanceNormImpl(C, *C.Self.Module);
}

Value layerNormForward(OpCall &C) {
  const Value &X = C.arg(0);
  const ModuleValue *M = moduleOf(C.Self);
  if (!M)
    return X.isTensor() ? X : Value::unknown();
  Value Shape = option(M, "normalized_shape", Value::unknown());
  if (Shape.isInt())
    Shape = Value::ofIntList({Shape});
  return layerNormCore(C, X, Shape, layerRef(C),
                       Shape.isIntList() ? "LayerNorm(" + listText(Shape) + ")" : "",
                       M->ConfiguredAt);
}

Value groupNormForward(OpCall &C) {
  const ModuleValue *M = moduleOf(C.Self);
  if (!M)
    return C.arg(0).isTensor() ? C.arg(0) : Value::unknown();
  Dim G = option(M, "num_groups", Value::unknown()).asDim();
  Dim Ch = option(M, "num_channels", Value::unknown()).asDim();
  return groupNormCore(C, C.arg(0), G, Ch,
                       truth(option(M, "affine", Value::ofBool(Tri::True))), layerRef(C),
                       "GroupNorm(" + G.str() + ", " + Ch.str() + ")", M->ConfiguredAt);
}

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

Value convFunctional(OpCall &C) { return convFunctionalImpl(C, false); }
Value convTransposeFunctional(OpCall &C) { return convFunctionalImpl(C, true); }
Value maxPoolFunctional(OpCall &C) { return poolFunctionalImpl(C, true); }
Value avgPoolFunctional(OpCall &C) { return poolFunctionalImpl(C, false); }
Value adaptiveAvgPoolFunctional(OpCall &C) { return adaptiveFunctionalImpl(C, false); }
Value adaptiveMaxPoolFunctional(OpCall &C) { return adaptiveFunctionalImpl(C, true); }

Value batchNormFunctional(OpCall &C) {
  // F::batch_norm(input, running_mean, running_var, options)
  const Value &X = C.Self;
  if (!X.isTensor() || !X.Shape.hasRank() || X.Shape.rank() < 2)
    return unknownLike(X);
  const char *Names[] = {"running_mean", "running_var"};
  for (size_t I = 0; I < 2; ++I) {
    const Value &Stat = C.arg(I);
    if (!Stat.isTensor() || !Stat.Shape.hasRank())
      break; // unknown: a later mismatch might not be the one LibTorch reports
    Dim N = Stat.Shape.numel();
    if (checkNormChannels(C, X, X.Shape.axis(1).Size, N,
                          opRef(C) + " with " + Names[I] + " " + Stat.Shape.str(), "",
                          Names[I], {}, Value::unknown()))
      return Value::unknown();
  }
  return X;
}

Value layerNormFunctional(OpCall &C) {
  const ModuleValue *M = moduleOf(C.arg(0));
  if (!M)
    return C.Self.isTensor() ? C.Self : Value::unknown();
  Value Shape = option(M, "normalized_shape", Value::unknown());
  return layerNormCore(C, C.Self, Shape, opRef(C),
                       Shape.isIntList() ? "normalized_shape=" + listText(Shape) : "", {});
}

Value groupNormFunctional(OpCall &C) {
  const ModuleValue *M = moduleOf(C.arg(0));
  if (!M)
    return C.Self.isTensor() ? C.Self : Value::unknown();
  Dim G = option(M, "num_groups", Value::unknown()).asDim();
  return groupNormCore(C, C.Self, G, Dim::unknown(), Tri::Unknown, opRef(C),
                       "num_groups=" + G.str(), {});
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

Value interpolateFunctional(OpCall &C) {
  // F::interpolate(input, options): [N, C, *spatial] -> [N, C, *size].
  const Value &X = C.Self;
  const ModuleValue *M = moduleOf(C.arg(0));
  if (!X.isTensor() || !X.Shape.hasRank() || !M || X.Shape.rank() < 3)
    return unknownLike(X);
  const size_t R = X.Shape.rank();
  const Value *Size = M->param("size");
  if (!Size || !Size->isIntList())
    return unknownLike(X);
  size_t N = Size->Elems.size();
  if (N != R - 2) {
    // LibTorch has no unbatched mode here: a [C, H, W] image is [N, C, L].
    report(C, X,
           opRef(C) + " reads its " + std::to_string(R) + "-d input " + X.Shape.str() +
               " as [N, C, " + std::to_string(R - 2) + " spatial dim" + (R == 3 ? "" : "s") +
               "] but is given " + std::to_string(N) + " output size" + (N == 1 ? "" : "s") +
               " " + listText(*Size) +
               quote("It is expected output_size equals to " + std::to_string(R - 2) +
                     ", but got size " + std::to_string(N)));
    return Value::unknown();
  }
  std::vector<Axis> Axes{X.Shape.axis(0), X.Shape.axis(1)};
  for (const Value &E : Size->Elems)
    Axes.push_back(Axis{E.asDim(), "", "", {}});
  TensorShape S = TensorShape::ofAxes(Axes);
  return result(C, X, S, opRef(C) + " resizes " + X.Shape.str() + " to " + S.str());
}

Value atConv(OpCall &C) { return atConvImpl(C, false); }
Value atConvTranspose(OpCall &C) { return atConvImpl(C, true); }
Value atMaxPool(OpCall &C) { return atPoolImpl(C, true); }
Value atAvgPool(OpCall &C) { return atPoolImpl(C, false); }
Value atAdaptiveAvgPool(OpCall &C) { return atAdaptiveImpl(C, false); }
Value atAdaptiveMaxPool(OpCall &C) { return atAdaptiveImpl(C, true); }

Value atBatchNorm(OpCall &C) {
  // batch_norm(input, weight, bias, running_mean, running_var, training, ...):
  // ATen checks running_mean, running_var, weight, bias in that order.
  const Value &X = C.Self;
  if (!X.isTensor() || !X.Shape.hasRank() || X.Shape.rank() < 2)
    return unknownLike(X);
  const std::pair<size_t, const char *> Order[] = {
      {2, "running_mean"}, {3, "running_var"}, {0, "weight"}, {1, "bias"}};
  for (const auto &[I, Name] : Order) {
    const Value &T = C.arg(I);
    if (!T.isTensor() || !T.Shape.hasRank())
      break;
    if (checkNormChannels(C, X, X.Shape.axis(1).Size, T.Shape.numel(),
                          opRef(C) + " with " + Name + " " + T.Shape.str(), "", Name, {},
                          Value::unknown()))
      return Value::unknown();
  }
  return X;
}

Value atLayerNorm(OpCall &C) {
  Value Shape = C.arg(0);
  return layerNormCore(C, C.Self, Shape, opRef(C),
                       Shape.isIntList() ? "normalized_shape=" + listText(Shape) : "", {});
}

Value atGroupNorm(OpCall &C) {
  Dim G = C.arg(0).asDim();
  return groupNormCore(C, C.Self, G, Dim::unknown(), Tri::Unknown, opRef(C),
                       "num_groups=" + G.str(), {});
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
