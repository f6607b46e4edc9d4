//===- Fixes.cpp - --export-fixes, --fix, --fix-notes --------------------===//
#include "Fixes.h"

#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <set>
#include <tuple>

namespace torchshape {
namespace cli {

using clang::tooling::Replacement;
using clang::tooling::Replacements;

const std::vector<Edit> *chosenFix(const FindingRecord &F, bool FixNotes, int *NoteIndex) {
  if (NoteIndex)
    *NoteIndex = -1;
  if (!F.Fixes.empty())
    return &F.Fixes;
  if (!FixNotes)
    return nullptr;
  const std::vector<Edit> *Found = nullptr;
  for (size_t I = 0; I < F.Notes.size(); ++I) {
    if (F.Notes[I].Fixes.empty())
      continue;
    if (Found)
      return nullptr; // more than one candidate: none is certain
    Found = &F.Notes[I].Fixes;
    if (NoteIndex)
      *NoteIndex = static_cast<int>(I);
  }
  return Found;
}

namespace {
void addEdits(llvm::StringMap<Replacements> &Fix, const std::vector<Edit> &Edits) {
  for (const Edit &E : Edits)
    llvm::consumeError(
        Fix[E.Begin.File].add(Replacement(E.Begin.File, E.Begin.Offset, E.length(), E.Text)));
}
} // namespace

bool exportFixes(const std::string &Path, const std::string &MainSourceFile,
                 const std::vector<FileReport> &Reports, bool FixNotes, std::string &Error) {
  clang::tooling::TranslationUnitDiagnostics TUD;
  TUD.MainSourceFile = MainSourceFile;
  for (const FileReport &R : Reports)
    for (const FindingRecord &F : R.Findings) {
      clang::tooling::Diagnostic D;
      D.DiagnosticName = F.Check;
      D.DiagLevel = F.IsError ? clang::tooling::Diagnostic::Error
                              : clang::tooling::Diagnostic::Warning;
      D.BuildDirectory = R.BuildDir;
      D.Message.Message = F.Message;
      D.Message.FilePath = F.At.File;
      D.Message.FileOffset = F.At.Offset;
      int NoteIndex = -1;
      const std::vector<Edit> *Chosen = chosenFix(F, FixNotes, &NoteIndex);
      if (Chosen && NoteIndex < 0)
        addEdits(D.Message.Fix, *Chosen);
      for (size_t I = 0; I < F.Notes.size(); ++I) {
        clang::tooling::DiagnosticMessage N;
        N.Message = F.Notes[I].Message;
        N.FilePath = F.Notes[I].At.File;
        N.FileOffset = F.Notes[I].At.Offset;
        if (Chosen && NoteIndex == static_cast<int>(I))
          addEdits(N.Fix, *Chosen);
        D.Notes.push_back(std::move(N));
      }
      TUD.Diagnostics.push_back(std::move(D));
    }
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_Text);
  if (EC) {
    Error = EC.message();
    return false;
  }
  llvm::yaml::Output YAML(OS);
  YAML << TUD;
  return true;
}

ApplyResult applyFixes(const std::vector<FileReport> &Reports, bool FixNotes) {
  ApplyResult Result;
  // The same finding in a header can come from several translation units:
  // each distinct fix counts once.
  std::set<std::vector<std::tuple<std::string, unsigned, unsigned, std::string>>> Seen;
  std::map<std::string, Replacements> PerFile;
  for (const FileReport &R : Reports)
    for (const FindingRecord &F : R.Findings) {
      const std::vector<Edit> *Fix = chosenFix(F, FixNotes);
      if (!Fix)
        continue;
      std::vector<std::tuple<std::string, unsigned, unsigned, std::string>> Key;
      for (const Edit &E : *Fix)
        Key.emplace_back(E.Begin.File, E.Begin.Offset, E.length(), E.Text);
      if (!Seen.insert(Key).second)
        continue;
      ++Result.Suggested;
      // All edits of a fix, or none.
      std::map<std::string, Replacements> Trial = PerFile;
      bool OK = true;
      for (const Edit &E : *Fix)
        if (llvm::Error Err = Trial[E.Begin.File].add(
                Replacement(E.Begin.File, E.Begin.Offset, E.length(), E.Text))) {
          llvm::consumeError(std::move(Err));
          OK = false;
        }
      if (!OK) {
        Result.Errors.push_back(F.At.File + ":" + std::to_string(F.At.Line) +
                                ": the fix conflicts with another fix; not applied");
        continue;
      }
      PerFile = std::move(Trial);
      ++Result.Applied;
    }
  for (const auto &[File, Reps] : PerFile) {
    auto Buf = llvm::MemoryBuffer::getFile(File);
    if (!Buf) {
      Result.Errors.push_back(File + ": " + Buf.getError().message());
      continue;
    }
    llvm::Expected<std::string> New =
        clang::tooling::applyAllReplacements((*Buf)->getBuffer(), Reps);
    if (!New) {
      Result.Errors.push_back(File + ": " + llvm::toString(New.takeError()));
      continue;
    }
    std::error_code EC;
    llvm::raw_fd_ostream OS(File, EC, llvm::sys::fs::OF_None);
    if (EC) {
      Result.Errors.push_back(File + ": " + EC.message());
      continue;
    }
    OS << *New;
  }
  return Result;
}

} // namespace cli
} // namespace torchshape
