//===- LayerRules.cpp - Shape rules of LibTorch layers -------------------===//
#include "RuleSupport.h"
#include "LayerRules.h"

namespace torchshape {
namespace rules {

namespace {

std::string layerRef(const OpCall &C) {
  return C.SelfSpelling.empty() ? "the layer" : "`" + C.SelfSpelling + "`";
}

/// Input features vs a layer's expected count: the finding both Linear forms
/// share.  Notes say where the layer was configured, how its size reads as an
/// image, the fix-it, and where the input's shape came from.
void reportFeatureMismatch(OpCall &C, const Value &Input, const Value &Expected,
                           const std::string &LayerName, const std::string &Config,
                           clang::SourceLocation ConfiguredAt) {
  const Axis &Last = Input.Shape.axes().back();
  Finding F;
  F.Check = CheckId::Layer;
  F.Loc = C.Loc;
  F.Message = LayerName + " expects " + Expected.Int.str() + " input features" +
              (Config.empty() ? "" : " (" + Config + ")") + " but its input " +
              Input.Shape.str() + " has " + describeAxis(C, Last);
  std::string Explain = layerRef(C) + " is configured here";
  if (!Config.empty())
    Explain += " as " + Config;
  std::string Why;
  if (!Expected.Formula.empty() && Expected.Formula != Expected.Int.str())
    Why = Expected.Int.str() + " = " + Expected.Formula;
  if (auto K = Expected.asConstant()) {
    std::string Img = squareImageFactoring(*K);
    if (!Img.empty())
      Why += (Why.empty() ? Expected.Int.str() : std::string()) + " = " + Img +
             ", the size of a flattened " +
             Img.substr(Img.rfind('=') == std::string::npos ? 0 : Img.rfind('=') + 2) +
             " input";
  }
  if (!Why.empty())
    Explain += "; " + Why;
  if (ConfiguredAt.isValid())
    F.Notes.push_back(Note{ConfiguredAt, Explain, {}});
  auto Actual = Last.Size.getConstant();
  if (Actual && Expected.LiteralRange.isValid())
    F.Notes.push_back(Note{Expected.LiteralRange.getBegin(),
                           "change the expected size to " + std::to_string(*Actual) +
                               " if the layer should take this input",
                           {FixIt{clang::CharSourceRange::getTokenRange(Expected.LiteralRange),
                                  std::to_string(*Actual)}}});
  for (Note &N : C.Sink->historyNotes(Input, "the input"))
    F.Notes.push_back(std::move(N));
  C.Sink->report(std::move(F));
}

} // namespace

Value linearForward(OpCall &C) {
  const Value &X = C.arg(0);
  if (!C.Self.isModule() || !X.isTensor() || !X.Shape.hasRank() || X.Shape.rank() == 0)
    return X.isTensor() ? Value::ofTensor(TensorShape::unknownRank(), X.History)
                        : Value::unknown();
  const ModuleValue &M = *C.Self.Module;
  const Value *In = M.param("in_features");
  const Value *Out = M.param("out_features");
  if (In && In->isInt() && X.Shape.axes().back().Size.equals(In->Int) == Tri::False) {
    reportFeatureMismatch(C, X, *In, layerRef(C), M.Spelling, M.ConfiguredAt);
    return Value::unknown();
  }
  std::vector<Axis> Axes = X.Shape.axes();
  Axes.back() = Out && Out->isInt() ? Axis{Out->Int, "", "", {}}
                                    : Axis{Dim::unknown(), "", "", {}};
  TensorShape S = TensorShape::ofAxes(Axes);
  return Value::ofTensor(S, addOrigin(X.History, C.Loc,
                                      layerRef(C) + " maps it to " + S.str()));
}

Value linearFunctional(OpCall &C) {
  const Value &X = C.Self;
  const Value &W = C.arg(0);
  if (!X.isTensor() || !X.Shape.hasRank() || X.Shape.rank() == 0 || !W.isTensor() ||
      !W.Shape.hasRank() || W.Shape.rank() != 2)
    return X.isTensor() ? Value::ofTensor(TensorShape::unknownRank(), X.History)
                        : Value::unknown();
  const Axis &WIn = W.Shape.axis(1);
  if (X.Shape.axes().back().Size.equals(WIn.Size) == Tri::False) {
    Value Expected = Value::ofInt(WIn.Size, WIn.Formula);
    reportFeatureMismatch(C, X, Expected, "`" + C.Op.str() + "` with weight " + W.Shape.str(),
                          "", {});
    return Value::unknown();
  }
  std::vector<Axis> Axes = X.Shape.axes();
  Axes.back() = W.Shape.axis(0);
  TensorShape S = TensorShape::ofAxes(Axes);
  return Value::ofTensor(S, addOrigin(X.History, C.Loc, C.Op.str() + " gives " + S.str()));
}

Value identityForward(OpCall &C) {
  const Value &X = C.arg(0);
  return X.isTensor() ? X : Value::unknown();
}

} // namespace rules
} // namespace torchshape
