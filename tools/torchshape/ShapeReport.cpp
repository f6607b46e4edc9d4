//===- ShapeReport.cpp - Resolving a ShapeRecord to positions and text ---===//
#include "ShapeReport.h"

#include "torchshape/Analysis/Analyzer.h"
#include "torchshape/Analysis/ShapeRecord.h"

#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace torchshape {
namespace cli {

namespace {

ShapePlace placeOf(const SourceManager &SM, SourceLocation Loc) {
  ShapePlace P;
  if (Loc.isInvalid())
    return P;
  Loc = SM.getFileLoc(Loc);
  auto [FID, Offset] = SM.getDecomposedLoc(Loc);
  auto FE = SM.getFileEntryRefForID(FID);
  if (!FE)
    return P;
  // The name Clang's own diagnostics print (as the file was given).
  PresumedLoc PL = SM.getPresumedLoc(Loc, /*UseLineDirectives=*/false);
  P.File = PL.isValid() ? PL.getFilename() : FE->getName().str();
  P.Line = SM.getLineNumber(FID, Offset);
  P.Column = SM.getColumnNumber(FID, Offset);
  return P;
}

Count countOf(const std::optional<Dim> &D) {
  Count C;
  if (!D || D->isUnknown()) {
    C.Text = "unknown";
    return C;
  }
  C.Known = true;
  C.Value = D->getConstant();
  C.Text = D->str();
  return C;
}

ShapeHint hintOf(const SourceManager &SM, const ShapeFact &F) {
  ShapeHint H;
  H.At = placeOf(SM, F.Loc);
  H.Name = F.Name;
  const Value &V = F.best();
  H.Shape = shapeText(V);
  H.Known = H.Shape != "unknown";
  H.FromCalls = F.fromCalls();
  if (H.FromCalls)
    H.Callers.assign(F.Callers.begin(), F.Callers.end());
  if (H.Known)
    for (const Origin *O = F.history().get(); O; O = O->Prev.get())
      if (O->Loc.isValid())
        H.Derivation.insert(H.Derivation.begin(), DerivationStep{placeOf(SM, O->Loc), O->What});
  return H;
}

} // namespace

ShapeReport resolveShapes(const SourceManager &SM, const ShapeRecord &Record,
                          const std::vector<Gap> &Gaps, bool WithSource) {
  ShapeReport R;
  for (const Gap &G : Gaps)
    R.Gaps.push_back({placeOf(SM, G.Loc), G.Reason, G.Detail});
  FileID Main = SM.getMainFileID();
  if (auto FE = SM.getFileEntryRefForID(Main))
    R.MainFile = FE->getName().str();
  if (WithSource)
    R.MainSource = SM.getBufferData(Main).str();
  for (const ShapeFact &F : Record.Facts) {
    if (SM.getFileID(SM.getFileLoc(F.Loc)) != Main)
      continue;
    R.Hints.push_back(hintOf(SM, F));
  }
  for (const LayerCallFact &C : Record.LayerCalls) {
    if (SM.getFileID(SM.getFileLoc(C.Loc)) != Main)
      continue;
    LayerCallHint L;
    L.At = placeOf(SM, C.Loc);
    L.Receiver = C.Spelling;
    L.Layer = C.Layer;
    L.ConfiguredAt = placeOf(SM, C.ConfiguredAt);
    if (C.Input.Own || C.Input.Called) {
      L.Input = hintOf(SM, C.Input);
    } else {
      L.Input.At = L.At;
      L.Input.Name = C.Spelling;
      L.Input.Shape = "unknown";
    }
    R.LayerCalls.push_back(std::move(L));
  }
  for (const ModuleSummary &S : Record.Summaries) {
    SummaryTable T;
    T.CallAt = placeOf(SM, S.CallLoc);
    T.Total = countOf(S.TotalParams);
    for (const LayerRow &L : S.Rows) {
      SummaryRow Row;
      Row.Path = L.Path;
      Row.Depth = L.Depth;
      Row.Layer = L.Layer;
      Row.Called = L.Called;
      Row.Input = L.Called ? shapeText(L.Input) : "not called";
      Row.Output = L.Called ? shapeText(L.Output) : "not called";
      Row.Params = countOf(L.Params);
      Row.ConfiguredAt = placeOf(SM, L.ConfiguredAt);
      T.Rows.push_back(std::move(Row));
    }
    R.Summaries.push_back(std::move(T));
  }
  return R;
}

} // namespace cli
} // namespace torchshape
