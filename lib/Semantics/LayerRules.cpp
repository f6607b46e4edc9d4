//===- LayerRules.cpp - Shape rules of LibTorch layers -------------------===//
#include "RuleSupport.h"
#include "SpatialSupport.h"
#include "LayerRules.h"

#include "llvm/ADT/SmallVector.h"

#include <algorithm>

namespace torchshape {
namespace rules {

namespace {

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
  // "50176 = 224 × 224 = 1 × 224 × 224": the arithmetic the size was written
  // with, then a reading of it as a flattened square image.
  std::string N = Expected.Int.str();
  std::vector<std::string> Forms;
  auto AddForm = [&](const std::string &F) {
    if (!F.empty() && F != N && std::find(Forms.begin(), Forms.end(), F) == Forms.end())
      Forms.push_back(F);
  };
  AddForm(Expected.Formula);
  std::string Image;
  if (auto K = Expected.asConstant()) {
    std::string Factoring = squareImageFactoring(*K);
    llvm::SmallVector<llvm::StringRef, 2> Parts;
    llvm::StringRef(Factoring).split(Parts, " = ", -1, false);
    for (llvm::StringRef P : Parts)
      AddForm(P.str());
    if (!Parts.empty())
      Image = Parts.back().str();
  }
  std::string Why;
  for (const std::string &F : Forms)
    Why += " = " + F;
  if (!Why.empty())
    Why = N + Why;
  if (!Image.empty())
    Why += ", the size of a flattened " + Image + " input";
  if (!Why.empty())
    Explain += "; " + Why;
  if (ConfiguredAt.isValid())
    F.Notes.push_back(Note{ConfiguredAt, Explain, {}});
  // Only a literal written where the layer is configured: a constructor
  // argument passed down from elsewhere may size other layers too.
  addLiteralFix(C, F.Notes, Expected, Last.Size, "the expected size", ConfiguredAt);
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
