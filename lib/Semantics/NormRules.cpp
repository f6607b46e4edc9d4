//===- NormRules.cpp - Normalisation: batch, instance, layer and group norm ---===//
//
// The channel or trailing sizes must match the configuration; the shape is
// kept.
// Rules follow ATen's own checks, in ATen's order, and report only what is
// proven for every value of the symbols; anything unknown makes the result
// unknown instead.
//
//===----------------------------------------------------------------------===//
#include "NormRules.h"
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
  Tri Track = option(&M, "track_running_stats", Value::ofBool(Tri::True)).truth();
  Tri Affine = option(&M, "affine", Value::ofBool(Tri::True)).truth();
  const char *Quoted = Track == Tri::True                               ? "running_mean"
                       : Track == Tri::False && Affine == Tri::True ? "weight"
                                                                     : nullptr;
  bool Checked = Track == Tri::True || (Track == Tri::False && Affine == Tri::True) ||
                 (Track == Tri::Unknown && Affine == Tri::True);
  if (Checked && checkNormChannels(C, X, X.Shape.axis(1).Size, NF.asDim(), layerRef(C), Config,
                                   Quoted, Configured, NF, M.ConfiguredAt))
    return Value::unknown();
  // Batch statistics (training mode, or no running stats) need more than one
  // value per channel: N × the spatial sizes.
  if (M.Training == Tri::True || Track == Tri::False) {
    Dim PerChannel = X.Shape.axis(0).Size;
    for (size_t I = 2; I < R; ++I)
      PerChannel = PerChannel * X.Shape.axis(I).Size;
    if (PerChannel.equals(Dim(1)) == Tri::True) {
      std::string Why = M.Training == Tri::True
                            ? " is in training mode (no eval() reaches it here)"
                            : " keeps no running statistics (track_running_stats=false)";
      report(C, X,
             layerRef(C) + " (" + Config + ")" + Why +
                 ", so it normalises with the statistics of its input " + X.Shape.str() +
                 ", which has only 1 value per channel; " +
                 (M.Training == Tri::True ? "call eval() before inference or pass a batch of "
                                            "more than one"
                                          : "pass a batch of more than one") +
                 quote("Expected more than 1 value per channel when training, got input size " +
                       X.Shape.str()),
             Configured);
      return Value::unknown();
    }
  }
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
  Tri Track = option(&M, "track_running_stats", Value::ofBool(Tri::False)).truth();
  Tri Affine = option(&M, "affine", Value::ofBool(Tri::False)).truth();
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

} // namespace

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
                       option(M, "affine", Value::ofBool(Tri::True)).truth(), layerRef(C),
                       "GroupNorm(" + G.str() + ", " + Ch.str() + ")", M->ConfiguredAt);
}

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

} // namespace rules
} // namespace torchshape
