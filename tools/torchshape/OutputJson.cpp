//===- OutputJson.cpp - --format=json ------------------------------------===//
#include "Output.h"
#include "OutputShapes.h"

#include "llvm/Support/JSON.h"

namespace torchshape {
namespace cli {

namespace {

void place(llvm::json::OStream &J, const Place &P) {
  J.attribute("file", P.File);
  J.attribute("line", P.Line);
  J.attribute("column", P.Column);
}

void fixIts(llvm::json::OStream &J, const std::vector<Edit> &Edits) {
  J.attributeArray("fixIts", [&] {
    for (const Edit &E : Edits)
      J.object([&] {
        place(J, E.Begin);
        J.attribute("endLine", E.End.Line);
        J.attribute("endColumn", E.End.Column);
        J.attribute("offset", E.Begin.Offset);
        J.attribute("length", E.length());
        J.attribute("replacement", E.Text);
      });
  });
}

} // namespace

void writeJson(llvm::raw_ostream &OS, const std::vector<FileReport> &Reports) {
  llvm::json::OStream J(OS, 2);
  writeJsonFindings(J, Reports);
  OS << "\n";
}

void writeJsonFindings(llvm::json::OStream &J, const std::vector<FileReport> &Reports) {
  J.array([&] {
    for (const FileReport &R : Reports)
      for (const FindingRecord &F : R.Findings)
        J.object([&] {
          J.attribute("check", F.Check);
          J.attribute("level", F.IsError ? "error" : "warning");
          place(J, F.At);
          J.attribute("message", F.Message);
          J.attributeArray("notes", [&] {
            for (const NoteRecord &N : F.Notes)
              J.object([&] {
                place(J, N.At);
                J.attribute("message", N.Message);
                fixIts(J, N.Fixes);
              });
          });
          fixIts(J, F.Fixes);
        });
    // Where an analysis stopped short, as notes of their own kind: a bug
    // past them may be missed.
    for (const FileReport &R : Reports)
      for (const CutShortRecord &C : R.CutShort)
        J.object([&] {
          J.attribute("check", "torchshape-analysis-incomplete");
          J.attribute("level", "note");
          place(J, C.At);
          J.attribute("message", "analysis incomplete: " + C.Reason + ": " + C.Detail);
          J.attributeArray("notes", [] {});
          J.attributeArray("fixIts", [] {});
        });
  });
}

} // namespace cli
} // namespace torchshape
