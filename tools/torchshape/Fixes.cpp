//===- Fixes.cpp - --export-fixes, --fix, --fix-notes --------------------===//
#include "Fixes.h"

#include "SafeWrite.h"

#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
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
  std::string Text;
  {
    llvm::raw_string_ostream OS(Text);
    llvm::yaml::Output YAML(OS);
    YAML << TUD;
  }
  return writeFileSafely(Path, Text, Error);
}

ApplyResult applyFixes(const std::vector<FileReport> &Reports, bool FixNotes) {
  ApplyResult Result;
  // What each file looked like when it was analysed.  Two translation units
  // that saw different contents of one header saw it change mid-run.
  std::map<std::string, std::string> Hash;
  std::set<std::string> Changed;
  for (const FileReport &R : Reports)
    for (const auto &[File, H] : R.AnalysedHash) {
      auto [It, New] = Hash.emplace(File, H);
      if (!New && It->second != H)
        Changed.insert(File);
    }
  // The same finding in a header can come from several translation units:
  // each distinct fix counts once.
  std::set<std::vector<std::tuple<std::string, unsigned, unsigned, std::string>>> Seen;
  std::map<std::string, Replacements> PerFile;
  std::vector<std::set<std::string>> FilesOfFix; // of each fix taken
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
      std::set<std::string> Files;
      for (const Edit &E : *Fix) {
        Files.insert(E.Begin.File);
        if (llvm::Error Err = Trial[E.Begin.File].add(
                Replacement(E.Begin.File, E.Begin.Offset, E.length(), E.Text))) {
          llvm::consumeError(std::move(Err));
          OK = false;
        }
      }
      if (!OK) {
        Result.Conflicts.push_back(F.At.File + ":" + std::to_string(F.At.Line) +
                                   ": the fix conflicts with another fix; not applied");
        continue;
      }
      PerFile = std::move(Trial);
      FilesOfFix.push_back(std::move(Files));
    }
  testPause("before-fix");
  // A file is written whole or not at all (SafeWrite.h); a fix counts as
  // applied once every file it edits has been renamed into place.
  std::set<std::string> Written;
  for (const auto &[File, Reps] : PerFile) {
    auto Buf = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false);
    if (!Buf) {
      Result.Errors.push_back(File + ": " + Buf.getError().message() + "; not changed");
      continue;
    }
    auto H = Hash.find(File);
    if (Changed.count(File) || H == Hash.end() ||
        H->second != contentHash((*Buf)->getBuffer())) {
      Result.Errors.push_back(File + ": changed since it was analysed; its fixes were not "
                                     "applied (run torchshape again)");
      continue;
    }
    llvm::Expected<std::string> New =
        clang::tooling::applyAllReplacements((*Buf)->getBuffer(), Reps);
    if (!New) {
      Result.Errors.push_back(File + ": " + llvm::toString(New.takeError()) + "; not changed");
      continue;
    }
    std::string Error;
    if (!writeFileSafely(File, *New, Error)) {
      Result.Errors.push_back(File + ": cannot write it: " + Error + "; not changed");
      continue;
    }
    Written.insert(File);
  }
  for (const std::set<std::string> &Files : FilesOfFix)
    if (std::all_of(Files.begin(), Files.end(),
                    [&](const std::string &F) { return Written.count(F); }))
      ++Result.Applied;
  return Result;
}

} // namespace cli
} // namespace torchshape
